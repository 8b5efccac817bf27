/** Cloudflare in the pull-request comment: the stack's DNS records, and the zone it owns. */
import type { CloudflarePlan } from "./cloudflare";

export function cloudflareMarkdown(c: CloudflarePlan): string[] {
  const out = [`#### Cloudflare (zone \`${c.zone}\`)`, ""];
  if (c.records.length) {
    out.push(
      `Proxied records, each a CNAME to the ingress load balancer that ${c.ingressOwner} installs:`,
      "",
      c.records.map((r) => `\`${r.name}\``).join(", "),
      "",
    );
  }
  const o = c.owner;
  if (!o) {
    out.push("The zone's settings and rules belong to its owner stack.", "");
    return out;
  }
  const settings = o.settings.map((s) => (typeof s.value === "string" ? `${s.id} ${s.value}` : s.id));
  out.push(
    `This stack owns the zone (plan **${o.plan}**): ${settings.join(", ")}.`,
    "",
    "| rule | applies to |",
    "|---|---|",
    ...(o.waf ? ["| Cloudflare managed WAF | every host |"] : []),
    `| rate limit: ${o.rateLimit.requestsPerMinute} requests a minute per client | ${o.rateLimit.hosts.join(", ")} |`,
    ...(o.cache.hosts.length
      ? [
          `| edge cache ${o.cache.edgeTtlSeconds / 3600} h: ${o.cache.paths.map((p) => `\`${p}\``).join(", ")} | ${o.cache.hosts.join(", ")} |`,
        ]
      : []),
    ...(o.edgeCertificateHosts.length
      ? [`| advanced edge certificate (beyond Universal SSL) | ${o.edgeCertificateHosts.join(", ")} |`]
      : []),
    ...o.mail.map((m) => `| ${m.id.toUpperCase()} \`${m.content}\` | ${m.name} |`),
    "",
  );
  return out;
}
