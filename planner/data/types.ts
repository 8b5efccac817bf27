/**
 * The data layer of one environment, as plain data: what `builders/aws` renders as AWS resources.
 * Computed by `planDataLayer` from the catalog and the environment's plan (settings included).
 */
import type { EncryptionKey, Residency } from "../../config/types";
import type { VaultLocation } from "../secrets";

/** How a store is reached: its own security group, admitting the cluster's nodes on its port only. */
export interface StoreNetworkPlan {
  vpcId: string;
  /** Security group name (`<environment>-<store>`). */
  securityGroupName: string;
  /** The one source admitted: the security group of the environment's cluster nodes. */
  clusterSecurityGroupId: string;
  port: number;
  /** Subnets of its subnet group (one per zone). */
  subnetIds: string[];
}

interface StoreBase {
  /** Catalog entry. */
  name: string;
  /** Its name in AWS: `<environment>-<entry>`, stable across runs (never generated). */
  resourceName: string;
  owner: string;
  /** The KMS key of its data. */
  key: EncryptionKey;
  /** Production data: `protect`ed, kept on delete, deletion protection where the service has it. */
  protect: boolean;
  network: StoreNetworkPlan;
  /** Where its connection details are written in Vault (what the dependents' ExternalSecrets read). */
  connections: { env: string; vault: VaultLocation }[];
}

export interface PostgresPlan extends StoreBase {
  engineVersion: string;
  /** Parameter group family (`postgres18`). */
  family: string;
  instanceClass: string;
  storageGiB: number;
  /** Storage autoscaling ceiling. */
  maxStorageGiB: number;
  multiAz: boolean;
  backupRetentionDays: number;
  deletionProtection: boolean;
  /** Stable, so that a replacement never collides with or forgets the last snapshot. */
  finalSnapshotIdentifier: string;
  insights: { mode: "standard" | "advanced"; retentionDays: number };
  logExports: string[];
  dbName: string;
  username: string;
  /** `max_connections`: the consumers' pools at full scale, and what the class holds. */
  connectionsPlan: {
    value: number;
    capacity?: number;
    demand: { workload: string; pods: number; pool: number }[];
  };
  parameters: { name: string; value: string; applyMethod: "immediate" | "pending-reboot" }[];
  /** Automated backups copied to the disaster-recovery region (production). */
  backupReplication?: { region: string; retentionDays: number };
}

export interface RedisPlan extends StoreBase {
  engine: "valkey";
  engineVersion: string;
  family: string;
  nodeType: string;
  /** Primary and replicas. */
  nodes: number;
  automaticFailover: boolean;
  multiAz: boolean;
  snapshotRetentionDays: number;
  finalSnapshotIdentifier?: string;
}

export interface SearchPlan extends StoreBase {
  /** The domain name: at most 28 characters. */
  domainName: string;
  engineVersion: string;
  instanceType: string;
  instanceCount: number;
  /** Zones the nodes spread over (production); absent for a single zone. */
  zoneAwareness?: { availabilityZoneCount: number };
  volumeGiB: number;
  tlsPolicy: string;
  masterUserName: string;
}

export interface TopicPlan {
  name: string;
  partitions: number;
  replicationFactor: number;
  minInsyncReplicas: number;
  retentionHours: number;
  producers: string[];
  consumers: string[];
}

/** A workload of another region that reads this bus (cross-region sync), over the network path between regions. */
export interface RemoteConsumerPlan {
  environment: string;
  workload: string;
  /** Its role in its own account (deterministic: `<environment>-<workload>`). */
  roleArn: string;
  /** Its consumer group here, named after its environment so it never shares this region's. */
  group: string;
  topics: string[];
  /** The ranges it connects from (its cluster's nodes), admitted on the bus's port. */
  cidrs: string[];
}

export interface KafkaPlan extends StoreBase {
  /** Workloads of other regions allowed to consume, granted by the cluster's resource policy. */
  remoteConsumers: RemoteConsumerPlan[];
  kafkaVersion: string;
  brokers: number;
  instanceType: string;
  volumeGiB: number;
  serverProperties: Record<string, string>;
  topics: TopicPlan[];
}

