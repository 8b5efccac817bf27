/** How each kind of entry is hosted: the one table that tells components apart. */
import type { EntryKind, EntrySpec } from "../config/types";

export type Hosting =
  /** A Deployment of ours (service, worker, web front end). */
  | "deployment"
  /** Routes on the cluster's Kong gateway (the API gateway has no pods of its own). */
  | "gateway"
  /** A managed AWS data store (RDS, ElastiCache, OpenSearch, MSK) in the data subnets. */
  | "managed"
  /** A data store run in the environment's namespace by an operator (ClickHouse). */
  | "in-cluster-store"
  /** An AWS API reached over HTTPS with the workload's role (S3 through the VPC endpoint, SES). */
  | "aws-endpoint"
  /** The platform's Vault cluster. */
  | "vault"
  /** A platform service installed from a Helm chart (monitoring). */
  | "platform"
  /** A third-party API on the internet (payment, messaging, push). */
  | "external-api";

export const HOSTING_BY_KIND: Record<EntryKind, Hosting> = {
  gateway: "gateway",
  web: "deployment",
  service: "deployment",
  worker: "deployment",
  postgres: "managed",
  redis: "managed",
  search: "managed",
  "analytics-db": "in-cluster-store",
  kafka: "managed",
  "object-store": "aws-endpoint",
  smtp: "aws-endpoint",
  vault: "vault",
  monitoring: "platform",
  external: "external-api",
};

export function hostingOf(entry: Pick<EntrySpec, "kind">): Hosting {
  return HOSTING_BY_KIND[entry.kind];
}

/** Entries whose pods run in the environment's namespace, reachable by in-cluster DNS. */
export function runsInCluster(entry: Pick<EntrySpec, "kind">): boolean {
  const h = hostingOf(entry);
  return h === "deployment" || h === "platform";
}

/** Kinds that are data stores (they carry `store` sizing and `provides` connections). */
export const STORE_KINDS: ReadonlySet<EntryKind> = new Set([
  "postgres",
  "redis",
  "search",
  "analytics-db",
  "kafka",
  "object-store",
]);
