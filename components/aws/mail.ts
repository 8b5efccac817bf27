/**
 * Outgoing mail of an environment through Amazon SES: the configuration set, the domain identity
 * with Easy DKIM and its MAIL FROM domain, their records in the region's Cloudflare zone, and the
 * senders' connection details in Vault. Registers only.
 */
import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import type * as vault from "@pulumi/vault";
import { configurationSetArgs, emailIdentityArgs, mailFromArgs } from "../../builders/aws";
import { dkimRecordArgs, mailFromMxArgs, mailFromSpfArgs, SES_DKIM_TOKENS } from "../../builders/cloudflare";
import type { DataLayerPlan, MailPlan } from "../../planner";
import { writeConnection } from "./connection";

export interface OutgoingMailArgs {
  data: DataLayerPlan;
  mail: MailPlan;
  vaultProvider: vault.Provider;
  cloudflareProvider: cloudflare.Provider;
}

export class OutgoingMail extends pulumi.ComponentResource {
  constructor(name: string, args: OutgoingMailArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:aws:OutgoingMail", name, {}, opts);
    const { data, mail } = args;
    const child = { parent: this };
    const set = new aws.sesv2.ConfigurationSet(
      `${name}-configuration-set`,
      configurationSetArgs(data, mail),
      child,
    );
    // The identity carries the domain's reputation and DKIM keys: kept in production.
    const identity = new aws.sesv2.EmailIdentity(
      `${name}-identity`,
      emailIdentityArgs(mail, set.configurationSetName),
      { ...child, protect: data.protect },
    );
    new aws.sesv2.EmailIdentityMailFromAttributes(
      `${name}-mail-from`,
      mailFromArgs(mail, identity.emailIdentity),
      child,
    );
    const dns = { parent: this, provider: args.cloudflareProvider };
    const tokens = identity.dkimSigningAttributes.apply((d) => d.tokens ?? []);
    for (let i = 0; i < SES_DKIM_TOKENS; i++) {
      const token = tokens.apply((t) => {
        if (t.length !== SES_DKIM_TOKENS)
          throw new Error(`${mail.identity}: SES returned ${t.length} DKIM tokens`);
        return t[i]!;
      });
      new cloudflare.DnsRecord(`${name}-dkim-${i}`, dkimRecordArgs(mail, token), dns);
    }
    new cloudflare.DnsRecord(`${name}-mail-from-mx`, mailFromMxArgs(mail), dns);
    new cloudflare.DnsRecord(`${name}-mail-from-spf`, mailFromSpfArgs(mail), dns);
    writeConnection(name, mail.connections, pulumi.output({ url: mail.url }), {
      parent: this,
      provider: args.vaultProvider,
    });
    this.registerOutputs({});
  }
}
