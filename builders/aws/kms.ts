/** Customer-managed KMS keys: one per environment, one for payments data, one for backup copies. */
import type * as aws from "@pulumi/aws";
import type { DataLayerPlan, KeyPlan } from "../../planner";
import { policy } from "./common";

/** Key administrators are the account's IAM principals allowed to (the default key policy). */
export function kmsKeyArgs(data: DataLayerPlan, key: KeyPlan): aws.kms.KeyArgs {
  return {
    description: key.description,
    enableKeyRotation: true,
    rotationPeriodInDays: 365,
    deletionWindowInDays: 30,
    keyUsage: "ENCRYPT_DECRYPT",
    customerMasterKeySpec: "SYMMETRIC_DEFAULT",
    policy: JSON.stringify(
      policy({
        Sid: "AccountAdministersThroughIam",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${data.accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      }),
    ),
  };
}

export function kmsAliasArgs(key: KeyPlan, targetKeyId: aws.kms.AliasArgs["targetKeyId"]): aws.kms.AliasArgs {
  return { name: key.alias, targetKeyId };
}
