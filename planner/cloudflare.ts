/**
 * Cloudflare for an environment: one DNS record per public host, proxied, in its region's zone;
 * and, in the zone's owner stack only, the zone's settings (strict TLS, HTTPS only, HSTS), mail
 * records, WAF, rate limiting and cache rules for every environment's hosts in the zone, and the
 * edge certificate that covers the hosts Universal SSL does not (`*.staging.<zone>`).
 */
import type { Catalog } from "../config/types";
import { hostingOf } from "./kinds";
import { publicHost, sorted, TIER_HOST_LABEL } from "./naming";
import type { DnsRecordPlan, EnvironmentPlan } from "./plan-types";
import { placementOf } from "./placement";

/** An environment's DNS record (plan.dnsRecords) as Cloudflare keeps it: commented and tagged. */
export interface DnsRecordSpec extends DnsRecordPlan {
  comment: string;
  tags: string[];
}

export interface ZoneOwnerPlan {
  plan: "free" | "pro" | "business" | "enterprise";
  /** Zone settings by id (Cloudflare's snake_case ids). */
  settings: { id: string; value: unknown }[];
  /** SPF and DMARC, by a stable id (their resource names). */
  mail: { id: "spf" | "dmarc"; name: string; type: "TXT"; content: string }[];
  /** Names Universal SSL does not cover (two labels below the apex): an advanced certificate covers them. */
  edgeCertificateHosts: string[];
  /** The managed WAF ruleset runs where the plan includes it (Pro and up). */
  waf: boolean;
  /** API hosts of every environment in the zone, rate limited per client address at the edge. */
  rateLimit: { hosts: string[]; requestsPerMinute: number };
  /** Web front ends' hosts whose static assets the edge caches. */
  cache: { hosts: string[]; paths: string[]; edgeTtlSeconds: number };
}

export interface CloudflarePlan {
  zone: string;
  zoneId: string;
  /** The stack that installs the cluster's ingress (whose load balancer the records point at). */
  ingressOwner: string;
  records: DnsRecordSpec[];
  /** Present in the zone's owner stack only. */
  owner?: ZoneOwnerPlan;
}

/** Where the web front ends serve their build's static assets. */
export const STATIC_ASSET_PATHS = ["/_next/static/", "/static/"];
/** Requests per minute and client at the edge, before the gateway's own limit. */
export const EDGE_RATE_LIMIT_PER_MINUTE = 3000;

/** Every public host of every environment of a region, with its entry's kind. */
function regionHosts(catalog: Catalog, region: string): { host: string; kind: string }[] {
  const out: { host: string; kind: string }[] = [];
  for (const e of Object.values(catalog.entries)) {
    if (e.expose !== "public" || !e.subdomain) continue;
    for (const en of placementOf(e, catalog)) {
      const env = catalog.environments[en];
      if (env?.region === region)
        out.push({
          host: publicHost(e.subdomain, env, catalog),
          kind: hostingOf(e) === "gateway" ? "gateway" : e.kind,
        });
    }
  }
  return sorted(out, (h) => h.host);
}

export function planCloudflare(catalog: Catalog, plan: EnvironmentPlan): CloudflarePlan {
  const region = catalog.regions[plan.region]!;
  const zone = region.domain;
  const records = plan.dnsRecords.map((r) => ({
    ...r,
    comment: `${r.entry} in ${plan.environment} (${catalog.platform.project})`,
    tags: [`environment:${plan.environment}`, `entry:${r.entry}`],
  }));
  const base = {
    zone,
    zoneId: plan.settings.cloudflareZoneId,
    ingressOwner: catalog.clusters[plan.cluster]!.addonOwner,
    records,
  };
  if (region.zone.owner !== plan.environment) return base;
  const hosts = regionHosts(catalog, plan.region);
  const tiers = new Set(
    Object.values(catalog.environments)
      .filter((e) => e.region === plan.region)
      .map((e) => TIER_HOST_LABEL[e.tier])
      .filter((l): l is string => l !== undefined),
  );
  return {
    ...base,
    owner: {
      plan: region.zone.plan,
      settings: [
        { id: "ssl", value: "strict" },
        { id: "min_tls_version", value: "1.2" },
        { id: "tls_1_3", value: "on" },
        { id: "always_use_https", value: "on" },
        { id: "automatic_https_rewrites", value: "on" },
        {
          id: "security_header",
          value: {
            strict_transport_security: {
              enabled: true,
              max_age: 31536000,
              include_subdomains: true,
              preload: false,
              nosniff: true,
            },
          },
        },
      ],
      mail: [
        // The platform sends mail through Amazon SES only; everything else claiming the domain is rejected.
        { id: "spf", name: zone, type: "TXT", content: "v=spf1 include:amazonses.com -all" },
        {
          id: "dmarc",
          name: `_dmarc.${zone}`,
          type: "TXT",
          // Quarantine while the reports confirm SES is the only sender; relaxed SPF alignment so that
          // SES's bounce.<identity> MAIL FROM aligns; DKIM signs with the identity itself.
          content: `v=DMARC1; p=quarantine; adkim=s; aspf=r; rua=mailto:dmarc-reports@${zone}`,
        },
      ],
      edgeCertificateHosts: sorted([...tiers].map((t) => `*.${t}.${zone}`)),
      waf: region.zone.plan !== "free",
      rateLimit: {
        hosts: hosts.filter((h) => h.kind === "gateway" || h.kind === "service").map((h) => h.host),
        requestsPerMinute: EDGE_RATE_LIMIT_PER_MINUTE,
      },
      cache: {
        hosts: hosts.filter((h) => h.kind === "web").map((h) => h.host),
        paths: STATIC_ASSET_PATHS,
        edgeTtlSeconds: 86400,
      },
    },
  };
}