export interface BucketPlan extends StoreBase {
  bucketName: string;
  /** Noncurrent versions expire after the catalog's retention; current objects never expire. */
  noncurrentVersionDays: number;
  abortIncompleteUploadDays: number;
  readers: string[];
  writers: string[];
  /** Prefixes holding backups (ClickHouse's): their objects expire after `days`, nothing else's does. */
  backupPrefixes: { prefix: string; days: number }[];
}

/** An AWS role for one workload (Pod Identity), granting exactly its topics and bucket access. */
export type { MailPlan } from "./mail";
import type { MailPlan } from "./mail";

export interface WorkloadIdentityPlan {
  workload: string;
  roleName: string;
  namespace: string;
  serviceAccount: string;
  produces: string[];
  consumes: string[];
  /** Its Kafka consumer group (its own name), when it consumes. */
  consumerGroup?: string;
  bucket?: "read" | "read-write";
  /** Limits the bucket access to one prefix (ClickHouse's backups). */
  bucketPrefix?: string;
  /** Sends mail through SES: from the identity's addresses, through its configuration set. */
  mail?: { identity: string; configurationSet: string };
  /** Event buses of other regions it consumes from (cross-region sync). */
  remoteBuses?: {
    environment: string;
    region: string;
    accountId: string;
    clusterName: string;
    group: string;
    topics: string[];
  }[];
}

export interface KeyPlan {
  purpose: EncryptionKey | "disaster-recovery";
  alias: string;
  description: string;
  /** The environment's region, or the disaster-recovery region. */
  region: "primary" | "disaster-recovery";
}

export interface DataLayerPlan {
  environment: string;
  awsRegion: string;
  accountId: string;
  disasterRecoveryRegion: string;
  residency: Residency;
  /** Default tags of every AWS resource. */
  tags: Record<string, string>;
  protect: boolean;
  keys: KeyPlan[];
  postgres: PostgresPlan[];
  redis: RedisPlan[];
  search?: SearchPlan;
  kafka?: KafkaPlan;
  bucket?: BucketPlan;
  identities: WorkloadIdentityPlan[];
  /** ClickHouse, run in the environment's namespace by the Altinity operator (no AWS service offers it). */
  clickhouse?: ClickHousePlan;
  /** Outgoing mail through Amazon SES (where a workload needs the mail entry). */
  mail?: MailPlan;
}

/** ClickHouse in the cluster: replicated through Keeper, TLS only, backed up to the environment's bucket. */
export interface ClickHousePlan {
  name: string;
  owner: string;
  /** The ClickHouseInstallation's name (its pods carry it in the operator's `chi` label). */
  installation: string;
  /** The ClickHouseKeeperInstallation's name. */
  keeper: string;
  engineVersion: string;
  replicas: number;
  keeperReplicas: number;
  resources: { cpu: { request: string; limit: string }; memory: { request: string; limit: string } };
  volumeGiB: number;
  /** The cluster's encrypted StorageClass (volumes kept when released). */
  storageClass: string;
  httpsPort: number;
  nativeTlsPort: number;
  /** Replication between replicas (interserver HTTPS). */
  interserverPort: number;
  keeperPort: number;
  /** The application user; its password comes from Vault through an ExternalSecret. */
  user: string;
  credentialsSecret: string;
  /** The server certificate (cert-manager, the platform's internal CA). */
  tls: { secretName: string; dnsNames: string[] };
  /** Daily `BACKUP ALL` to the environment's bucket; kept `retentionDays` by the bucket's lifecycle. */
  backup: { bucket: string; prefix: string; retentionDays: number; schedule: string };
  protect: boolean;
  /** Where its connection string (with the password) is written, and the password alone for the operator. */
  connections: { env: string; vault: VaultLocation }[];
  /** Workloads that query it. */
  consumers: string[];
}
