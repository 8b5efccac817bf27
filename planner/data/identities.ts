/** The environment's KMS keys, and the AWS roles of the workloads that use MSK, S3 or SES. */
import type { Catalog } from "../../config/types";
import { sorted } from "../naming";
import type { EnvironmentPlan } from "../plan-types";
import type { KeyPlan, MailPlan, WorkloadIdentityPlan } from "./types";

export function keys(
  plan: EnvironmentPlan,
  catalog: Catalog,
  usesPayments: boolean,
  drCopies: boolean,
): KeyPlan[] {
  const prefix = `alias/${catalog.platform.project}/${plan.environment}`;
  const key = (
    purpose: KeyPlan["purpose"],
    alias: string,
    description: string,
    region: KeyPlan["region"],
  ): KeyPlan => ({
    purpose,
    alias,
    description,
    region,
  });
  return [
    key("environment", prefix, `Data of ${plan.environment}`, "primary"),
    ...(usesPayments
      ? [key("payments", `${prefix}/payments`, `Payments data of ${plan.environment}`, "primary")]
      : []),
    ...(drCopies
      ? [
          key(
            "disaster-recovery",
            `${prefix}/dr`,
            `Backup copies of ${plan.environment}`,
            "disaster-recovery",
          ),
        ]
      : []),
  ];
}

export function identities(
  plan: EnvironmentPlan,
  catalog: Catalog,
  bucketName?: string,
  mail?: MailPlan,
): WorkloadIdentityPlan[] {
  const out: WorkloadIdentityPlan[] = [];
  for (const w of plan.workloads) {
    const e = catalog.entries[w.name]!;
    const produces = sorted(e.produces ?? []);
    const consumes = sorted(e.consumes ?? []);
    const usesBucket = w.egress.some((x) => catalog.entries[x.to]?.kind === "object-store");
    const bucket = bucketName && usesBucket ? e.objectAccess : undefined;
    const sends = mail?.senders.includes(w.name) ?? false;
    if (!produces.length && !consumes.length && !bucket && !sends) continue;
    const remoteBuses = w.egress
      .filter((x) => x.toEnvironment !== plan.environment && catalog.entries[x.to]?.kind === "kafka")
      .flatMap((x) => {
        const peer = plan.settings.peers?.[x.toEnvironment];
        if (!peer) return [];
        return [
          {
            environment: x.toEnvironment,
            region: peer.awsRegion,
            accountId: peer.awsAccountId,
            clusterName: `${x.toEnvironment}-${x.to}`,
            group: `${plan.environment}-${w.name}`,
            topics: consumes,
          },
        ];
      });
    out.push({
      workload: w.name,
      roleName: `${plan.environment}-${w.name}`,
      namespace: plan.namespace,
      serviceAccount: w.name,
      produces,
      consumes,
      ...(consumes.length ? { consumerGroup: w.name } : {}),
      ...(bucket ? { bucket } : {}),
      ...(sends && mail
        ? { mail: { identity: mail.identity, configurationSet: mail.configurationSet } }
        : {}),
      ...(remoteBuses.length ? { remoteBuses } : {}),
    });
  }
  return out;
}
