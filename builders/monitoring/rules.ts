/**
 * A workload's alert rules, as a PrometheusRule its cluster's Prometheus evaluates: recording
 * rules of its error and slow-request ratios over each burn-rate window, the multi-window
 * burn-rate alerts of its objective (availability and latency), and alerts on running at all.
 * Every alert carries its team, severity and environment: Alertmanager routes on `team`.
 *
 * Metrics are the OpenTelemetry HTTP semantic conventions as Prometheus exposes them:
 * `http_server_request_duration_seconds` (a histogram) with `http_response_status_code`.
 */
import {
  BURN_RATE_WINDOWS,
  type EnvironmentPlan,
  type MonitoringPlan,
  type WorkloadMonitoringPlan,
} from "../../planner";
import { meta, platformLabels, type CustomObject } from "../k8s/meta";
import { MONITORING_API, MONITORING_SELECTOR } from "./monitors";

export const REQUESTS = "http_server_request_duration_seconds";

export interface RuleSpec {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Windows the recording rules cover: every burn-rate window, long and short. */
export function ruleWindows(): string[] {
  return [...new Set(BURN_RATE_WINDOWS.flatMap((w) => [w.short, w.long]))];
}

/** The share of requests an objective of `percent` may fail (its error budget). */
export const errorBudget = (percent: number) => Number((1 - percent / 100).toPrecision(6));

/** The `le` of a bucket boundary, whether exposed as `1` or (Prometheus 3) normalised to `1.0`. */
export function leMatcher(seconds: number): string {
  return Number.isInteger(seconds) ? `le=~"${seconds}|${seconds}[.]0"` : `le="${seconds}"`;
}

export function workloadRules(monitoring: MonitoringPlan, m: WorkloadMonitoringPlan): RuleSpec[] {
  const sel = `namespace="${monitoring.labels.namespace}", job="${m.workload}"`;
  const labels = (severity: string) => ({
    severity,
    team: m.team,
    environment: monitoring.labels.environment,
    workload: m.workload,
  });
  const runbook = (what: string) => ({
    dashboard: `/d/${m.dashboard.uid}`,
    summary: `${m.workload} in ${monitoring.labels.environment}: ${what}`,
  });
  const rules: RuleSpec[] = [
    {
      alert: "WorkloadDown",
      // No target at all counts as down too.
      expr: `(sum(up{${sel}}) or vector(0)) == 0`,
      for: "5m",
      labels: labels("critical"),
      annotations: runbook("no pod answers its metrics scrape"),
    },
    {
      alert: "WorkloadDegraded",
      expr: `kube_deployment_status_replicas_available{namespace="${monitoring.labels.namespace}", deployment="${m.workload}"} < kube_deployment_spec_replicas{namespace="${monitoring.labels.namespace}", deployment="${m.workload}"}`,
      for: "15m",
      labels: labels("warning"),
      annotations: runbook("fewer pods available than desired for 15 minutes"),
    },
  ];
  const o = m.objective;
  if (!o) return rules;
  for (const w of ruleWindows()) {
    rules.push({
      record: `workload:http_error_ratio:rate${w}`,
      expr: `sum(rate(${REQUESTS}_count{${sel}, http_response_status_code=~"5.."}[${w}])) / sum(rate(${REQUESTS}_count{${sel}}[${w}]))`,
      labels: { namespace: monitoring.labels.namespace, job: m.workload },
    });
    if (o.latency)
      rules.push({
        record: `workload:http_slow_ratio:rate${w}`,
        expr: `1 - sum(rate(${REQUESTS}_bucket{${sel}, ${leMatcher(o.latency.thresholdMs / 1000)}}[${w}])) / sum(rate(${REQUESTS}_count{${sel}}[${w}]))`,
        labels: { namespace: monitoring.labels.namespace, job: m.workload },
      });
  }
  const burn = (name: string, recorded: string, percent: number, what: string): RuleSpec[] =>
    BURN_RATE_WINDOWS.map((w) => {
      const threshold = Number((w.factor * errorBudget(percent)).toPrecision(6));
      const at = (window: string) => `${recorded}:rate${window}{${sel}}`;
      return {
        alert: name,
        expr: `${at(w.long)} > ${threshold} and ${at(w.short)} > ${threshold}`,
        for: w.severity === "critical" ? "2m" : "15m",
        labels: { ...labels(w.severity), window: w.long },
        annotations: runbook(
          `${what} burns the ${percent}% objective's ${o.windowDays}-day budget ${w.factor}× too fast (${w.long} and ${w.short})`,
        ),
      };
    });
  rules.push(...burn("ErrorBudgetBurn", "workload:http_error_ratio", o.availability, "the 5xx ratio"));
  if (o.latency)
    rules.push(
      ...burn(
        "LatencyBudgetBurn",
        "workload:http_slow_ratio",
        o.latency.percent,
        `the share of requests slower than ${o.latency.thresholdMs} ms`,
      ),
    );
  return rules;
}

/** One PrometheusRule per workload, in its namespace, selected by the cluster's Prometheus. */
export function ruleObject(
  plan: EnvironmentPlan,
  monitoring: MonitoringPlan,
  m: WorkloadMonitoringPlan,
): CustomObject {
  const all = workloadRules(monitoring, m);
  return {
    apiVersion: MONITORING_API,
    kind: "PrometheusRule",
    metadata: meta(plan, m.workload, { ...platformLabels(plan.environment), ...MONITORING_SELECTOR }),
    spec: {
      groups: [
        ...(all.some((r) => r.record)
          ? [{ name: `${m.workload}.recording`, interval: "1m", rules: all.filter((r) => r.record) }]
          : []),
        { name: `${m.workload}.alerts`, rules: all.filter((r) => r.alert) },
      ],
    },
  };
}

/** The environment's data-store alerts, one group per store, for the cluster's Prometheus; undefined without stores. */
export function storeRulesObject(
  plan: EnvironmentPlan,
  monitoring: MonitoringPlan,
): CustomObject | undefined {
  if (!monitoring.stores.length) return undefined;
  return {
    apiVersion: MONITORING_API,
    kind: "PrometheusRule",
    metadata: meta(plan, "data-stores", { ...platformLabels(plan.environment), ...MONITORING_SELECTOR }),
    spec: {
      groups: monitoring.stores.map((s) => ({
        name: `${s.store}.alerts`,
        rules: s.alerts.map((a) => ({
          alert: a.alert,
          expr: a.expr,
          for: a.for,
          labels: {
            severity: a.severity,
            team: s.team,
            environment: monitoring.labels.environment,
            store: s.store,
          },
          annotations: { summary: `${a.summary} (${monitoring.labels.environment})` },
        })),
      })),
    },
  };
}
