/** What every AWS builder shares: provider arguments, names, tags, and inputs from other resources. */
import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { DataLayerPlan } from "../../planner";

export type Input<T> = pulumi.Input<T>;

/** The AWS provider of an environment (or of its disaster-recovery region): account pinned, default tags. */
export function awsProviderArgs(
  data: DataLayerPlan,
  region: "primary" | "disaster-recovery",
): aws.ProviderArgs {
  return {
    region: region === "primary" ? data.awsRegion : data.disasterRecoveryRegion,
    // A credential for another account is an error, never a deployment into the wrong one.
    allowedAccountIds: [data.accountId],
    defaultTags: { tags: { ...data.tags } },
  };
}

/** A JSON policy document (IAM, KMS, bucket policies are written directly: no lookup while planning). */
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: Record<string, string | string[]> | "*";
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export const policy = (...statements: PolicyStatement[]): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: statements,
});
