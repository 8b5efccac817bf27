/** ClickHouse in the cluster: the installation, its Keeper, TLS, credentials and backups. */
import type { DataStorePlan, EnvironmentPlan } from "../plan-types";
import type { BucketPlan, ClickHousePlan } from "./types";

/** The in-cluster storage class every stateful pod of the platform uses (encrypted, volumes kept). */
export const ENCRYPTED_STORAGE_CLASS = "encrypted-gp3-retain";

export function clickhouse(plan: EnvironmentPlan, store: DataStorePlan, bucket?: BucketPlan): ClickHousePlan {
  const resources = store.sizing.resources;
  if (!resources)
    throw new Error(`${store.name}: an in-cluster store needs sizing.resources (validation reports it)`);
  if (!bucket) throw new Error(`${store.name}: backups need the environment's bucket`);
  const ns = plan.namespace;
  const installation = store.name;
  return {
    name: store.name,
    owner: store.owner,
    installation,
    keeper: `${store.name}-keeper`,
    engineVersion: store.engineVersion,
    replicas: store.sizing.nodes,
    keeperReplicas: plan.tier === "production" ? 3 : 1,
    resources,
    volumeGiB: store.sizing.storageGiB,
    storageClass: ENCRYPTED_STORAGE_CLASS,
    httpsPort: store.port,
    nativeTlsPort: 9440,
    interserverPort: 9010,
    keeperPort: 2181,
    user: "app",
    credentialsSecret: `${store.name}-credentials`,
    tls: {
      secretName: `${store.name}-tls`,
      dnsNames: [`clickhouse-${installation}.${ns}.svc.cluster.local`, `*.${ns}.svc.cluster.local`],
    },
    backup: {
      bucket: bucket.bucketName,
      prefix: `${store.name}-backups/`,
      retentionDays: store.backupRetentionDays,
      schedule: "30 2 * * *",
    },
    protect: plan.tier === "production",
    connections: store.connections,
    consumers: store.consumers,
  };
}
