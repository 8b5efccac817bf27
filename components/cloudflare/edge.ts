/**
 * The environment at Cloudflare's edge: a proxied DNS record per public host, pointing at its
 * cluster's ingress load balancer; in the zone's owner stack, the zone's settings, mail records,
 * edge certificate and rulesets. Registers only.
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import {
  cacheRulesetArgs,
  certificatePackArgs,
  dnsRecordArgs,
  mailRecordArgs,
  rateLimitRulesetArgs,
  wafRulesetArgs,
  zoneSettingArgs,
} from "../../builders/cloudflare";
import type { CloudflarePlan } from "../../planner";

export interface EdgeArgs {
  /** `plan.cloudflare`. Caution: record names are the hosts; a changed host replaces its record. */
  cloudflare: CloudflarePlan;
  /** The cluster's ingress load balancer (from the Kong owner stack's outputs, or its own). */
  ingress: pulumi.Input<string>;
}

export class Edge extends pulumi.ComponentResource {
  constructor(name: string, args: EdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:cloudflare:Edge", name, {}, opts);
    const c = args.cloudflare;
    const child = { parent: this };
    for (const r of c.records)
      new cloudflare.DnsRecord(`${name}-${r.entry}`, dnsRecordArgs(c.zoneId, r, args.ingress), child);
    const o = c.owner;
    if (o) {
      // One owner per zone: settings and rulesets are the zone's entrypoints, owned by one stack.
      for (const s of o.settings)
        new cloudflare.ZoneSetting(`${name}-setting-${s.id}`, zoneSettingArgs(c.zoneId, s), child);
      for (const m of o.mail)
        new cloudflare.DnsRecord(`${name}-mail-${m.id}`, mailRecordArgs(c.zoneId, m), child);
      if (o.edgeCertificateHosts.length) {
        new cloudflare.CertificatePack(
          `${name}-edge-certificate`,
          certificatePackArgs(c.zoneId, c.zone, o.edgeCertificateHosts),
          child,
        );
      }
      if (o.waf) new cloudflare.Ruleset(`${name}-waf`, wafRulesetArgs(c.zoneId), child);
      new cloudflare.Ruleset(`${name}-rate-limit`, rateLimitRulesetArgs(c.zoneId, o), child);
      if (o.cache.hosts.length) new cloudflare.Ruleset(`${name}-cache`, cacheRulesetArgs(c.zoneId, o), child);
    }
    this.registerOutputs({});
  }
}
