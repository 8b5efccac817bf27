/**
 * Grafana dashboards as code, from the plan: one per workload (requests, errors against its
 * objective, latency, saturation, pods, and links to the dashboards of what it calls) and one
 * overview per environment. Plain Grafana JSON models (schemaVersion 39), with the Prometheus
 * data source as a variable so that one model serves every environment. Pure.
 */
import type { MonitoringPlan, WorkloadMonitoringPlan } from "../../planner";
import { errorBudget, REQUESTS } from "./rules";

export interface Dashboard {
  uid: string;
  title: string;
  tags: string[];
  schemaVersion: number;
  time: { from: string; to: string };
  templating: { list: Record<string, unknown>[] };
  links: { title: string; url: string; type: "link" }[];
  panels: Panel[];
}

export interface Panel {
  id: number;
  type: "timeseries" | "stat" | "table";
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource: { type: "prometheus"; uid: "${datasource}" };
  targets: { refId: string; expr: string; legendFormat?: string }[];
  fieldConfig?: Record<string, unknown>;
}

const DATASOURCE = { type: "prometheus" as const, uid: "${datasource}" as const };
const templating = {
  list: [{ name: "datasource", type: "datasource", query: "prometheus", label: "Prometheus" }],
};

/** The label each replica of a cluster's Prometheus adds to the series it remote-writes. */
export const REPLICA_LABEL = "prometheus_replica";

/**
 * An expression over the central Prometheus, where a cluster's replicated Prometheus writes every
 * series once per replica: each selector (inside `rate` or bare) keeps one copy, so that sums do
 * not count twice.
 */
export function deduplicated(expr: string): string {
  const one = (x: string) => `max without (${REPLICA_LABEL}) (${x})`;
  return expr
    .replace(/rate\(([A-Za-z_:][\w:]*\{[^}]*\}\[\w+\])\)/g, (_, sel: string) => one(`rate(${sel})`))
    .replace(/(?<![\w:])([A-Za-z_:][\w:]*)\{([^}]*)\}(?!\[)/g, (m: string) => one(m));
}

function panels(specs: Omit<Panel, "id" | "gridPos" | "datasource">[]): Panel[] {
  // Two columns of 12, 8 rows high.
  return specs.map((p, i) => ({
    ...p,
    targets: p.targets.map((t) => ({ ...t, expr: deduplicated(t.expr) })),
    id: i + 1,
    gridPos: { x: (i % 2) * 12, y: Math.floor(i / 2) * 8, w: 12, h: 8 },
    datasource: DATASOURCE,
  }));
}

