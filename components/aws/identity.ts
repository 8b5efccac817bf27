/** A workload's AWS role through EKS Pod Identity, granting exactly its topics and bucket. Registers only. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { podIdentityArgs, roleArgs, rolePolicyDocument } from "../../builders/aws";
import type { DataLayerPlan, WorkloadIdentityPlan } from "../../planner";

export interface WorkloadIdentityArgs {
  data: DataLayerPlan;
  identity: WorkloadIdentityPlan;
  /** The EKS cluster its ServiceAccount lives on. */
  clusterName: string;
  kafkaClusterArn?: pulumi.Input<string>;
  bucketArn?: pulumi.Input<string>;
  kmsKeyArn: pulumi.Input<string>;
  /** The SES identity and configuration set it sends through (ARNs known from the plan). */
  mail?: { identityArn: string; configurationSetArn: string };
}

export class WorkloadIdentity extends pulumi.ComponentResource {
  public readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: WorkloadIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:aws:WorkloadIdentity", name, {}, opts);
    const id = args.identity;
    const role = new aws.iam.Role(`${name}-role`, roleArgs(args.data, id), { parent: this });
    const document = pulumi
      .all([args.kafkaClusterArn, args.bucketArn, args.kmsKeyArn])
      .apply(([kafkaClusterArn, bucketArn, kmsKeyArn]) =>
        rolePolicyDocument(id, {
          ...(kafkaClusterArn ? { kafkaClusterArn } : {}),
          ...(bucketArn ? { bucketArn } : {}),
          kmsKeyArn,
          ...(args.mail ? { mail: args.mail } : {}),
        }),
      );
    new aws.iam.RolePolicy(
      `${name}-grants`,
      { role: role.id, name: "grants", policy: document },
      { parent: this },
    );
    new aws.eks.PodIdentityAssociation(
      `${name}-association`,
      podIdentityArgs(args.data, args.clusterName, id, role.arn),
      { parent: this },
    );
    this.roleArn = role.arn;
    this.registerOutputs({ roleArn: this.roleArn });
  }
}
