/**
 * Human-readable views of plans: the terminal summary, the pull-request comment (Markdown) and
 * the dependency graph (Mermaid). Every number is counted from the plan or the validation report.
 */
import { ADDONS, PINS_CHECKED_ON } from "../config/addons";
import type { Catalog } from "../config/types";
import { supportWarnings } from "./addon-support";
import { dataLayerMarkdown } from "./report-data";
import { cloudflareMarkdown } from "./report-cloudflare";
import { monitoringMarkdown } from "./report-monitoring";
import { vaultMarkdown } from "./report-vault";
import { sorted } from "./naming";
import type { EnvironmentPlan, WorkloadPlan } from "./plan";
import type { ValidationReport } from "./validate";

function countBy<T>(items: readonly T[], key: (t: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return sorted(m, ([k]) => k);
}

const fmtCounts = (c: [string, number][]) => c.map(([k, n]) => `${k} ${n}`).join(", ");

/** Plain numbers of one plan, shared by every view (and the stack outputs). */
export function planFigures(plan: EnvironmentPlan) {
  const pods = plan.workloads.reduce((s, w) => s + w.replicas, 0);
  const maxPods = plan.workloads.reduce((s, w) => s + (w.autoscaling?.maxReplicas ?? w.replicas), 0);
  return {
    workloads: plan.workloads.length,
    workloadsByKind: Object.fromEntries(countBy(plan.workloads, (w) => w.kind)),
    services: plan.workloads.filter((w) => w.service).length,
    pods,
    maxPods,
    dataStores: plan.dataStores.length,
    dataStoresByKind: Object.fromEntries(countBy(plan.dataStores, (d) => d.kind)),
    platformServices: plan.platformServices.length,
    publicHosts: plan.publicHosts.length,
    dnsRecords: plan.dnsRecords.length,
    edges: plan.edges.length,
    crossEnvironmentEdges: plan.edges.filter((e) => e.toEnvironment !== plan.environment).length,
    secretEnvVars: plan.workloads.reduce((s, w) => s + w.env.filter((v) => v.secret).length, 0),
    vaultPaths: new Set(plan.workloads.flatMap((w) => w.vaultPolicyPaths)).size,
  };
}

function dependencySamples(plan: EnvironmentPlan, max = 3): WorkloadPlan[] {
  return sorted(plan.workloads, (w) => `${String(1000 - w.egress.length).padStart(4, "0")}${w.name}`).slice(
    0,
    max,
  );
}

/** Terminal summary of one stack. */
export function formatPlanText(plan: EnvironmentPlan, catalog: Catalog): string {
  const f = planFigures(plan);
  const owner = catalog.clusters[plan.cluster]!.addonOwner;
  const lines = [
    `Stack ${plan.environment}: region ${plan.region} (${plan.domain}), cluster ${plan.cluster}, tier ${plan.tier}, namespace ${plan.namespace}`,
    `  cluster add-ons: ${plan.addonOwner ? "installed by this stack" : `installed by ${owner}`}${plan.clusterPeers.length ? `; shares the cluster with ${plan.clusterPeers.join(", ")}` : ""}`,
    `  workloads       ${f.workloads} (${fmtCounts(Object.entries(f.workloadsByKind))}); ${f.pods} pods at ${plan.replicas} replicas${f.maxPods > f.pods ? `, autoscaling to ${f.maxPods}` : ""}; ${f.services} with a Service`,
    `  data stores     ${f.dataStores}${f.dataStores ? ` (${fmtCounts(Object.entries(f.dataStoresByKind))})` : ""}`,
  ];
  if (f.platformServices)
    lines.push(
      `  platform        ${f.platformServices} (${plan.platformServices.map((p) => p.name).join(", ")})`,
    );
  lines.push(
    `  public hosts    ${f.publicHosts}; DNS records ${f.dnsRecords} in ${sorted(new Set(plan.dnsRecords.map((d) => d.zone))).join(", ") || "no zone"}`,
  );
  for (const h of plan.publicHosts) {
    const tls = h.tls.mode === "letsencrypt" ? `letsencrypt` : `custom ${h.tls.certificate}`;
    const via =
      h.backends.length > 1 || h.backends[0]!.service !== h.entry
        ? ` → ${h.backends.map((b) => `${b.path} ${b.service}`).join(", ")}`
        : "";
    lines.push(`    ${h.entry.padEnd(18)} ${h.url}  [${tls}${h.rateLimited ? ", rate limited" : ""}]${via}`);
  }
  lines.push(
    `  network edges   ${f.edges} (${fmtCounts(countBy(plan.edges, (e) => e.via))})${f.crossEnvironmentEdges ? `; ${f.crossEnvironmentEdges} cross-environment` : ""}`,
  );
  lines.push(
    `  secrets         ${f.secretEnvVars} variables from ${f.vaultPaths} Vault paths (delivered by External Secrets)`,
  );
  const samples = dependencySamples(plan);
  if (samples.length) {
    lines.push("  dependencies (most connected):");
    for (const w of samples)
      lines.push(
        `    ${w.name} → ${w.egress.map((e) => (e.toEnvironment === plan.environment ? e.to : `${e.to}@${e.toEnvironment}`)).join(", ")}`,
      );
  }
  return lines.join("\n");
}

/** The validation checks, one line each, with what each looked at. */
export function formatChecksText(report: ValidationReport): string {
  const lines = [
    `Checks (${report.checks.length} rules, ${report.problems.filter((p) => p.severity === "error").length} errors, ${report.problems.filter((p) => p.severity === "warning").length} warnings):`,
  ];
  for (const c of report.checks) {
    const mark = c.errors ? "✗" : c.warnings ? "!" : "✓";
    const tail = c.errors || c.warnings ? ` — ${c.errors} errors, ${c.warnings} warnings` : "";
    lines.push(`  ${mark} ${c.title} (${c.checked})${tail}`);
  }
  return lines.join("\n");
}

/** The pull-request comment for one stack. */
export function formatPlanMarkdown(
  plan: EnvironmentPlan,
  report: ValidationReport,
  resourceCounts?: readonly [string, number][],
): string {
  const f = planFigures(plan);
  const out: string[] = [];
  out.push(`### Plan for \`${plan.environment}\``);
  out.push("");
  out.push(
    `Region **${plan.region}** (${plan.domain}) · cluster **${plan.cluster}** · tier **${plan.tier}** · namespace \`${plan.namespace}\`${plan.addonOwner ? " · installs the cluster's add-ons" : ""}`,
  );
  out.push("");
  out.push("| what | count |", "|---|---:|");
  out.push(
    `| workloads | ${f.workloads} |`,
    `| pods (min → max) | ${f.pods} → ${f.maxPods} |`,
    `| data stores | ${f.dataStores} |`,
  );
  out.push(
    `| platform services | ${f.platformServices} |`,
    `| public hosts | ${f.publicHosts} |`,
    `| DNS records | ${f.dnsRecords} |`,
  );
  out.push(
    `| network edges | ${f.edges} |`,
    `| secret variables | ${f.secretEnvVars} |`,
    `| Vault paths | ${f.vaultPaths} |`,
  );
  out.push("");
  if (plan.publicHosts.length) {
    out.push("#### Public endpoints", "", "| entry | URL | TLS | backends |", "|---|---|---|---|");
    for (const h of plan.publicHosts) {
      const tls =
        h.tls.mode === "letsencrypt"
          ? `Let's Encrypt (${h.tls.issuer})`
          : `custom \`${h.tls.certificate}\` from Vault`;
      out.push(
        `| ${h.entry} | ${h.url} | ${tls} | ${h.backends.map((b) => `\`${b.path}\` → ${b.service}:${b.port}`).join("<br>")} |`,
      );
    }
    out.push("");
  }
  if (plan.workloads.length) {
    out.push(
      "#### Workloads",
      "",
      "| workload | kind | replicas | image | calls |",
      "|---|---|---:|---|---|",
    );
    for (const w of plan.workloads) {
      const scale = w.autoscaling ? `${w.replicas}–${w.autoscaling.maxReplicas}` : String(w.replicas);
      out.push(
        `| ${w.name} | ${w.kind} | ${scale} | \`${w.image}\` | ${w.egress.map((e) => (e.toEnvironment === plan.environment ? e.to : `${e.to}@${e.toEnvironment}`)).join(", ") || "—"} |`,
      );
    }
    out.push("");
  }
  if (plan.dataStores.length) {
    out.push(
      "#### Data stores",
      "",
      "| store | kind | engine | size | backups | used by |",
      "|---|---|---|---|---:|---|",
    );
    for (const d of plan.dataStores) {
      const size = `${d.sizing.nodes} × ${d.sizing.instanceClass}${d.sizing.storageGiB ? `, ${d.sizing.storageGiB} GiB` : ""}`;
      out.push(
        `| ${d.name} | ${d.kind} | ${d.engineVersion} | ${size} | ${d.backupRetentionDays} d | ${[...d.consumers, ...d.remoteConsumers].join(", ") || "—"} |`,
      );
    }
    out.push("");
  }
  if (resourceCounts?.length) {
    const total = resourceCounts.reduce((n, [, c]) => n + c, 0);
    out.push(`#### Resources the stack registers (${total})`, "", "| type | count |", "|---|---:|");
    for (const [type, n] of resourceCounts) out.push(`| \`${type}\` | ${n} |`);
    out.push("");
  }
  if (plan.data) out.push(...dataLayerMarkdown(plan.data));
  if (plan.vault) out.push(...vaultMarkdown(plan.vault));
  if (plan.cloudflare) out.push(...cloudflareMarkdown(plan.cloudflare));
  out.push(...monitoringMarkdown(plan));
  if (plan.addonOwner) out.push(...addonsMarkdown(plan));
  out.push("#### Checks", "");
  for (const c of report.checks) {
    const mark = c.errors ? "❌" : c.warnings ? "⚠️" : "✅";
    out.push(
      `- ${mark} ${c.title} — ${c.checked}${c.errors || c.warnings ? ` (${c.errors} errors, ${c.warnings} warnings)` : ""}`,
    );
  }
  const warnings = report.problems.filter((p) => p.severity === "warning");
  if (warnings.length) {
    out.push("", "<details><summary>Warnings</summary>", "");
    for (const w of warnings) out.push(`- \`${w.path}\`: ${w.message}. Fix: ${w.fix}`);
    out.push("", "</details>");
  }
  out.push("");
  return out.join("\n");
}

