/**
 * PostgreSQL on RDS: one instance per catalog entry, TLS forced by its parameter group, storage
 * and Performance Insights encrypted with the environment's (or the payments) key; in production
 * Multi-AZ, deletion protection, a final snapshot and backups copied to the DR region.
 */
import type * as aws from "@pulumi/aws";
import type { PostgresPlan } from "../../planner";
import type { Input } from "./common";

export function parameterGroupArgs(p: PostgresPlan): aws.rds.ParameterGroupArgs {
  return {
    name: p.resourceName,
    family: p.family,
    description: `${p.name}: TLS only, max_connections for its consumers at full scale`,
    parameters: p.parameters.map((x) => ({ ...x })),
  };
}

export interface PostgresRefs {
  subnetGroupName: Input<string>;
  securityGroupId: Input<string>;
  parameterGroupName: Input<string>;
  kmsKeyArn: Input<string>;
  /** The owner's password: a Pulumi secret, written to Vault for the dependents. */
  password: Input<string>;
}

export function instanceArgs(p: PostgresPlan, refs: PostgresRefs): aws.rds.InstanceArgs {
  return {
    identifier: p.resourceName,
    engine: "postgres",
    // Pinned major and minor: a minor upgrade is a catalog change, applied in the maintenance window.
    engineVersion: p.engineVersion,
    autoMinorVersionUpgrade: false,
    allowMajorVersionUpgrade: false,
    engineLifecycleSupport: "open-source-rds-extended-support-disabled",
    instanceClass: p.instanceClass,
    allocatedStorage: p.storageGiB,
    maxAllocatedStorage: p.maxStorageGiB,
    storageType: "gp3",
    storageEncrypted: true,
    kmsKeyId: refs.kmsKeyArn,
    dbName: p.dbName,
    username: p.username,
    password: refs.password,
    multiAz: p.multiAz,
    dbSubnetGroupName: refs.subnetGroupName,
    vpcSecurityGroupIds: [refs.securityGroupId],
    publiclyAccessible: false,
    networkType: "IPV4",
    parameterGroupName: refs.parameterGroupName,
    caCertIdentifier: "rds-ca-rsa2048-g1",
    backupRetentionPeriod: p.backupRetentionDays,
    backupWindow: "03:00-04:00",
    maintenanceWindow: "sun:04:30-sun:05:30",
    copyTagsToSnapshot: true,
    deleteAutomatedBackups: !p.protect,
    deletionProtection: p.deletionProtection,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: p.finalSnapshotIdentifier,
    applyImmediately: false,
    databaseInsightsMode: p.insights.mode,
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: refs.kmsKeyArn,
    performanceInsightsRetentionPeriod: p.insights.retentionDays,
    enabledCloudwatchLogsExports: [...p.logExports],
  };
}

/** Automated backups copied to the disaster-recovery region, encrypted with a key there. */
export function backupReplicationArgs(
  p: PostgresPlan,
  sourceDbInstanceArn: Input<string>,
  drKeyArn: Input<string>,
): aws.rds.InstanceAutomatedBackupsReplicationArgs {
  return {
    sourceDbInstanceArn,
    kmsKeyId: drKeyArn,
    retentionPeriod: p.backupReplication?.retentionDays ?? p.backupRetentionDays,
  };
}

/** The connection string dependents read: TLS with the server's certificate verified. */
export function postgresUrl(p: PostgresPlan, address: string, password: string): string {
  return `postgresql://${p.username}:${encodeURIComponent(password)}@${address}:${p.network.port}/${p.dbName}?sslmode=verify-full`;
}
