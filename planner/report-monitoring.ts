/**
 * Monitoring in the pull-request comment: each workload's monitor, objective, paged team and
 * dashboard; the data stores' alerts; the cluster's collectors (add-on owners); the central
 * services, their alert routes and the ingest host (the monitoring stack).
 */
import { BURN_RATE_WINDOWS, type MonitoringPlan } from "./monitoring";
import type { EnvironmentPlan } from "./plan-types";

export function monitoringMarkdown(plan: EnvironmentPlan): string[] {
  const m = plan.monitoring;
  const out: string[] = [];
  if (m?.workloads.length) {
    out.push(
      "#### Monitoring",
      "",
      `Objectives over ${m.workloads.find((w) => w.objective)?.objective?.windowDays ?? 30} days, each defended by ${BURN_RATE_WINDOWS.length} burn-rate alerts per dimension (${BURN_RATE_WINDOWS.map((w) => `${w.long}/${w.short} ×${w.factor}`).join(", ")}); every workload also alerts when down or degraded. Alerts page the team; the rules run in ${plan.cluster}'s Prometheus.`,
      "",
      "| workload | scraped by | objective | team | dashboard |",
      "|---|---|---|---|---|",
    );
    for (const w of m.workloads) {
      const o = w.objective;
      const objective = o
        ? `${o.availability}% available${o.latency ? `, ${o.latency.percent}% within ${o.latency.thresholdMs} ms` : ""}${o.source === "default" ? " (kind's default)" : ""}`
        : "— (serves no requests)";
      out.push(`| ${w.workload} | ${w.monitor.kind} | ${objective} | ${w.team} | \`${w.dashboard.uid}\` |`);
    }
    out.push("");
  }
  if (m) out.push(...storesMarkdown(m));
  if (plan.telemetry) {
    const t = plan.telemetry;
    out.push(
      "#### Cluster telemetry",
      "",
      `${t.cluster}'s collectors, installed by this stack in \`${t.namespace}\`: the OpenTelemetry Collector \`${t.collector.service}:${t.collector.port}\` (${t.collector.replicas} replicas; traces, logs, OTLP metrics), the cluster's Prometheus remote-writing and sending alerts, and the CloudWatch exporter (role \`${t.cloudwatch.roleName}\`, stores of ${t.cloudwatch.environments.join(", ")}). All ship to ${t.ingestOwner}'s ingest host, read from its outputs, as the cluster's consumer; the credential comes from Vault \`${t.credential.password.mount}/${t.credential.password.key}\`.`,
      "",
    );
  }
  if (plan.central) {
    const c = plan.central;
    out.push(
      "#### Central monitoring",
      "",
      "| service | Service | how |",
      "|---|---|---|",
      `| Prometheus | \`${c.services.prometheus.name}:${c.services.prometheus.port}\` | kube-prometheus-stack (release \`central\`), remote-write receiver, ${c.retention.metricsDays} days |`,
      `| Alertmanager | \`${c.services.alertmanager.name}:${c.services.alertmanager.port}\` | kube-prometheus-stack, ${c.alerting.teams.length} team routes + fallback |`,
      `| Grafana | \`${c.services.grafana.name}:${c.services.grafana.port}\` | OIDC (${c.sso.issuer}), data sources, every environment's dashboards |`,
      `| Loki | \`${c.services.loki.name}:${c.services.loki.port}\` | single binary, logs kept ${[...new Set(c.retention.logsByEnvironment.map((e) => e.days))].sort((a, b) => a - b).join("/")} days by tier |`,
      `| Tempo | \`${c.services.tempo.name}:${c.services.tempo.port}\` | single binary, ${c.retention.tracesDays} days |`,
      `| Jaeger UI | \`${c.services.jaeger.name}:${c.services.jaeger.port}\` | Grafana's trace view over Tempo |`,
      "",
      `Single sign-on: ${c.sso.clients.map((x) => `${x.entry} (${x.proxy ? `proxy \`${x.proxy.service}\`` : "Grafana's own"})`).join(", ")}. Ingest host ${c.ingest.url} (Kong basic auth, one consumer per cluster: ${c.ingest.clusters.map((x) => x.cluster).join(", ")}): ${Object.entries(
        c.ingest.routes,
      )
        .map(([k, r]) => `${k} \`${r.path}\` → ${r.service}:${r.port}`)
        .join(", ")}.`,
      "",
      "| team | critical (PagerDuty key) | warning (Slack webhook) |",
      "|---|---|---|",
      ...c.alerting.teams.map(
        (t) =>
          `| ${t.team} | \`${t.pagerduty.key}#${t.pagerduty.property}\` | \`${t.slack.key}#${t.slack.property}\` |`,
      ),
      "",
    );
  }
  return out;
}

function storesMarkdown(m: MonitoringPlan): string[] {
  if (!m.stores.length) return [];
  return [
    "#### Data-store alerts",
    "",
    "| store | team | alerts |",
    "|---|---|---|",
    ...m.stores.map(
      (s) => `| ${s.store} | ${s.team} | ${s.alerts.map((a) => `${a.alert} (${a.severity})`).join(", ")} |`,
    ),
    "",
  ];
}
