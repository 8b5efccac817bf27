/** The environment's customer-managed KMS keys (rotation on), with their aliases. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { kmsAliasArgs, kmsKeyArgs } from "../../builders/aws";
import type { DataLayerPlan, KeyPlan } from "../../planner";
import { dataOptions } from "./options";

export interface EnvironmentKeysArgs {
  /** The data layer plan: its keys, account and protection. */
  data: DataLayerPlan;
  /** The provider of the environment's region, and of its disaster-recovery region. */
  providers: { primary: aws.Provider; disasterRecovery: aws.Provider };
}

export class EnvironmentKeys extends pulumi.ComponentResource {
  private readonly arns = new Map<KeyPlan["purpose"], pulumi.Output<string>>();

  constructor(name: string, args: EnvironmentKeysArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:aws:EnvironmentKeys", name, {}, opts);
    for (const k of args.data.keys) {
      const provider = k.region === "primary" ? args.providers.primary : args.providers.disasterRecovery;
      // A deleted key makes every backup encrypted with it unreadable: keys are data.
      const key = new aws.kms.Key(
        `${name}-${k.purpose}`,
        kmsKeyArgs(args.data, k),
        dataOptions(this, args.data.protect, { provider }),
      );
      new aws.kms.Alias(`${name}-${k.purpose}-alias`, kmsAliasArgs(k, key.keyId), { parent: this, provider });
      this.arns.set(k.purpose, key.arn);
    }
    this.registerOutputs({});
  }

  /** The ARN of the key for a purpose; a purpose the plan has no key for is an error. */
  arn(purpose: KeyPlan["purpose"]): pulumi.Output<string> {
    const arn = this.arns.get(purpose);
    if (!arn) throw new Error(`no ${purpose} key in the plan`);
    return arn;
  }
}