const mermaidId = (s: string) => s.replace(/[^A-Za-z0-9_]/g, "_");

/** Mermaid flowchart of the environment's dependencies, grouped by how each entry is hosted. */
export function formatPlanMermaid(plan: EnvironmentPlan): string {
  const out = ["flowchart LR"];
  const nodes = new Map<string, string>();
  const node = (name: string, env: string, group: string) => {
    const id = mermaidId(env === plan.environment ? name : `${name}@${env}`);
    if (!nodes.has(id))
      nodes.set(id, `${id}["${env === plan.environment ? name : `${name} (${env})`}"]:::${mermaidId(group)}`);
    return id;
  };
  for (const h of plan.publicHosts)
    out.push(
      `  internet(("internet")) -->|${h.host}| ${node(h.entry, plan.environment, h.gateway ? "gateway" : "public")}`,
    );
  for (const w of plan.workloads) node(w.name, plan.environment, w.public ? "public" : "workload");
  for (const e of plan.edges) {
    const to = node(e.to, e.toEnvironment, e.via === "deployment" ? "workload" : e.via);
    const from = node(e.from, plan.environment, "workload");
    out.push(`  ${from} ${e.toEnvironment === plan.environment ? "-->" : "-.->"} ${to}`);
  }
  const body = [...nodes.values()].map((n) => `  ${n}`);
  out.splice(1, 0, ...sorted(body));
  out.push(
    "  classDef workload fill:#e8f0fe,stroke:#4a6fa5",
    "  classDef public fill:#fde8e8,stroke:#a54a4a",
    "  classDef gateway fill:#fff4d6,stroke:#a58a4a",
    "  classDef managed fill:#e6f4ea,stroke:#4a8a5a",
    "  classDef platform fill:#f3e8fd,stroke:#7a4aa5",
    "  classDef vault fill:#eeeeee,stroke:#555555",
    "  classDef aws_endpoint fill:#e6f4ea,stroke:#4a8a5a",
    "  classDef external_endpoint fill:#eeeeee,stroke:#555555",
  );
  return out.join("\n") + "\n";
}

/** The cluster add-ons an owner stack installs: versions, support, and pins past their support. */
function addonsMarkdown(plan: EnvironmentPlan): string[] {
  const out = [
    `#### Cluster add-ons of ${plan.cluster} (pins checked on ${PINS_CHECKED_ON})`,
    "",
    "| add-on | chart | runs | released | Kubernetes | support |",
    "|---|---|---|---|---|---|",
  ];
  for (const a of ADDONS) {
    out.push(
      `| ${a.chart} | ${a.chart} ${a.version} | ${a.appVersion} | ${a.released} | ${a.kubernetes.min}–${a.kubernetes.max} | ${a.support.rule} |`,
    );
  }
  for (const w of supportWarnings()) out.push("", `> ⚠️ ${w}`);
  out.push("");
  return out;
}