export function workloadDashboard(monitoring: MonitoringPlan, m: WorkloadMonitoringPlan): Dashboard {
  const ns = monitoring.labels.namespace;
  const sel = `namespace="${ns}", job="${m.workload}"`;
  const o = m.objective;
  const specs: Omit<Panel, "id" | "gridPos" | "datasource">[] = [
    {
      type: "timeseries",
      title: "Requests per second, by status",
      targets: [
        {
          refId: "A",
          expr: `sum by (http_response_status_code) (rate(${REQUESTS}_count{${sel}}[5m]))`,
          legendFormat: "{{http_response_status_code}}",
        },
      ],
    },
    {
      type: "timeseries",
      title: o ? `Error ratio (objective ${o.availability}%)` : "Error ratio",
      targets: [
        {
          refId: "A",
          expr: `sum(rate(${REQUESTS}_count{${sel}, http_response_status_code=~"5.."}[5m])) / sum(rate(${REQUESTS}_count{${sel}}[5m]))`,
          legendFormat: "5xx ratio",
        },
      ],
      fieldConfig: {
        defaults: {
          unit: "percentunit",
          ...(o
            ? {
                thresholds: {
                  mode: "absolute",
                  steps: [
                    { color: "green", value: null },
                    { color: "red", value: errorBudget(o.availability) },
                  ],
                },
              }
            : {}),
        },
      },
    },
    {
      type: "timeseries",
      title: o?.latency
        ? `Latency (objective: ${o.latency.percent}% within ${o.latency.thresholdMs} ms)`
        : "Latency",
      targets: [0.5, 0.95, 0.99].map((q, i) => ({
        refId: String.fromCharCode(65 + i),
        expr: `histogram_quantile(${q}, sum by (le) (rate(${REQUESTS}_bucket{${sel}}[5m])))`,
        legendFormat: `p${q * 100}`,
      })),
      fieldConfig: { defaults: { unit: "s" } },
    },
    {
      type: "timeseries",
      title: "CPU used / limit",
      targets: [
        {
          refId: "A",
          expr: `sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="${ns}", pod=~"${m.workload}-.*", container="${m.workload}"}[5m])) / sum by (pod) (kube_pod_container_resource_limits{namespace="${ns}", pod=~"${m.workload}-.*", container="${m.workload}", resource="cpu"})`,
          legendFormat: "{{pod}}",
        },
      ],
      fieldConfig: { defaults: { unit: "percentunit" } },
    },
    {
      type: "timeseries",
      title: "Memory used / limit",
      targets: [
        {
          refId: "A",
          expr: `sum by (pod) (container_memory_working_set_bytes{namespace="${ns}", pod=~"${m.workload}-.*", container="${m.workload}"}) / sum by (pod) (kube_pod_container_resource_limits{namespace="${ns}", pod=~"${m.workload}-.*", container="${m.workload}", resource="memory"})`,
          legendFormat: "{{pod}}",
        },
      ],
      fieldConfig: { defaults: { unit: "percentunit" } },
    },
    {
      type: "stat",
      title: "Pods available / desired",
      targets: [
        {
          refId: "A",
          expr: `kube_deployment_status_replicas_available{namespace="${ns}", deployment="${m.workload}"}`,
          legendFormat: "available",
        },
        {
          refId: "B",
          expr: `kube_deployment_spec_replicas{namespace="${ns}", deployment="${m.workload}"}`,
          legendFormat: "desired",
        },
      ],
    },
  ];
  return {
    uid: m.dashboard.uid,
    title: m.dashboard.title,
    tags: ["ecommerce-platform", monitoring.labels.environment, m.team],
    schemaVersion: 39,
    time: { from: "now-6h", to: "now" },
    templating,
    // What it calls: each dependency's own dashboard, one click away.
    links: m.dependencies.map((d) => ({
      title: d,
      url: `/d/${dependencyUid(monitoring, d)}`,
      type: "link" as const,
    })),
    panels: panels(specs),
  };
}

/** A dependency's dashboard uid, where it has one (a workload with metrics in the environment). */
function dependencyUid(monitoring: MonitoringPlan, name: string): string {
  return monitoring.workloads.find((w) => w.workload === name)?.dashboard.uid ?? monitoring.overview.uid;
}

export function overviewDashboard(monitoring: MonitoringPlan): Dashboard {
  const ns = monitoring.labels.namespace;
  return {
    uid: monitoring.overview.uid,
    title: monitoring.overview.title,
    tags: ["ecommerce-platform", monitoring.labels.environment],
    schemaVersion: 39,
    time: { from: "now-6h", to: "now" },
    templating,
    links: monitoring.workloads.map((w) => ({
      title: w.workload,
      url: `/d/${w.dashboard.uid}`,
      type: "link" as const,
    })),
    panels: panels([
      {
        type: "table",
        title: "Requests per second, by workload",
        targets: [{ refId: "A", expr: `sum by (job) (rate(${REQUESTS}_count{namespace="${ns}"}[5m]))` }],
      },
      {
        type: "table",
        title: "Error ratio, by workload",
        targets: [
          {
            refId: "A",
            expr: `sum by (job) (rate(${REQUESTS}_count{namespace="${ns}", http_response_status_code=~"5.."}[5m])) / sum by (job) (rate(${REQUESTS}_count{namespace="${ns}"}[5m]))`,
          },
        ],
      },
      {
        type: "table",
        title: "p99 latency, by workload",
        targets: [
          {
            refId: "A",
            expr: `histogram_quantile(0.99, sum by (job, le) (rate(${REQUESTS}_bucket{namespace="${ns}"}[5m])))`,
          },
        ],
      },
      {
        type: "table",
        title: "Firing alerts",
        targets: [
          {
            refId: "A",
            expr: `sum by (alertname, workload, severity) (ALERTS{environment="${monitoring.labels.environment}", alertstate="firing"})`,
          },
        ],
      },
    ]),
  };
}
