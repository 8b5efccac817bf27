/**
 * What watches each workload, from the catalog: how its metrics are scraped (a ServiceMonitor
 * where it has a Service, a PodMonitor otherwise), its objective (the entry's, or its kind's
 * default) with the multi-window burn-rate alerts that defend it, the team its alerts page, and
 * its dashboard. Pure: builders/monitoring renders the objects.
 */
import { DEFAULT_OBJECTIVES, OBJECTIVE_WINDOW_DAYS } from "../config/objectives";
import type { Catalog, ObjectiveSpec } from "../config/types";
import type { EnvironmentPlan } from "./plan-types";
import { planStoreAlerts, type StoreAlertPlan } from "./store-alerts";

/**
 * Multi-window, multi-burn-rate alerts (The Site Reliability Workbook, ch. 5): each fires when
 * both its long and its short window burn the error budget `factor` times faster than allowed.
 */
export const BURN_RATE_WINDOWS = [
  { severity: "critical", long: "1h", short: "5m", factor: 14.4 },
  { severity: "critical", long: "6h", short: "30m", factor: 6 },
  { severity: "warning", long: "1d", short: "2h", factor: 3 },
  { severity: "warning", long: "3d", short: "6h", factor: 1 },
] as const;

export interface WorkloadMonitoringPlan {
  workload: string;
  /** The team paged (`owner` in the catalog), as the alerts' `team` label. */
  team: string;
  monitor: { kind: "ServiceMonitor" | "PodMonitor"; port: "metrics"; path: string; interval: string };
  /** Absent for workers: they serve no requests. */
  objective?: ObjectiveSpec & { windowDays: number; source: "entry" | "default" };
  /** The workloads it calls (from `needs`), shown on its dashboard. */
  dependencies: string[];
  dashboard: { uid: string; title: string };
}

export interface MonitoringPlan {
  /** Labels every alert carries, beside `team` and `severity`. */
  labels: { environment: string; cluster: string; namespace: string };
  workloads: WorkloadMonitoringPlan[];
  overview: { uid: string; title: string };
  /** Alerts on the environment's data stores (CloudWatch metrics through the cluster's exporter). */
  stores: StoreAlertPlan[];
}

/** Grafana dashboard uids are at most 40 characters. */
const uid = (...parts: string[]) => parts.join("-").slice(0, 40);

export function planMonitoring(catalog: Catalog, plan: EnvironmentPlan): MonitoringPlan {
  const deployed = new Set(plan.workloads.map((w) => w.name));
  return {
    labels: { environment: plan.environment, cluster: plan.cluster, namespace: plan.namespace },
    overview: { uid: uid("env", plan.environment), title: `${plan.environment}: overview` },
    stores: planStoreAlerts(plan),
    workloads: plan.workloads
      .filter((w) => w.metrics)
      .map((w) => {
        const e = catalog.entries[w.name]!;
        const objective = e.objectives ?? DEFAULT_OBJECTIVES[w.kind];
        return {
          workload: w.name,
          team: w.owner,
          monitor: {
            kind: w.service ? ("ServiceMonitor" as const) : ("PodMonitor" as const),
            port: "metrics" as const,
            path: w.metrics!.path,
            interval: "30s",
          },
          ...(objective
            ? {
                objective: {
                  ...objective,
                  windowDays: OBJECTIVE_WINDOW_DAYS,
                  source: e.objectives ? ("entry" as const) : ("default" as const),
                },
              }
            : {}),
          dependencies: (e.needs ?? []).filter((n) => deployed.has(n)).sort(),
          dashboard: { uid: uid(plan.environment, w.name), title: `${plan.environment}: ${w.name}` },
        };
      }),
  };
}
