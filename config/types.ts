/**
 * The shape of the platform catalog.
 *
 * The catalog is plain data (it round-trips through JSON). Two layers of types:
 * - `Catalog` below uses `string` for names, so that a catalog read from a JSON file has a type;
 * - `config/index.ts` builds the built-in catalog with literal names, so that a typo in `needs`,
 *   an unknown environment, region or cluster, or a wrong protocol is a compile error there.
 * Whatever TypeScript cannot see (a JSON file, DNS label syntax, cycles) is checked at run time by
 * `planner/validate.ts`, before anything is registered.
 */

import type { ObjectiveSpec } from "./objectives";
import type { ZoneSpec } from "./zone";
import type { MonitoringSpec, TelemetrySpec } from "./monitoring";
import type { ExternalApiSpec } from "./external";
export type { ExternalApiSpec, MonitoringSpec, ObjectiveSpec, TelemetrySpec, ZoneSpec };

/** Protocols a port may speak. `grpc` and `http` are plain inside the cluster; `https` is TLS. */
export const PROTOCOLS = ["http", "https", "grpc", "tcp"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** Tiers of an environment: they decide host names, secret rules and availability rules. */
export const TIERS = ["production", "staging", "development"] as const;
export type Tier = (typeof TIERS)[number];

/**
 * What an entry is. The kind decides how it is hosted (see `HOSTING_BY_KIND` in
 * `planner/kinds.ts`): a Deployment of ours, routes on the cluster's Kong gateway, a managed AWS
 * data store, an AWS endpoint, the platform's Vault, or a Helm-installed platform service.
 */
export const ENTRY_KINDS = [
  "gateway",
  "web",
  "service",
  "worker",
  "postgres",
  "redis",
  "search",
  "analytics-db",
  "kafka",
  "object-store",
  "smtp",
  "vault",
  "monitoring",
  "external",
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Where a host's certificate comes from. */
export type TlsPolicy =
  /** cert-manager issues and renews it from Let's Encrypt; names no secret. */
  | { mode: "letsencrypt" }
  /** A certificate the platform team buys; `certificate` names an entry of `Catalog.certificates`. */
  | { mode: "custom"; certificate: string };

/** A secret an entry reads: an environment variable filled from Vault. */
export interface SecretRef {
  /** Environment variable name, e.g. `STRIPE_SECRET_KEY`. */
  env: string;
  /**
   * The seed's reference form `secret://<name>/<key>`. It resolves per environment to the KV v2
   * secret `<vault mount>/<project>/<environment>/<name>`, property `<key>`.
   */
  ref: string;
}

/** A connection an entry provides to everything that `needs` it (data stores). */
export interface ProvidedConnection {
  /** Environment variable the dependent reads, e.g. `AUTH_DATABASE_URL`. */
  env: string;
  /** Where the value lives in Vault (`secret://<name>/<key>`): connection strings carry credentials. */
  ref: string;
}

export interface ResourceSpec {
  /** CPU request and limit, Kubernetes quantities (`250m`, `1`). */
  cpu: { request: string; limit: string };
  /** Memory request and limit, Kubernetes quantities (`256Mi`). Request equals limit is advised. */
  memory: { request: string; limit: string };
}

export interface HealthSpec {
  /** HTTP path for the liveness probe. */
  liveness: string;
  /** HTTP path for the readiness probe. */
  readiness: string;
  /** Seconds the startup probe allows before liveness applies. @default 60 */
  startupSeconds?: number;
}

export interface ImageSpec {
  /** Registry and repository, e.g. `ghcr.io/example/auth-service`. */
  repository: string;
  /** An immutable tag (a version, never `latest`), optionally with `@sha256:` digest. */
  tag: string;
}

/** A port beyond the main one (metrics, admin, gRPC). */
export interface PortSpec {
  name: string;
  port: number;
  protocol: Protocol;
}

/**
 * Which environments run an entry:
 * - `"regional"`: every environment whose `role` is `regional` (us-prod … asia-prod);
 * - `"shared"`: every environment whose `role` is `shared` (platform-shared);
 * - a list of environment names.
 */
export type Placement<Env extends string = string> = "regional" | "shared" | readonly Env[];

/** A dependency on an entry in other environments, declared on purpose (e.g. cross-region sync). */
export interface CrossEnvironmentNeed<Name extends string = string, Env extends string = string> {
  entry: Name;
  /** Environments whose copy of `entry` this one reaches; its own environment is skipped. */
  environments: readonly Env[];
  /** Why, in one line: printed in the plan. */
  reason: string;
  /**
   * Set when the environments are in different data residencies (EU and US, say): the catalog
   * moves data across jurisdictions on purpose, and says so. Validation fails without it.
   */
  acrossResidencies?: boolean;
}

/** Data-store sizing per tier (the data-layer components read it). */
export interface StoreSizing {
  /** e.g. `db.r6g.large`, `cache.r7g.large`, `kafka.m7g.large`. */
  instanceClass: string;
  /** Storage in GiB (0 where the service has none, e.g. Redis). */
  storageGiB: number;
  /** Number of nodes or instances (Multi-AZ standby counts). */
  nodes: number;
  /** Requests and limits of each node, for stores that run in the cluster (`instanceClass: "kubernetes"`). */
  resources?: ResourceSpec;
}

/** A Kafka topic of the event bus. */
export interface TopicSpec {
  partitions: number;
  /** How long records are kept, in hours. */
  retentionHours: number;
  /**
   * Copies of each partition. @default the environment's broker count, at most 3. Never more than
   * the brokers of any environment the bus runs in (validation checks it).
   */
  replicationFactor?: number;
}

/** Which customer-managed KMS key encrypts a store: the environment's, or the separate payments key. */
export type EncryptionKey = "environment" | "payments";

export interface DataStoreSpec {
  /**
   * Engine version, pinned to major and minor where the service takes one (`18.4`, `8.1`,
   * `OpenSearch_3.5`, `4.1.x.kraft`). Minor upgrades are a change of this pin, reviewed in the plan.
   */
  engineVersion: string;
  /** Sizing by tier. */
  sizing: Record<Tier, StoreSizing>;
  /** Encrypted at rest with a customer-managed key. Always true for production data. */
  encrypted: boolean;
  /** Backup retention in days, by tier. */
  backupRetentionDays: Record<Tier, number>;
  /** The KMS key of its data. @default "environment" */
  encryptionKey?: EncryptionKey;
  /** Topics, for the Kafka event bus. */
  topics?: Readonly<Record<string, TopicSpec>>;
}

/** One catalog entry. The seed's vocabulary: `needs`, `expose`, `subdomain`, `path`, `port`, `protocol`. */
export interface EntrySpec<Name extends string = string, Env extends string = string> {
  kind: EntryKind;
  description: string;
  /** Owning team (`team-<name>`): who is paged. */
  owner: string;
  /** Which environments run it. */
  placement: Placement<Env>;
  /** `public`: a host on the region's domain, through the gateway, with TLS. @default "cluster" */
  expose?: "public" | "cluster";
  /** Public host label, for `expose: "public"`. */
  subdomain?: string;
  /** Public path prefix. @default "/" */
  path?: string;
  /** TLS policy of the public host. */
  tls?: TlsPolicy;
  /** The main port inside the cluster (or the store's port). */
  port: number;
  protocol: Protocol;
  /** Further ports (metrics, OTLP, admin). */
  extraPorts?: readonly PortSpec[];
  /** Entries this one calls, in its own environment. */
  needs?: readonly Name[];
  /** Entries this one calls in other environments. */
  crossEnvironmentNeeds?: readonly CrossEnvironmentNeed<Name, Env>[];
  /** Container image, for workloads. */
  image?: ImageSpec;
  /** Requests and limits, for workloads. */
  resources?: ResourceSpec;
  /** Health endpoints, for workloads (served on the main port). */
  health?: HealthSpec;
  /** Metrics endpoint Prometheus scrapes. */
  metrics?: { port: number; path: string };
  /** Secrets it reads from Vault. */
  secrets?: readonly SecretRef[];
  /** Its service level objective; @default its kind's (config/objectives.ts), none for workers. */
  objectives?: ObjectiveSpec;
  /** Plain environment variables (no secrets: those go in `secrets`). */
  env?: Readonly<Record<string, string>>;
  /** Connections it hands to its dependents (data stores). */
  provides?: readonly ProvidedConnection[];
  /** Data-store settings (postgres, redis, search, analytics-db, kafka, object-store). */
  store?: DataStoreSpec;
  /** Whether the workload talks to the Kubernetes API (mounts its token). @default false */
  needsKubernetesApi?: boolean;
  /** Minimum replicas overriding the environment's (for singletons such as a leader-elected worker). */
  replicas?: number;
  /** Path prefix → entry, for the gateway: which service each public API path reaches. */
  routes?: Readonly<Record<string, Name>>;
  /** Event-bus topics it writes (it must need the event bus). */
  produces?: readonly string[];
  /** Event-bus topics it reads, as its own consumer group. */
  consumes?: readonly string[];
  /** What it may do in the object store, when it needs it. */
  objectAccess?: "read" | "read-write";
  /** A third-party API (`kind: "external"`): the hosts it answers at, and what its egress admits. */
  external?: ExternalApiSpec;
}

/** Where data may live: a store's backups and copies never leave its region's jurisdiction. */
export const RESIDENCIES = ["US", "EU", "APAC"] as const;
export type Residency = (typeof RESIDENCIES)[number];

export interface RegionSpec {
  /** Apex domain of the region, e.g. `example.eu`. */
  domain: string;
  /** The jurisdiction its data stays in. */
  residency: Residency;
  /** AWS region that holds copies of its backups (in the same jurisdiction), e.g. `eu-central-1`. */
  disasterRecoveryRegion: string;
  /** The region's Cloudflare zone: the one stack that owns its settings and rulesets, and its plan. */
  zone: ZoneSpec;
}

export interface EnvironmentSpec<Region extends string = string, Cluster extends string = string> {
  region: Region;
  cluster: Cluster;
  tier: Tier;
  /** `regional` environments run the shop; the `shared` one runs monitoring and platform services. */
  role: "regional" | "shared";
  /** Replicas of every stateless workload. */
  replicas: number;
  /** Database connection pool size per workload (`MAX_DB_CONNECTIONS`); none where no database. */
  dbPool?: number;
}

export interface ClusterSpec<Env extends string = string> {
  /** Kubernetes API server. */
  apiServer: string;
  /** The one stack that installs this cluster's add-ons (operators, CRDs, ingress, issuers). */
  addonOwner: Env;
  /** Availability zones of its nodes (topology spread). */
  zones: readonly string[];
  /** Kubernetes minor version the cluster runs (`1.35`): every pinned add-on must support it. */
  kubernetesVersion: string;
}

export interface CertificateSpec {
  /** Where the certificate chain (PEM) lives in Vault: `secret://<name>/<key>`. */
  certificate: string;
  /** Where its private key (PEM) lives in Vault. */
  privateKey: string;
  /** Who renews it. */
  owner: string;
}

export interface PlatformSpec {
  /** Pulumi project name; also the Vault path prefix. */
  project: string;
  /** Contact for Let's Encrypt expiry mail. */
  acmeEmail: string;
  /** KV v2 mount holding every secret. */
  vaultMount: string;
  /** Where every workload sends traces and metrics: the collector each cluster runs. */
  telemetry: TelemetrySpec;
  /** The central monitoring services: single sign-on, the clusters' ingest endpoint, retention. */
  monitoring: MonitoringSpec;
}

/** The whole catalog, as read from a JSON file (names are plain strings). */
export interface Catalog {
  platform: PlatformSpec;
  regions: Record<string, RegionSpec>;
  environments: Record<string, EnvironmentSpec>;
  clusters: Record<string, ClusterSpec>;
  certificates: Record<string, CertificateSpec>;
  entries: Record<string, EntrySpec>;
}
