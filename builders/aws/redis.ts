/**
 * Redis-compatible caches on ElastiCache for Valkey: encrypted at rest with the environment's key
 * and in transit (TLS required), an AUTH token kept as a Pulumi secret, automatic failover from
 * two nodes and Multi-AZ in production, snapshots where the catalog keeps them.
 */
import type * as aws from "@pulumi/aws";
import type { RedisPlan } from "../../planner";
import type { Input } from "./common";

export function redisParameterGroupArgs(r: RedisPlan): aws.elasticache.ParameterGroupArgs {
  return {
    name: r.resourceName,
    family: r.family,
    description: `${r.name}: the engine's defaults, pinned family`,
  };
}

export interface RedisRefs {
  subnetGroupName: Input<string>;
  securityGroupId: Input<string>;
  parameterGroupName: Input<string>;
  kmsKeyArn: Input<string>;
  authToken: Input<string>;
}

export function replicationGroupArgs(r: RedisPlan, refs: RedisRefs): aws.elasticache.ReplicationGroupArgs {
  return {
    replicationGroupId: r.resourceName,
    description: `${r.name} (${r.owner})`,
    engine: r.engine,
    engineVersion: r.engineVersion,
    autoMinorVersionUpgrade: false,
    nodeType: r.nodeType,
    numCacheClusters: r.nodes,
    automaticFailoverEnabled: r.automaticFailover,
    multiAzEnabled: r.multiAz,
    port: r.network.port,
    parameterGroupName: refs.parameterGroupName,
    subnetGroupName: refs.subnetGroupName,
    securityGroupIds: [refs.securityGroupId],
    atRestEncryptionEnabled: true,
    kmsKeyId: refs.kmsKeyArn,
    transitEncryptionEnabled: true,
    transitEncryptionMode: "required",
    authToken: refs.authToken,
    authTokenUpdateStrategy: "ROTATE",
    snapshotRetentionLimit: r.snapshotRetentionDays,
    ...(r.snapshotRetentionDays > 0 ? { snapshotWindow: "02:00-03:00" } : {}),
    ...(r.finalSnapshotIdentifier ? { finalSnapshotIdentifier: r.finalSnapshotIdentifier } : {}),
    maintenanceWindow: "sun:05:30-sun:06:30",
    applyImmediately: false,
  };
}

/** The connection string dependents read: `rediss://` (TLS) with the AUTH token. */
export function redisUrl(r: RedisPlan, primaryEndpoint: string, authToken: string): string {
  return `rediss://:${encodeURIComponent(authToken)}@${primaryEndpoint}:${r.network.port}`;
}
