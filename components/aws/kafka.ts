/** The environment's event bus (Amazon MSK, KRaft) and its topics, from its plan. Registers only. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as vault from "@pulumi/vault";
import {
  clusterPolicyDocument,
  kafkaClusterArgs,
  kafkaConfigurationArgs,
  remoteIngressArgs,
  topicArgs,
} from "../../builders/aws";
import type { KafkaPlan } from "../../planner";
import { writeConnection } from "./connection";
import { storeSecurityGroup } from "./network";
import { dataOptions } from "./options";

export interface EventBusArgs {
  /** The store. Caution: the Kafka version's `.kraft` mode and the cluster name are fixed at creation. */
  store: KafkaPlan;
  kmsKeyArn: pulumi.Input<string>;
  vaultProvider: vault.Provider;
}

export class EventBus extends pulumi.ComponentResource {
  public readonly arn: pulumi.Output<string>;
  public readonly bootstrapServers: pulumi.Output<string>;

  constructor(name: string, args: EventBusArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:aws:EventBus", name, {}, opts);
    const k = args.store;
    const sg = storeSecurityGroup(name, k.network, `MSK ${k.name} (IAM over TLS)`, this);
    const configuration = new aws.msk.Configuration(`${name}-configuration`, kafkaConfigurationArgs(k), {
      parent: this,
    });
    const cluster = new aws.msk.Cluster(
      `${name}-cluster`,
      kafkaClusterArgs(k, {
        securityGroupId: sg.id,
        kmsKeyArn: args.kmsKeyArn,
        configurationArn: configuration.arn,
        configurationRevision: configuration.latestRevision,
      }),
      dataOptions(this, k.protect),
    );
    for (const rule of remoteIngressArgs(k, sg.id)) {
      new aws.vpc.SecurityGroupIngressRule(`${name}-from-${rule.key}`, rule.args, { parent: this });
    }
    if (k.remoteConsumers.length) {
      new aws.msk.ClusterPolicy(
        `${name}-remote-consumers`,
        { clusterArn: cluster.arn, policy: cluster.arn.apply((arn) => clusterPolicyDocument(k, arn)) },
        { parent: this },
      );
    }
    // Topics hold the events: protected with the cluster, keyed by their catalog names.
    for (const t of k.topics) {
      new aws.msk.Topic(`${name}-${t.name}`, topicArgs(t, cluster.arn), dataOptions(this, k.protect));
    }
    const servers = cluster.bootstrapBrokersSaslIam.apply((b) => ({ "bootstrap-servers": b }));
    writeConnection(name, k.connections, servers, { parent: this, provider: args.vaultProvider });
    this.arn = cluster.arn;
    this.bootstrapServers = cluster.bootstrapBrokersSaslIam;
    this.registerOutputs({ arn: this.arn, bootstrapServers: this.bootstrapServers });
  }
}
