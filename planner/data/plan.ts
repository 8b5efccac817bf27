/**
 * The data layer of one environment: every store the catalog places there, as the AWS resources
 * that hold it, sized by the environment's tier, with the safety settings of production data.
 * Pure and deterministic, like the rest of the planner.
 */
import type { Catalog, EncryptionKey, EntrySpec } from "../../config/types";
import { sorted } from "../naming";
import { placementOf } from "../placement";
import type { DataStorePlan, EnvironmentPlan } from "../plan-types";
import { connectionCapacity, maxConnections } from "./capacity";
import { clickhouse } from "./clickhouse";
import { identities, keys } from "./identities";
import { planMail } from "./mail";
import type {
  BucketPlan,
  DataLayerPlan,
  KafkaPlan,
  PostgresPlan,
  RedisPlan,
  SearchPlan,
  StoreNetworkPlan,
} from "./types";

/** The TLS policy every HTTPS store endpoint enforces (TLS 1.2 and 1.3, forward secrecy). */
export const TLS_POLICY = "Policy-Min-TLS-1-2-PFS-2023-10";
/** OpenSearch domain names are at most 28 characters. */
export const MAX_SEARCH_DOMAIN_NAME = 28;
/** Performance Insights retention that Database Insights' advanced mode requires. */
const ADVANCED_INSIGHTS_RETENTION_DAYS = 465;

type Base = Pick<
  PostgresPlan,
  "name" | "resourceName" | "owner" | "key" | "protect" | "network" | "connections"
>;

function base(plan: EnvironmentPlan, store: DataStorePlan, entry: EntrySpec): Base {
  const s = plan.settings;
  const network: StoreNetworkPlan = {
    vpcId: s.vpcId,
    securityGroupName: `${plan.environment}-${store.name}`,
    clusterSecurityGroupId: s.clusterSecurityGroupId,
    port: store.port,
    subnetIds: [...s.dataSubnetIds],
  };
  return {
    name: store.name,
    resourceName: `${plan.environment}-${store.name}`,
    owner: store.owner,
    key: entry.store?.encryptionKey ?? "environment",
    protect: plan.tier === "production",
    network,
    connections: store.connections,
  };
}

/** Postgres major version → parameter group family: `18.4` → `postgres18`. */
const postgresFamily = (version: string) => `postgres${version.split(".")[0]}`;
/** Valkey version → parameter group family: `8.1` → `valkey8`. */
const valkeyFamily = (version: string) => `valkey${version.split(".")[0]}`;
/** A SQL identifier from an entry name: `postgres-orders` → `orders`. */
const sqlName = (name: string) => name.replace(/^postgres-/, "").replace(/[^a-z0-9]/g, "_");

function postgres(plan: EnvironmentPlan, store: DataStorePlan, entry: EntrySpec, dr: string): PostgresPlan {
  const b = base(plan, store, entry);
  const production = plan.tier === "production";
  const pool = plan.dbPool ?? 0;
  const demand = sorted(
    plan.workloads
      .filter((w) => store.consumers.includes(w.name))
      .map((w) => ({ workload: w.name, pods: w.autoscaling?.maxReplicas ?? w.replicas, pool })),
    (d) => d.workload,
  );
  const value = maxConnections(demand);
  const capacity = connectionCapacity(store.sizing.instanceClass);
  return {
    ...b,
    engineVersion: store.engineVersion,
    family: postgresFamily(store.engineVersion),
    instanceClass: store.sizing.instanceClass,
    storageGiB: store.sizing.storageGiB,
    maxStorageGiB: store.sizing.storageGiB * 4,
    multiAz: production && store.sizing.nodes >= 2,
    backupRetentionDays: store.backupRetentionDays,
    deletionProtection: production,
    finalSnapshotIdentifier: `${b.resourceName}-final`,
    insights: production
      ? { mode: "advanced", retentionDays: ADVANCED_INSIGHTS_RETENTION_DAYS }
      : { mode: "standard", retentionDays: 7 },
    logExports: ["postgresql", "upgrade"],
    dbName: sqlName(store.name),
    username: `${sqlName(store.name)}_owner`,
    connectionsPlan: { value, ...(capacity !== undefined ? { capacity } : {}), demand },
    parameters: [
      { name: "max_connections", value: String(value), applyMethod: "pending-reboot" },
      { name: "rds.force_ssl", value: "1", applyMethod: "immediate" },
      { name: "ssl_min_protocol_version", value: "TLSv1.2", applyMethod: "immediate" },
    ],
    ...(production ? { backupReplication: { region: dr, retentionDays: store.backupRetentionDays } } : {}),
  };
}

