/**
 * The values of each cluster's kube-prometheus-stack: Prometheus in server mode (it evaluates the
 * cluster's alert rules: agent mode evaluates none), selecting every namespace's monitors and
 * rules that carry the release's label, kube-state-metrics and the kubelet's metrics, and
 * encrypted, retained storage sized by the owner's tier. Grafana and Alertmanager run centrally
 * (platform-shared), not in every cluster. Pure.
 */
import { KUBE_PROMETHEUS_STACK } from "../../config/addons";
import type { EnvironmentPlan } from "../../planner";
import { ENCRYPTED_STORAGE_CLASS } from "../../planner/data/clickhouse";

/** The label the chart's Prometheus selects monitors and rules by (`release: <release name>`). */
export const PROMETHEUS_SELECTOR = { release: KUBE_PROMETHEUS_STACK.chart } as const;

/** Local retention: long enough for the burn-rate windows (3 days) and an incident's review. */
const RETENTION = {
  production: { time: "15d", size: "90GB", volume: "100Gi", replicas: 2 },
  staging: { time: "7d", size: "45GB", volume: "50Gi", replicas: 1 },
  development: { time: "4d", size: "18GB", volume: "20Gi", replicas: 1 },
} as const;

export function prometheusValues(plan: EnvironmentPlan): Record<string, unknown> {
  const r = RETENTION[plan.tier];
  return {
    // Grafana and Alertmanager are the central ones (platform-shared).
    grafana: { enabled: false },
    alertmanager: { enabled: false },
    // node-exporter needs the host's network and PID namespaces: not in a baseline namespace.
    // Container metrics come from the kubelet's cAdvisor, which the chart scrapes.
    nodeExporter: { enabled: false },
    kubeStateMetrics: { enabled: true },
    // helm.v4.Chart leaves hooks out, and the chart's hook Jobs are what would create the admission
    // webhook's certificate Secret the operator mounts: cert-manager issues it instead.
    prometheusOperator: { admissionWebhooks: { certManager: { enabled: true } } },
    prometheus: {
      prometheusSpec: {
        replicas: r.replicas,
        retention: r.time,
        retentionSize: r.size,
        externalLabels: { cluster: plan.cluster },
        // Monitors and rules of every namespace, when labelled for this release.
        serviceMonitorSelectorNilUsesHelmValues: true,
        podMonitorSelectorNilUsesHelmValues: true,
        ruleSelectorNilUsesHelmValues: true,
        serviceMonitorNamespaceSelector: {},
        podMonitorNamespaceSelector: {},
        ruleNamespaceSelector: {},
        resources: {
          requests: { cpu: "500m", memory: "2Gi" },
          limits: { memory: "4Gi" },
        },
        storageSpec: {
          volumeClaimTemplate: {
            spec: {
              storageClassName: ENCRYPTED_STORAGE_CLASS,
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: r.volume } },
            },
          },
        },
      },
    },
  };
}
