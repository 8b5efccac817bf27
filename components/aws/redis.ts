/** One Redis-compatible cache (ElastiCache for Valkey) of an environment, from its plan. Registers only. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type * as vault from "@pulumi/vault";
import {
  cacheSubnetGroupArgs,
  redisParameterGroupArgs,
  redisUrl,
  replicationGroupArgs,
} from "../../builders/aws";
import type { RedisPlan } from "../../planner";
import { writeConnection } from "./connection";
import { storeSecurityGroup } from "./network";
import { dataOptions } from "./options";

export interface RedisCacheArgs {
  /** The store, one of `data.redis`. Caution: `resourceName` is the replication group id; changing it replaces the cache. */
  store: RedisPlan;
  kmsKeyArn: pulumi.Input<string>;
  vaultProvider: vault.Provider;
}

export class RedisCache extends pulumi.ComponentResource {
  public readonly primaryEndpoint: pulumi.Output<string>;

  constructor(name: string, args: RedisCacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:aws:RedisCache", name, {}, opts);
    const r = args.store;
    const sg = storeSecurityGroup(name, r.network, `Valkey ${r.name}`, this);
    const subnets = new aws.elasticache.SubnetGroup(`${name}-subnets`, cacheSubnetGroupArgs(r.network), {
      parent: this,
    });
    const parameters = new aws.elasticache.ParameterGroup(`${name}-parameters`, redisParameterGroupArgs(r), {
      parent: this,
    });
    // AUTH tokens are 16 to 128 printable characters; letters and digits keep the URL plain.
    const token = new random.RandomPassword(
      `${name}-auth-token`,
      { length: 48, special: false },
      { parent: this },
    );
    const group = new aws.elasticache.ReplicationGroup(
      `${name}-group`,
      replicationGroupArgs(r, {
        subnetGroupName: subnets.name,
        securityGroupId: sg.id,
        parameterGroupName: parameters.name,
        kmsKeyArn: args.kmsKeyArn,
        authToken: token.result,
      }),
      dataOptions(this, r.protect),
    );
    const url = pulumi
      .all([group.primaryEndpointAddress, token.result])
      .apply(([endpoint, t]) => ({ url: redisUrl(r, endpoint, t) }));
    writeConnection(name, r.connections, url, { parent: this, provider: args.vaultProvider });
    this.primaryEndpoint = group.primaryEndpointAddress;
    this.registerOutputs({ primaryEndpoint: this.primaryEndpoint });
  }
}
