/**
 * Amazon SES as arguments: the environment's configuration set, its domain identity (Easy DKIM,
 * 2048-bit keys) and its MAIL FROM domain; and the ARNs a sender's role is granted. Pure.
 */
import type * as aws from "@pulumi/aws";
import type { DataLayerPlan, MailPlan } from "../../planner";

export function configurationSetArgs(data: DataLayerPlan, mail: MailPlan): aws.sesv2.ConfigurationSetArgs {
  return {
    configurationSetName: mail.configurationSet,
    // Never in clear text between SES and the receiving server.
    deliveryOptions: { tlsPolicy: "REQUIRE" },
    reputationOptions: { reputationMetricsEnabled: true },
    // Stop sending to addresses that bounced or complained: what keeps the account out of review.
    suppressionOptions: { suppressedReasons: ["BOUNCE", "COMPLAINT"] },
    sendingOptions: { sendingEnabled: true },
    tags: { environment: data.environment },
  };
}

export function emailIdentityArgs(
  mail: MailPlan,
  configurationSetName: aws.sesv2.EmailIdentityArgs["configurationSetName"],
): aws.sesv2.EmailIdentityArgs {
  return {
    emailIdentity: mail.identity,
    configurationSetName,
    dkimSigningAttributes: { nextSigningKeyLength: "RSA_2048_BIT" },
  };
}

export function mailFromArgs(
  mail: MailPlan,
  emailIdentity: aws.sesv2.EmailIdentityMailFromAttributesArgs["emailIdentity"],
): aws.sesv2.EmailIdentityMailFromAttributesArgs {
  return {
    emailIdentity,
    mailFromDomain: mail.mailFromDomain,
    // Until its MX is verified (or if it breaks), SES falls back to its own MAIL FROM: SPF then does
    // not align but DKIM does, so DMARC passes and mail keeps flowing.
    behaviorOnMxFailure: "USE_DEFAULT_VALUE",
  };
}

export const sesIdentityArn = (data: DataLayerPlan, identity: string) =>
  `arn:aws:ses:${data.awsRegion}:${data.accountId}:identity/${identity}`;
export const sesConfigurationSetArn = (data: DataLayerPlan, name: string) =>
  `arn:aws:ses:${data.awsRegion}:${data.accountId}:configuration-set/${name}`;
