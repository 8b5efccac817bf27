/**
 * AWS access of a workload without static keys: an IAM role assumed through EKS Pod Identity by
 * exactly its ServiceAccount, whose policy grants exactly the topics it produces and consumes (and
 * its consumer group) and the bucket access the catalog declares.
 */
import type * as aws from "@pulumi/aws";
import type { DataLayerPlan, WorkloadIdentityPlan } from "../../planner";
import { policy, type Input, type PolicyStatement } from "./common";

/** An IAM role that EKS Pod Identity assumes for a ServiceAccount of the account's clusters. */
export function podIdentityRoleArgs(name: string, who: string, accountId: string): aws.iam.RoleArgs {
  return {
    name,
    description: `${who} (EKS Pod Identity)`,
    maxSessionDuration: 3600,
    assumeRolePolicy: JSON.stringify(
      policy({
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      }),
    ),
  };
}

export function roleArgs(data: DataLayerPlan, id: WorkloadIdentityPlan): aws.iam.RoleArgs {
  return podIdentityRoleArgs(id.roleName, `${id.workload} in ${id.namespace}`, data.accountId);
}

/** MSK data-plane ARNs from the cluster's: `…:cluster/<name>/<uuid>` → `…:topic/<name>/<uuid>/<topic>`. */
export function kafkaArn(clusterArn: string, kind: "topic" | "group", name: string): string {
  return `${clusterArn.replace(":cluster/", `:${kind}/`)}/${name}`;
}

export interface IdentityArns {
  kafkaClusterArn?: string;
  bucketArn?: string;
  kmsKeyArn: string;
  /** The SES identity and configuration set it sends through. */
  mail?: { identityArn: string; configurationSetArn: string };
}

/** Exactly the grants the catalog declares for the workload. */
export function identityPolicyStatements(id: WorkloadIdentityPlan, arns: IdentityArns): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  const cluster = arns.kafkaClusterArn;
  if (cluster && (id.produces.length || id.consumes.length)) {
    out.push({
      Sid: "ConnectToTheEventBus",
      Effect: "Allow",
      Action: ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"],
      Resource: cluster,
    });
  }
  if (cluster && id.produces.length) {
    out.push(
      {
        Sid: "IdempotentProducer",
        Effect: "Allow",
        Action: "kafka-cluster:WriteDataIdempotently",
        Resource: cluster,
      },
      {
        Sid: "ProduceItsTopics",
        Effect: "Allow",
        Action: ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"],
        Resource: id.produces.map((t) => kafkaArn(cluster, "topic", t)),
      },
    );
  }
  if (cluster && id.consumes.length && id.consumerGroup) {
    out.push(
      {
        Sid: "ConsumeItsTopics",
        Effect: "Allow",
        Action: ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"],
        Resource: id.consumes.map((t) => kafkaArn(cluster, "topic", t)),
      },
      {
        Sid: "ItsConsumerGroup",
        Effect: "Allow",
        Action: ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
        Resource: kafkaArn(cluster, "group", id.consumerGroup),
      },
    );
  }
  for (const r of id.remoteBuses ?? []) {
    // Another region's bus: its cluster's uuid is not known here, hence the one wildcard, in the uuid only.
    const base = `arn:aws:kafka:${r.region}:${r.accountId}`;
    const sid = r.environment.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
    out.push(
      {
        Sid: `Connect${sid}`,
        Effect: "Allow",
        Action: ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"],
        Resource: `${base}:cluster/${r.clusterName}/*`,
      },
      {
        Sid: `Consume${sid}`,
        Effect: "Allow",
        Action: ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"],
        Resource: r.topics.map((t) => `${base}:topic/${r.clusterName}/*/${t}`),
      },
      {
        Sid: `Group${sid}`,
        Effect: "Allow",
        Action: ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
        Resource: `${base}:group/${r.clusterName}/*/${r.group}`,
      },
    );
  }
  if (arns.bucketArn && id.bucket) {
    const write = id.bucket === "read-write";
    const prefix = id.bucketPrefix ?? "";
    out.push(
      {
        Sid: "ListTheBucket",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: arns.bucketArn,
        ...(prefix ? { Condition: { StringLike: { "s3:prefix": `${prefix}*` } } } : {}),
      },
      {
        Sid: write ? "ReadAndWriteObjects" : "ReadObjects",
        Effect: "Allow",
        Action: write ? ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"] : "s3:GetObject",
        Resource: `${arns.bucketArn}/${prefix}*`,
      },
      {
        Sid: "UseTheBucketKey",
        Effect: "Allow",
        Action: write ? ["kms:Decrypt", "kms:GenerateDataKey"] : "kms:Decrypt",
        Resource: arns.kmsKeyArn,
      },
    );
  }
  if (arns.mail && id.mail) {
    out.push({
      Sid: "SendFromItsIdentity",
      Effect: "Allow",
      Action: ["ses:SendEmail", "ses:SendRawEmail"],
      Resource: [arns.mail.identityArn, arns.mail.configurationSetArn],
      // From the identity's own addresses only.
      Condition: { StringLike: { "ses:FromAddress": `*@${id.mail.identity}` } },
    });
  }
  return out;
}

export function rolePolicyDocument(id: WorkloadIdentityPlan, arns: IdentityArns): string {
  return JSON.stringify(policy(...identityPolicyStatements(id, arns)));
}

export function podIdentityArgs(
  data: DataLayerPlan,
  clusterName: string,
  id: WorkloadIdentityPlan,
  roleArn: Input<string>,
): aws.eks.PodIdentityAssociationArgs {
  return {
    clusterName,
    namespace: id.namespace,
    serviceAccount: id.serviceAccount,
    roleArn,
    tags: { workload: id.workload, environment: data.environment },
  };
}
