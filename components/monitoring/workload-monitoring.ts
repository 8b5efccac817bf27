/**
 * The environment's monitoring objects: each workload's ServiceMonitor or PodMonitor and its
 * PrometheusRule, and the alerts of its data stores, for the cluster's Prometheus (installed by the cluster's add-on owner, whose
 * chart brings the CRDs). Registers only.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { inheritedDependsOn } from "../transform";
import { monitorObject, ruleObject, storeRulesObject } from "../../builders/monitoring";
import type { EnvironmentPlan, MonitoringPlan } from "../../planner";

export interface WorkloadMonitoringArgs {
  plan: EnvironmentPlan;
  /** `plan.monitoring`. Caution: object names are the workloads'; renaming an entry replaces them. */
  monitoring: MonitoringPlan;
}

export class WorkloadMonitoring extends pulumi.ComponentResource {
  constructor(name: string, args: WorkloadMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:monitoring:WorkloadMonitoring", name, {}, opts);
    const after = inheritedDependsOn(opts);
    const child = { parent: this, dependsOn: after };
    for (const w of args.monitoring.workloads) {
      new k8s.apiextensions.CustomResource(
        `${name}-${w.workload}-monitor`,
        monitorObject(args.plan, w),
        child,
      );
      new k8s.apiextensions.CustomResource(
        `${name}-${w.workload}-rules`,
        ruleObject(args.plan, args.monitoring, w),
        child,
      );
    }
    // The data stores' alerts, on the metrics the cluster's CloudWatch exporter reads.
    const stores = storeRulesObject(args.plan, args.monitoring);
    if (stores) new k8s.apiextensions.CustomResource(`${name}-data-stores-rules`, stores, child);
    this.registerOutputs({});
  }
}
