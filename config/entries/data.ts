/**
 * Data stores: PostgreSQL per service, Redis, search, ClickHouse, Kafka. Each hands its
 * dependents a connection string from Vault (`provides`); none is reachable from outside.
 */
import type { DataStoreSpec, EntrySpec } from "../types";
import { durableRedisStore, postgresStore, redisStore, sharedPostgresStore } from "./presets";

function postgres<S extends DataStoreSpec>(
  owner: string,
  description: string,
  env: string,
  ref: string,
  store: S,
) {
  return {
    kind: "postgres",
    description,
    owner,
    placement: "regional",
    port: 5432,
    protocol: "tcp",
    provides: [{ env, ref }],
    store,
  } as const;
}

function redis<S extends DataStoreSpec>(description: string, env: string, ref: string, store: S) {
  return {
    kind: "redis",
    description,
    owner: "team-platform",
    placement: "regional",
    port: 6379,
    protocol: "tcp",
    provides: [{ env, ref }],
    store,
  } as const;
}

const searchStore = {
  engineVersion: "OpenSearch_3.5",
  encrypted: true,
  sizing: {
    production: { instanceClass: "r7g.large.search", storageGiB: 200, nodes: 3 },
    staging: { instanceClass: "t3.medium.search", storageGiB: 20, nodes: 2 },
    development: { instanceClass: "t3.small.search", storageGiB: 10, nodes: 1 },
  },
  backupRetentionDays: { production: 14, staging: 7, development: 1 },
} as const satisfies DataStoreSpec;

/**
 * ClickHouse runs in the cluster (no AWS service offers it), operated by the Altinity operator:
 * sized for Kubernetes (requests and limits per replica, volume per replica), replicated through
 * ClickHouse Keeper, backed up to the environment's bucket.
 */
const clickhouseStore = {
  engineVersion: "26.3",
  encrypted: true,
  sizing: {
    production: {
      instanceClass: "kubernetes",
      storageGiB: 500,
      nodes: 3,
      resources: { cpu: { request: "2", limit: "4" }, memory: { request: "8Gi", limit: "8Gi" } },
    },
    staging: {
      instanceClass: "kubernetes",
      storageGiB: 50,
      nodes: 1,
      resources: { cpu: { request: "500m", limit: "2" }, memory: { request: "2Gi", limit: "2Gi" } },
    },
    development: {
      instanceClass: "kubernetes",
      storageGiB: 20,
      nodes: 1,
      resources: { cpu: { request: "250m", limit: "1" }, memory: { request: "1Gi", limit: "1Gi" } },
    },
  },
  backupRetentionDays: { production: 30, staging: 7, development: 1 },
} as const satisfies DataStoreSpec;

/**
 * The event bus (MSK, KRaft). Brokers are a multiple of the environment's data subnets (one per
 * zone): 3 in production, 2 in staging and development, whose data subnets span 2 zones.
 */
const kafkaStore = {
  engineVersion: "4.1.x.kraft",
  encrypted: true,
  sizing: {
    production: { instanceClass: "kafka.m7g.large", storageGiB: 500, nodes: 3 },
    staging: { instanceClass: "kafka.t3.small", storageGiB: 50, nodes: 2 },
    development: { instanceClass: "kafka.t3.small", storageGiB: 20, nodes: 2 },
  },
  backupRetentionDays: { production: 7, staging: 3, development: 1 },
  topics: {
    orders: { partitions: 12, retentionHours: 168 },
    payments: { partitions: 6, retentionHours: 168 },
    inventory: { partitions: 6, retentionHours: 72 },
    products: { partitions: 6, retentionHours: 72 },
    users: { partitions: 6, retentionHours: 72 },
  },
} as const satisfies DataStoreSpec;

export const dataEntries = {
  "postgres-auth": postgres(
    "team-identity",
    "PostgreSQL for auth service",
    "AUTH_DATABASE_URL",
    "secret://postgres-auth/url",
    postgresStore,
  ),
  "postgres-users": postgres(
    "team-identity",
    "PostgreSQL for user service",
    "USER_DATABASE_URL",
    "secret://postgres-users/url",
    postgresStore,
  ),
  "postgres-products": postgres(
    "team-catalog",
    "PostgreSQL for product service",
    "PRODUCT_DATABASE_URL",
    "secret://postgres-products/url",
    postgresStore,
  ),
  "postgres-orders": postgres(
    "team-checkout",
    "PostgreSQL for order service",
    "ORDER_DATABASE_URL",
    "secret://postgres-orders/url",
    sharedPostgresStore,
  ),
  "postgres-payments": postgres(
    "team-payments",
    "PostgreSQL for payment service (encrypted)",
    "PAYMENT_DATABASE_URL",
    "secret://postgres-payments/url",
    // Card and payout data: its own key, so that access to it can be granted and revoked apart.
    { ...postgresStore, encryptionKey: "payments" },
  ),
  "postgres-inventory": postgres(
    "team-catalog",
    "PostgreSQL for inventory service",
    "INVENTORY_DATABASE_URL",
    "secret://postgres-inventory/url",
    postgresStore,
  ),
  "postgres-notifications": postgres(
    "team-messaging",
    "PostgreSQL for notification service",
    "NOTIFICATION_DATABASE_URL",
    "secret://postgres-notifications/url",
    postgresStore,
  ),
  "postgres-analytics": postgres(
    "team-data",
    "PostgreSQL for analytics",
    "ANALYTICS_DATABASE_URL",
    "secret://postgres-analytics/url",
    sharedPostgresStore,
  ),
  "postgres-sync": postgres(
    "team-data",
    "PostgreSQL for cross-region sync",
    "SYNC_DATABASE_URL",
    "secret://postgres-sync/url",
    postgresStore,
  ),
  "redis-cache": redis(
    "Redis cluster for application caching",
    "REDIS_CACHE_URL",
    "secret://redis-cache/url",
    redisStore,
  ),
  "redis-sessions": redis(
    "Redis for user sessions",
    "REDIS_SESSION_URL",
    "secret://redis-sessions/url",
    durableRedisStore,
  ),
  "redis-queue": redis(
    "Redis for job queues (Bull/BullMQ)",
    "REDIS_QUEUE_URL",
    "secret://redis-queue/url",
    durableRedisStore,
  ),
  "redis-pubsub": redis(
    "Redis for pub/sub messaging",
    "REDIS_PUBSUB_URL",
    "secret://redis-pubsub/url",
    redisStore,
  ),
  elasticsearch: {
    kind: "search",
    description: "Elasticsearch-compatible search cluster (Amazon OpenSearch Service)",
    owner: "team-catalog",
    placement: "regional",
    port: 443,
    protocol: "https",
    provides: [{ env: "ELASTICSEARCH_URL", ref: "secret://elasticsearch/url" }],
    store: searchStore,
  },
  clickhouse: {
    kind: "analytics-db",
    description: "ClickHouse for analytics (in the cluster, Altinity operator)",
    owner: "team-data",
    placement: "regional",
    port: 8443,
    protocol: "https",
    provides: [{ env: "CLICKHOUSE_URL", ref: "secret://clickhouse/url" }],
    store: clickhouseStore,
  },
  "event-bus": {
    kind: "kafka",
    description: "Apache Kafka event streaming platform (KRaft: no ZooKeeper)",
    owner: "team-platform",
    placement: "regional",
    port: 9098,
    protocol: "tcp",
    provides: [{ env: "KAFKA_BOOTSTRAP_SERVERS", ref: "secret://event-bus/bootstrap-servers" }],
    store: kafkaStore,
  },
} as const satisfies Record<string, EntrySpec>;
