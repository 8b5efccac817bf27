/**
 * Cloudflare as arguments: a proxied DNS record per public host, and the zone owner's settings,
 * mail records, edge certificate and rulesets (managed WAF, rate limiting, cache). Pure:
 * @pulumi/cloudflare imported for its types only.
 */
import type * as cloudflare from "@pulumi/cloudflare";
import type * as pulumi from "@pulumi/pulumi";
import type { DnsRecordSpec, ZoneOwnerPlan } from "../../planner";

/** Cloudflare's own managed WAF ruleset (included from the Pro plan). */
export const CLOUDFLARE_MANAGED_RULESET = "efb7b8c949ac4650a09736fc376e9aee";

/** `a`, `b` → `{"a" "b"}`: a set in Cloudflare's rules language. */
const set = (values: readonly string[]) => `{${values.map((v) => JSON.stringify(v)).join(" ")}}`;

export function dnsRecordArgs(
  zoneId: string,
  r: DnsRecordSpec,
  target: pulumi.Input<string>,
): cloudflare.DnsRecordArgs {
  // Proxied: the edge terminates TLS (strict to the origin), filters and caches; ttl 1 is "automatic".
  return {
    zoneId,
    name: r.name,
    type: r.type,
    content: target,
    proxied: r.proxied,
    ttl: 1,
    comment: r.comment,
    tags: [...r.tags],
  };
}

export const zoneSettingArgs = (
  zoneId: string,
  s: ZoneOwnerPlan["settings"][number],
): cloudflare.ZoneSettingArgs => ({
  zoneId,
  settingId: s.id,
  value: s.value,
});

export const mailRecordArgs = (
  zoneId: string,
  m: ZoneOwnerPlan["mail"][number],
): cloudflare.DnsRecordArgs => ({
  zoneId,
  name: m.name,
  type: m.type,
  content: `"${m.content}"`,
  ttl: 3600,
  proxied: false,
  comment: "mail policy (ecommerce-platform)",
});

/** The edge certificate for names Universal SSL does not cover (`*.staging.<zone>`). */
export function certificatePackArgs(
  zoneId: string,
  zone: string,
  hosts: readonly string[],
): cloudflare.CertificatePackArgs {
  return {
    zoneId,
    type: "advanced",
    hosts: [zone, ...hosts],
    certificateAuthority: "lets_encrypt",
    validationMethod: "txt",
    validityDays: 90,
    cloudflareBranding: false,
  };
}

export function wafRulesetArgs(zoneId: string): cloudflare.RulesetArgs {
  return {
    zoneId,
    kind: "zone",
    phase: "http_request_firewall_managed",
    name: "managed WAF (ecommerce-platform)",
    rules: [
      {
        action: "execute",
        actionParameters: { id: CLOUDFLARE_MANAGED_RULESET },
        expression: "true",
        description: "Cloudflare Managed Ruleset",
        enabled: true,
      },
    ],
  };
}

/** Per client address (Cloudflare sees the real one) and data centre, on the API hosts. */
export function rateLimitRulesetArgs(zoneId: string, o: ZoneOwnerPlan): cloudflare.RulesetArgs {
  return {
    zoneId,
    kind: "zone",
    phase: "http_ratelimit",
    name: "API rate limit (ecommerce-platform)",
    rules: [
      {
        action: "block",
        expression: `(http.host in ${set(o.rateLimit.hosts)})`,
        description: `at most ${o.rateLimit.requestsPerMinute} requests a minute per client on the API hosts`,
        ratelimit: {
          characteristics: ["ip.src", "cf.colo.id"],
          period: 60,
          requestsPerPeriod: o.rateLimit.requestsPerMinute,
          mitigationTimeout: 60,
        },
        enabled: true,
      },
    ],
  };
}

export function cacheRulesetArgs(zoneId: string, o: ZoneOwnerPlan): cloudflare.RulesetArgs {
  const paths = o.cache.paths
    .map((p) => `starts_with(http.request.uri.path, ${JSON.stringify(p)})`)
    .join(" or ");
  return {
    zoneId,
    kind: "zone",
    phase: "http_request_cache_settings",
    name: "static assets of the web front ends (ecommerce-platform)",
    rules: [
      {
        action: "set_cache_settings",
        expression: `(http.host in ${set(o.cache.hosts)}) and (${paths})`,
        description: "cache the front ends' build assets at the edge",
        actionParameters: {
          cache: true,
          edgeTtl: { mode: "override_origin", default: o.cache.edgeTtlSeconds },
        },
        enabled: true,
      },
    ],
  };
}
