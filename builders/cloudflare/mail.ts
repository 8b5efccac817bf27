/**
 * The records SES needs in the region's zone: Easy DKIM's three CNAMEs for the identity, and the
 * MAIL FROM domain's MX and SPF. Never proxied (mail, not HTTP). Pure.
 */
import type * as cloudflare from "@pulumi/cloudflare";
import type * as pulumi from "@pulumi/pulumi";
import type { MailPlan } from "../../planner";

/** Easy DKIM publishes three keys. */
export const SES_DKIM_TOKENS = 3;

const comment = (m: MailPlan) => `SES ${m.identity} (ecommerce-platform)`;

export function dkimRecordArgs(m: MailPlan, token: pulumi.Output<string>): cloudflare.DnsRecordArgs {
  return {
    zoneId: m.zoneId,
    name: token.apply((t) => `${t}._domainkey.${m.identity}`),
    type: "CNAME",
    content: token.apply((t) => `${t}.dkim.amazonses.com`),
    proxied: false,
    ttl: 3600,
    comment: comment(m),
  };
}

export function mailFromMxArgs(m: MailPlan): cloudflare.DnsRecordArgs {
  return {
    zoneId: m.zoneId,
    name: m.mailFromDomain,
    type: "MX",
    content: `feedback-smtp.${m.awsRegion}.amazonses.com`,
    priority: 10,
    proxied: false,
    ttl: 3600,
    comment: comment(m),
  };
}

export function mailFromSpfArgs(m: MailPlan): cloudflare.DnsRecordArgs {
  return {
    zoneId: m.zoneId,
    name: m.mailFromDomain,
    type: "TXT",
    content: '"v=spf1 include:amazonses.com -all"',
    proxied: false,
    ttl: 3600,
    comment: comment(m),
  };
}