function redis(plan: EnvironmentPlan, store: DataStorePlan, entry: EntrySpec): RedisPlan {
  const b = base(plan, store, entry);
  const nodes = store.sizing.nodes;
  const snapshots = store.backupRetentionDays;
  return {
    ...b,
    engine: "valkey",
    engineVersion: store.engineVersion,
    family: valkeyFamily(store.engineVersion),
    nodeType: store.sizing.instanceClass,
    nodes,
    automaticFailover: nodes >= 2,
    multiAz: plan.tier === "production" && nodes >= 2,
    snapshotRetentionDays: snapshots,
    ...(snapshots > 0 ? { finalSnapshotIdentifier: `${b.resourceName}-final` } : {}),
  };
}

function search(plan: EnvironmentPlan, store: DataStorePlan, entry: EntrySpec): SearchPlan {
  const b = base(plan, store, entry);
  const nodes = store.sizing.nodes;
  const zones = Math.min(nodes, plan.settings.dataSubnetIds.length, 3);
  const zoneAware = zones >= 2;
  return {
    ...b,
    network: { ...b.network, subnetIds: b.network.subnetIds.slice(0, zoneAware ? zones : 1) },
    domainName: b.resourceName,
    engineVersion: store.engineVersion,
    instanceType: store.sizing.instanceClass,
    instanceCount: nodes,
    ...(zoneAware ? { zoneAwareness: { availabilityZoneCount: zones } } : {}),
    volumeGiB: store.sizing.storageGiB,
    tlsPolicy: TLS_POLICY,
    masterUserName: "platform-admin",
  };
}

/** Replication default: as many copies as brokers, at most 3. */
export const defaultReplication = (brokers: number) => Math.min(brokers, 3);

function kafka(plan: EnvironmentPlan, store: DataStorePlan, entry: EntrySpec, catalog: Catalog): KafkaPlan {
  const b = base(plan, store, entry);
  const brokers = store.sizing.nodes;
  const here = new Set(plan.workloads.map((w) => w.name));
  const who = (field: "produces" | "consumes", topic: string) =>
    sorted(
      Object.keys(catalog.entries).filter(
        (n) => here.has(n) && (catalog.entries[n]![field] ?? []).includes(topic),
      ),
    );
  const rf = defaultReplication(brokers);
  const peers = plan.settings.peers ?? {};
  const remoteConsumers = sorted(
    Object.entries(catalog.entries).flatMap(([n, x]) =>
      (x.crossEnvironmentNeeds ?? [])
        .filter((c) => c.entry === store.name && c.environments.includes(plan.environment))
        .flatMap(() =>
          placementOf(x, catalog)
            .filter((from) => from !== plan.environment && peers[from])
            .map((from) => ({
              environment: from,
              workload: n,
              roleArn: `arn:aws:iam::${peers[from]!.awsAccountId}:role/${from}-${n}`,
              group: `${from}-${n}`,
              topics: sorted(x.consumes ?? []),
              cidrs: [...peers[from]!.clusterNodeCidrs],
            })),
        ),
    ),
    (r) => `${r.environment}/${r.workload}`,
  );
  return {
    ...b,
    remoteConsumers,
    kafkaVersion: store.engineVersion,
    brokers,
    instanceType: store.sizing.instanceClass,
    volumeGiB: store.sizing.storageGiB,
    serverProperties: {
      "auto.create.topics.enable": "false",
      "default.replication.factor": String(rf),
      "min.insync.replicas": String(Math.max(rf - 1, 1)),
      "unclean.leader.election.enable": "false",
    },
    topics: sorted(Object.entries(entry.store?.topics ?? {}), ([n]) => n).map(([name, t]) => {
      const replicationFactor = t.replicationFactor ?? rf;
      return {
        name,
        partitions: t.partitions,
        replicationFactor,
        minInsyncReplicas: Math.max(replicationFactor - 1, 1),
        retentionHours: t.retentionHours,
        producers: who("produces", name),
        consumers: who("consumes", name),
      };
    }),
  };
}

