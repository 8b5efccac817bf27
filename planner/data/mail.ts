/**
 * Outgoing mail through Amazon SES: one domain identity per environment (the production domain,
 * or its tier's subdomain: `staging.example.com`), signed with Easy DKIM (2048-bit keys, whose
 * CNAMEs go into the region's Cloudflare zone), a custom MAIL FROM domain so that SPF aligns too,
 * and a configuration set that requires TLS and suppresses bounces and complaints. Senders use the
 * SES API with their own Pod Identity role, allowed to send from the identity's addresses only:
 * no SMTP password, no IAM key.
 */
import type { Catalog } from "../../config/types";
import { sorted, TIER_HOST_LABEL } from "../naming";
import type { EnvironmentPlan } from "../plan-types";
import { vaultLocation, type VaultLocation } from "../secrets";

export interface MailPlan {
  /** The catalog's mail entry (`smtp-service`). */
  entry: string;
  /** The SES domain identity: what the platform sends from in this environment. */
  identity: string;
  fromAddress: string;
  /** Custom MAIL FROM (bounce) domain: an MX to SES and an SPF record of its own. */
  mailFromDomain: string;
  configurationSet: string;
  /** The region's zone, where the DKIM, MX and SPF records go. */
  zone: string;
  zoneId: string;
  awsRegion: string;
  /** The SES v2 API endpoint the senders call. */
  endpoint: string;
  /** Workloads that send (they need the mail entry). */
  senders: string[];
  /** Where the senders' connection details are written (the entry's `provides`), and their value. */
  connections: { env: string; vault: VaultLocation }[];
  url: string;
}

export function planMail(catalog: Catalog, plan: EnvironmentPlan): MailPlan | undefined {
  const entry = Object.keys(catalog.entries)
    .sort()
    .find((n) => catalog.entries[n]!.kind === "smtp");
  if (!entry) return undefined;
  const senders = sorted(
    plan.workloads.filter((w) => w.egress.some((e) => e.to === entry)).map((w) => w.name),
  );
  if (!senders.length) return undefined;
  const label = TIER_HOST_LABEL[plan.tier];
  const identity = label ? `${label}.${plan.domain}` : plan.domain;
  const fromAddress = `no-reply@${identity}`;
  const configurationSet = `${catalog.platform.project}-${plan.environment}`;
  const region = plan.settings.awsRegion;
  const endpoint = `https://email.${region}.amazonaws.com`;
  return {
    entry,
    identity,
    fromAddress,
    mailFromDomain: `bounce.${identity}`,
    configurationSet,
    zone: plan.domain,
    zoneId: plan.settings.cloudflareZoneId,
    awsRegion: region,
    endpoint,
    senders,
    connections: (catalog.entries[entry]!.provides ?? []).map((p) => ({
      env: p.env,
      vault: vaultLocation(p.ref, plan.environment, catalog),
    })),
    url: `${endpoint}/v2/email/outbound-emails?from=${encodeURIComponent(fromAddress)}&configurationSet=${configurationSet}`,
  };
}
