/**
 * How many connections a PostgreSQL instance class holds, and how many the platform asks of it.
 * RDS's default is LEAST({DBInstanceClassMemory/9531392}, 5000); DBInstanceClassMemory is about
 * 5% below the class's nominal memory (RDS keeps the rest for the OS and its agents).
 */

/** Nominal memory of the RDS classes the catalog may name, in GiB. */
export const RDS_CLASS_MEMORY_GIB: Readonly<Record<string, number>> = {
  "db.t4g.micro": 1,
  "db.t4g.small": 2,
  "db.t4g.medium": 4,
  "db.t4g.large": 8,
  "db.t4g.xlarge": 16,
  "db.t4g.2xlarge": 32,
  "db.m7g.large": 8,
  "db.m7g.xlarge": 16,
  "db.m7g.2xlarge": 32,
  "db.m7g.4xlarge": 64,
  "db.r7g.large": 16,
  "db.r7g.xlarge": 32,
  "db.r7g.2xlarge": 64,
  "db.r7g.4xlarge": 128,
  "db.r8g.large": 16,
  "db.r8g.xlarge": 32,
  "db.r8g.2xlarge": 64,
  "db.r8g.4xlarge": 128,
};

const BYTES_PER_CONNECTION = 9531392;
const USABLE_MEMORY = 0.95;
const RDS_MAX_CONNECTIONS = 5000;

/** Connections kept for administrators and RDS itself (superuser_reserved_connections and rdsadmin). */
export const RESERVED_CONNECTIONS = 10;

/** The connections an instance class holds, or undefined for a class the table does not know. */
export function connectionCapacity(instanceClass: string): number | undefined {
  const gib = RDS_CLASS_MEMORY_GIB[instanceClass];
  if (gib === undefined) return undefined;
  return Math.min(Math.floor((gib * 2 ** 30 * USABLE_MEMORY) / BYTES_PER_CONNECTION), RDS_MAX_CONNECTIONS);
}

export interface ConnectionDemand {
  workload: string;
  /** Pods at the autoscaler's maximum (or the fixed replica count). */
  pods: number;
  /** Connection pool per pod (`MAX_DB_CONNECTIONS`). */
  pool: number;
}

/**
 * `max_connections` for a store: every consumer at full scale with its whole pool open, plus the
 * reserved connections. A store whose class cannot hold it fails validation.
 */
export function maxConnections(demand: readonly ConnectionDemand[]): number {
  return demand.reduce((n, d) => n + d.pods * d.pool, 0) + RESERVED_CONNECTIONS;
}