function bucket(plan: EnvironmentPlan, store: DataStorePlan, entry: EntrySpec, catalog: Catalog): BucketPlan {
  const b = base(plan, store, entry);
  const users = plan.workloads.filter((w) => store.consumers.includes(w.name)).map((w) => w.name);
  const access = (n: string) => catalog.entries[n]!.objectAccess;
  return {
    ...b,
    bucketName: `${catalog.platform.project}-${plan.environment}-${store.name}-${plan.settings.awsAccountId}`,
    noncurrentVersionDays: store.backupRetentionDays,
    abortIncompleteUploadDays: 7,
    readers: sorted(users.filter((n) => access(n) === "read")),
    writers: sorted(users.filter((n) => access(n) === "read-write")),
    backupPrefixes: [],
  };
}

/** The data layer of a planned environment, or undefined where the catalog places no store. */
export function planDataLayer(catalog: Catalog, plan: EnvironmentPlan): DataLayerPlan | undefined {
  if (!plan.dataStores.length) return undefined;
  const region = catalog.regions[plan.region]!;
  const byKind = (k: string) => plan.dataStores.filter((d) => d.kind === k);
  const entry = (d: DataStorePlan) => catalog.entries[d.name]!;
  const pg = byKind("postgres").map((d) => postgres(plan, d, entry(d), region.disasterRecoveryRegion));
  const storeKeys = plan.dataStores.map((d): EncryptionKey => entry(d).store?.encryptionKey ?? "environment");
  const search0 = byKind("search")[0];
  const kafka0 = byKind("kafka")[0];
  const bucket0 = byKind("object-store")[0];
  const clickhouse0 = byKind("analytics-db")[0];
  const clickhousePlan = clickhouse0
    ? clickhouse(plan, clickhouse0, bucket0 && bucket(plan, bucket0, entry(bucket0), catalog))
    : undefined;
  // Backups under their own prefix expire after their retention: the only current objects that do.
  const bucketPlan = bucket0
    ? {
        ...bucket(plan, bucket0, entry(bucket0), catalog),
        backupPrefixes: clickhousePlan
          ? [{ prefix: clickhousePlan.backup.prefix, days: clickhousePlan.backup.retentionDays }]
          : [],
      }
    : undefined;
  const mail = planMail(catalog, plan);
  return {
    environment: plan.environment,
    awsRegion: plan.settings.awsRegion,
    accountId: plan.settings.awsAccountId,
    disasterRecoveryRegion: region.disasterRecoveryRegion,
    residency: region.residency,
    tags: {
      project: catalog.platform.project,
      environment: plan.environment,
      owner: "team-platform",
      "managed-by": "pulumi",
    },
    protect: plan.tier === "production",
    keys: keys(
      plan,
      catalog,
      storeKeys.includes("payments"),
      pg.some((p) => p.backupReplication),
    ),
    postgres: pg,
    redis: byKind("redis").map((d) => redis(plan, d, entry(d))),
    ...(search0 ? { search: search(plan, search0, entry(search0)) } : {}),
    ...(kafka0 ? { kafka: kafka(plan, kafka0, entry(kafka0), catalog) } : {}),
    ...(bucketPlan ? { bucket: bucketPlan } : {}),
    identities: [
      ...identities(plan, catalog, bucketPlan?.bucketName, mail),
      ...(clickhousePlan
        ? [
            {
              workload: clickhousePlan.name,
              roleName: `${plan.environment}-${clickhousePlan.name}`,
              namespace: plan.namespace,
              serviceAccount: clickhousePlan.name,
              produces: [],
              consumes: [],
              bucket: "read-write" as const,
              bucketPrefix: clickhousePlan.backup.prefix,
            },
          ]
        : []),
    ],
    ...(clickhousePlan ? { clickhouse: clickhousePlan } : {}),
    ...(mail ? { mail } : {}),
  };
}
