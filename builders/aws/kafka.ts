/**
 * The event bus on Amazon MSK in KRaft mode: brokers spread over the data subnets' zones, TLS
 * between clients and brokers and inside the cluster, encryption at rest with the environment's
 * key, IAM authentication only (no unauthenticated access), topics created through MSK's
 * control-plane API (no network path to the brokers needed from where Pulumi runs).
 */
import type * as aws from "@pulumi/aws";
import type { KafkaPlan, TopicPlan } from "../../planner";
import { policy, type Input, type PolicyStatement } from "./common";

export function kafkaConfigurationArgs(k: KafkaPlan): aws.msk.ConfigurationArgs {
  return {
    name: k.resourceName,
    kafkaVersions: [k.kafkaVersion],
    description: "no topic created by accident, no unclean leader election",
    serverProperties: Object.entries(k.serverProperties)
      .map(([key, v]) => `${key}=${v}`)
      .join("\n"),
  };
}

export interface KafkaRefs {
  securityGroupId: Input<string>;
  kmsKeyArn: Input<string>;
  configurationArn: Input<string>;
  configurationRevision: Input<number>;
}

export function kafkaClusterArgs(k: KafkaPlan, refs: KafkaRefs): aws.msk.ClusterArgs {
  return {
    clusterName: k.resourceName,
    kafkaVersion: k.kafkaVersion,
    numberOfBrokerNodes: k.brokers,
    brokerNodeGroupInfo: {
      instanceType: k.instanceType,
      clientSubnets: [...k.network.subnetIds],
      securityGroups: [refs.securityGroupId],
      storageInfo: { ebsStorageInfo: { volumeSize: k.volumeGiB } },
      connectivityInfo: { publicAccess: { type: "DISABLED" } },
    },
    encryptionInfo: {
      encryptionAtRestKmsKeyArn: refs.kmsKeyArn,
      encryptionInTransit: { clientBroker: "TLS", inCluster: true },
    },
    clientAuthentication: { sasl: { iam: true, scram: false }, unauthenticated: false },
    configurationInfo: { arn: refs.configurationArn, revision: refs.configurationRevision },
  };
}

export function topicArgs(t: TopicPlan, clusterArn: Input<string>): aws.msk.TopicArgs {
  return {
    clusterArn,
    name: t.name,
    partitionCount: t.partitions,
    replicationFactor: t.replicationFactor,
    configs: JSON.stringify({
      "cleanup.policy": "delete",
      "retention.ms": String(t.retentionHours * 3600 * 1000),
      "min.insync.replicas": String(t.minInsyncReplicas),
    }),
  };
}

/**
 * Ingress for the workloads of other regions that consume this bus, from their clusters' node
 * ranges (security groups cannot name another region's groups), on the bus's port only.
 */
export function remoteIngressArgs(
  k: KafkaPlan,
  securityGroupId: Input<string>,
): { key: string; args: aws.vpc.SecurityGroupIngressRuleArgs }[] {
  return k.remoteConsumers.flatMap((r) =>
    r.cidrs.map((cidr, i) => ({
      key: `${r.environment}-${r.workload}-${i}`,
      args: {
        securityGroupId,
        cidrIpv4: cidr,
        ipProtocol: "tcp",
        fromPort: k.network.port,
        toPort: k.network.port,
        description: `${r.workload} of ${r.environment}, over the network path between regions`,
      },
    })),
  );
}

/** The cluster's resource policy: each remote consumer's role may read exactly its topics, as its own group. */
export function clusterPolicyDocument(k: KafkaPlan, clusterArn: string): string {
  const arn = (kind: "topic" | "group", name: string) =>
    `${clusterArn.replace(":cluster/", `:${kind}/`)}/${name}`;
  return JSON.stringify(
    policy(
      ...k.remoteConsumers.flatMap((r): PolicyStatement[] => [
        {
          Sid: `${sid(r.environment)}${sid(r.workload)}Connect`,
          Effect: "Allow",
          Principal: { AWS: r.roleArn },
          Action: ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"],
          Resource: clusterArn,
        },
        {
          Sid: `${sid(r.environment)}${sid(r.workload)}Read`,
          Effect: "Allow",
          Principal: { AWS: r.roleArn },
          Action: ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"],
          Resource: r.topics.map((t) => arn("topic", t)),
        },
        {
          Sid: `${sid(r.environment)}${sid(r.workload)}Group`,
          Effect: "Allow",
          Principal: { AWS: r.roleArn },
          Action: ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
          Resource: arn("group", r.group),
        },
      ]),
    ),
  );
}

/** `eu-prod` → `EuProd`: a statement id part. */
const sid = (s: string) => s.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
