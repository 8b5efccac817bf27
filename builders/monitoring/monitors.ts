/**
 * How the cluster's Prometheus finds a workload's metrics: a ServiceMonitor on its Service's
 * `metrics` port, or a PodMonitor on its pods' where it has no Service (workers). Both take the
 * `job` label from `app.kubernetes.io/name`, so every rule and dashboard selects `job="<workload>"`
 * whichever kind scraped it. Pure.
 */
import type { EnvironmentPlan, WorkloadMonitoringPlan } from "../../planner";
import { meta, platformLabels, selectorLabels, type CustomObject } from "../k8s/meta";
import { PROMETHEUS_SELECTOR } from "../k8s/prometheus";

/** The API group of the Prometheus Operator's objects. */
export const MONITORING_API = "monitoring.coreos.com/v1";
/** The label the cluster's Prometheus selects monitors and rules by (its chart's release label). */
export const MONITORING_SELECTOR = PROMETHEUS_SELECTOR;
export const JOB_LABEL = "app.kubernetes.io/name";

export function monitorObject(plan: EnvironmentPlan, m: WorkloadMonitoringPlan): CustomObject {
  const labels = { ...platformLabels(plan.environment), ...MONITORING_SELECTOR };
  const endpoint = { port: m.monitor.port, path: m.monitor.path, interval: m.monitor.interval };
  return {
    apiVersion: MONITORING_API,
    kind: m.monitor.kind,
    metadata: meta(plan, m.workload, labels),
    spec: {
      jobLabel: JOB_LABEL,
      selector: { matchLabels: selectorLabels(m.workload) },
      ...(m.monitor.kind === "ServiceMonitor"
        ? { endpoints: [endpoint] }
        : { podMetricsEndpoints: [endpoint] }),
    },
  };
}
