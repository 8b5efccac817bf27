/** Monitoring in the pull-request comment: each workload's monitor, objective, paged team, dashboard. */
import { BURN_RATE_WINDOWS, type MonitoringPlan } from "./monitoring";

export function monitoringMarkdown(m: MonitoringPlan): string[] {
  if (!m.workloads.length) return [];
  const out = [
    "#### Monitoring",
    "",
    `Objectives over ${m.workloads.find((w) => w.objective)?.objective?.windowDays ?? 30} days, each defended by ${BURN_RATE_WINDOWS.length} burn-rate alerts per dimension (${BURN_RATE_WINDOWS.map((w) => `${w.long}/${w.short} ×${w.factor}`).join(", ")}); every workload also alerts when down or degraded. Alerts page the team.`,
    "",
    "| workload | scraped by | objective | team | dashboard |",
    "|---|---|---|---|---|",
  ];
  for (const w of m.workloads) {
    const o = w.objective;
    const objective = o
      ? `${o.availability}% available${o.latency ? `, ${o.latency.percent}% within ${o.latency.thresholdMs} ms` : ""}${o.source === "default" ? " (kind's default)" : ""}`
      : "— (serves no requests)";
    out.push(`| ${w.workload} | ${w.monitor.kind} | ${objective} | ${w.team} | \`${w.dashboard.uid}\` |`);
  }
  out.push("");
  return out;
}
