/** Vault access in the pull-request comment: each role, who it is bound to, what it may read. */
import type { VaultPlan } from "./vault";

export function vaultMarkdown(v: VaultPlan): string[] {
  const out = [
    `#### Vault access (auth mount \`${v.authMount}\`; tokens at most ${v.platform.ttlSeconds / 60} min)`,
    "",
  ];
  if (v.authBackend)
    out.push(
      `This stack configures the cluster's Kubernetes auth backend (\`${v.authBackend.path}\`, ${v.authBackend.kubernetesHost}).`,
      "",
    );
  if (v.kvMount) out.push(`This stack owns the KV v2 mount \`${v.kvMount.path}\`.`, "");
  out.push("| role and policy | ServiceAccount | reads (read only) |", "|---|---|---|");
  for (const r of [v.platform, ...v.workloads]) {
    out.push(
      `| \`${r.name}\` | ${r.namespace}/${r.serviceAccount} | ${r.paths.map((p) => `\`${p}\``).join("<br>") || "—"} |`,
    );
  }
  out.push("");
  return out;
}
