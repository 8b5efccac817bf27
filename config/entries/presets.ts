/**
 * Shared building blocks for catalog entries: image, sizing and health presets, so each entry
 * states only what is particular to it. They return plain data; the catalog stays JSON-shaped.
 */
import type { DataStoreSpec, HealthSpec, ImageSpec, ResourceSpec } from "../types";

/** The platform's registry. Tags are immutable release versions. */
export const REGISTRY = "registry.example.com/ecommerce";

export function image(name: string, tag: string): ImageSpec {
  return { repository: `${REGISTRY}/${name}`, tag };
}

/** Requests and limits by size. Memory request equals limit (no overcommit of memory). */
export const size = {
  xs: { cpu: { request: "100m", limit: "500m" }, memory: { request: "128Mi", limit: "128Mi" } },
  s: { cpu: { request: "250m", limit: "1" }, memory: { request: "256Mi", limit: "256Mi" } },
  m: { cpu: { request: "500m", limit: "2" }, memory: { request: "512Mi", limit: "512Mi" } },
  l: { cpu: { request: "1", limit: "4" }, memory: { request: "2Gi", limit: "2Gi" } },
} as const satisfies Record<string, ResourceSpec>;

/** The platform's health convention: `/healthz` (alive) and `/readyz` (ready for traffic). */
export const health = { liveness: "/healthz", readiness: "/readyz" } as const satisfies HealthSpec;

/** Every workload exports OpenTelemetry metrics in Prometheus format on this port. */
export const metrics = { port: 9464, path: "/metrics" } as const;

/** PostgreSQL per service (RDS): Multi-AZ in production, encrypted, point-in-time recovery. */
export const postgresStore = {
  engineVersion: "18.4",
  encrypted: true,
  sizing: {
    production: { instanceClass: "db.r7g.large", storageGiB: 100, nodes: 2 },
    staging: { instanceClass: "db.t4g.medium", storageGiB: 20, nodes: 1 },
    development: { instanceClass: "db.t4g.small", storageGiB: 10, nodes: 1 },
  },
  backupRetentionDays: { production: 14, staging: 7, development: 1 },
} as const satisfies DataStoreSpec;

/**
 * A PostgreSQL store shared by two autoscaled workloads needs room for both pools at full scale in
 * production (see `maxConnections` in planner/data-plan.ts): the next class up in memory.
 */
export const sharedPostgresStore = {
  ...postgresStore,
  sizing: {
    ...postgresStore.sizing,
    production: { instanceClass: "db.r7g.2xlarge", storageGiB: 200, nodes: 2 },
  },
} as const satisfies DataStoreSpec;

/** Redis (ElastiCache for Valkey): replicated with automatic failover in production. */
export const redisStore = {
  engineVersion: "8.1",
  encrypted: true,
  sizing: {
    production: { instanceClass: "cache.r7g.large", storageGiB: 0, nodes: 3 },
    staging: { instanceClass: "cache.t4g.medium", storageGiB: 0, nodes: 2 },
    development: { instanceClass: "cache.t4g.small", storageGiB: 0, nodes: 1 },
  },
  // Caches and pub/sub hold nothing to restore: no snapshots.
  backupRetentionDays: { production: 0, staging: 0, development: 0 },
} as const satisfies DataStoreSpec;

/** Redis whose contents matter (sessions, job queues): daily snapshots kept. */
export const durableRedisStore = {
  ...redisStore,
  backupRetentionDays: { production: 7, staging: 3, development: 1 },
} as const satisfies DataStoreSpec;
