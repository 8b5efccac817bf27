/**
 * The event bus on Amazon MSK in KRaft mode: brokers spread over the data subnets' zones, TLS
 * between clients and brokers and inside the cluster, encryption at rest with the environment's
 * key, IAM authentication only (no unauthenticated access), topics created through MSK's
 * control-plane API (no network path to the brokers needed from where Pulumi runs).
 */
import type * as aws from "@pulumi/aws";
import type { KafkaPlan, TopicPlan } from "../../planner";
import type { Input } from "./common";

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
