/**
 * The shape of a plan: what one environment runs, as plain data. `plan.ts` computes it from the
 * catalog and the stack settings; the builders under `builders/` render it for each provider.
 */
import type { EntryKind, Protocol, ResourceSpec, StoreSizing, Tier } from "../config/types";
import type { EnvVarPlan } from "./env-vars";
import type { Hosting } from "./kinds";
import type { DataLayerPlan } from "./data/types";
import type { CloudflarePlan } from "./cloudflare";
import type { MonitoringPlan } from "./monitoring";
import type { CentralMonitoringPlan } from "./monitoring-central";
import type { ClusterTelemetryPlan } from "./telemetry";
import type { VaultPlan } from "./vault";
import type { VaultLocation } from "./secrets";
import type { StackSettings } from "./settings";

export interface PortPlan {
  name: string;
  port: number;
  protocol: Protocol;
}

export interface PublicHostPlan {
  entry: string;
  host: string;
  path: string;
  url: string;
  /** DNS zone (the region's domain). */
  zone: string;
  tls:
    | { mode: "letsencrypt"; issuer: string; secretName: string }
    | { mode: "custom"; certificate: string; secretName: string; vault: CertificateVault };
  /** The Service behind the host: the entry itself, or the gateway's routes. */
  backends: { path: string; service: string; port: number }[];
  /** Rate limited at the gateway: API hosts (the gateway and public services), not web front ends or platform UIs. */
  rateLimited: boolean;
  /** The API gateway's host (its backends are the gateway's routes). */
  gateway: boolean;
  /** Callers sign in at the gateway (Kong basic-auth): the telemetry ingest host. */
  auth?: "basic";
  /** The gateway answers with a redirect there (a UI another host serves: the Jaeger entry's, Grafana's). */
  redirect?: string;
}

/** Where a custom certificate's chain and key live in Vault. */
export interface CertificateVault {
  certificate: VaultLocation;
  privateKey: VaultLocation;
}

/** Who may call whom, on which port. */
export interface EdgePlan {
  from: string;
  to: string;
  /** Environment of the callee (differs from the caller's only for declared cross-environment needs). */
  toEnvironment: string;
  port: number;
  protocol: Protocol;
  /** How the callee is reached: in-cluster pods, managed data subnets, Vault, AWS endpoints, the gateway. */
  via: Hosting;
}

export interface WorkloadPlan {
  name: string;
  kind: EntryKind;
  description: string;
  owner: string;
  image: string;
  replicas: number;
  resources: ResourceSpec;
  port: PortPlan;
  ports: PortPlan[];
  health: { liveness: string; readiness: string; startupSeconds: number };
  metrics?: { port: number; path: string };
  /** Has a ClusterIP Service: something calls it or it is public. */
  service: boolean;
  /** In-cluster DNS name of its Service, when it has one. */
  serviceHost?: string;
  /** In-environment callers (entry names; `gateway` for the ingress controller). */
  callers: string[];
  public?: PublicHostPlan;
  env: EnvVarPlan[];
  /** Every Vault ACL path the workload may read (its ExternalSecret's), sorted. */
  vaultPolicyPaths: string[];
  /** Outgoing edges, sorted. */
  egress: EdgePlan[];
  autoscaling?: { minReplicas: number; maxReplicas: number; targetCpuPercent: number };
  disruptionBudget?: { maxUnavailable: number };
  needsKubernetesApi: boolean;
}

export interface DataStorePlan {
  name: string;
  kind: EntryKind;
  description: string;
  owner: string;
  hosting: Hosting;
  engineVersion: string;
  sizing: StoreSizing;
  encrypted: boolean;
  backupRetentionDays: number;
  /** Deletion protection, final snapshot, `protect` and `retainOnDelete`: production data is never lost. */
  deletionProtection: boolean;
  port: number;
  protocol: Protocol;
  /** Where each connection string it hands out lives. */
  connections: { env: string; vault: VaultLocation }[];
  /** Workloads that use it (own environment), and those reaching it from elsewhere. */
  consumers: string[];
  remoteConsumers: string[];
}

export interface PlatformServicePlan {
  name: string;
  kind: EntryKind;
  description: string;
  port: number;
  needs: string[];
  public?: PublicHostPlan;
}

/** A dependency outside the cluster: Vault, an AWS endpoint, the SMTP relay. */
export interface ExternalPlan {
  name: string;
  kind: EntryKind;
  via: Hosting;
  port: number;
  protocol: Protocol;
  /** Where it is reached, where the stack settings say (Vault's address). */
  address?: string;
}

export interface DnsRecordPlan {
  zone: string;
  name: string;
  /** The catalog entry whose public host it is. */
  entry: string;
  type: "CNAME";
  /** Points at the load balancer of the cluster's ingress gateway. */
  target: { cluster: string };
  /** Proxied through Cloudflare (CDN, DDoS protection). */
  proxied: boolean;
}

export interface EnvironmentPlan {
  environment: string;
  namespace: string;
  region: string;
  domain: string;
  cluster: string;
  tier: Tier;
  role: "regional" | "shared";
  /** This stack installs the cluster's add-ons. */
  addonOwner: boolean;
  /** Other environments sharing the cluster. */
  clusterPeers: string[];
  replicas: number;
  dbPool?: number;
  workloads: WorkloadPlan[];
  gateway?: { name: string; host: PublicHostPlan; routes: { path: string; service: string; port: number }[] };
  dataStores: DataStorePlan[];
  platformServices: PlatformServicePlan[];
  /** External dependencies the environment reaches (Vault, AWS endpoints, SMTP relay). */
  externals: ExternalPlan[];
  publicHosts: PublicHostPlan[];
  dnsRecords: DnsRecordPlan[];
  edges: EdgePlan[];
  /** Custom certificates this environment's hosts use. */
  certificates: { name: string; secretName: string; vault: CertificateVault }[];
  /** The stack's settings: address ranges, Vault, VPC. Builders read them from here, never elsewhere. */
  settings: StackSettings;
  /** The AWS data layer (absent where the environment has no store). */
  data?: DataLayerPlan;
  /** Vault access: per-workload policies and roles, the cluster's auth backend, the KV mount. */
  vault?: VaultPlan;
  /** Cloudflare: the environment's DNS records, and the zone's settings in its owner stack. */
  cloudflare?: CloudflarePlan;
  /** Monitors, objectives, alert routing and dashboards of the environment's workloads. */
  monitoring?: MonitoringPlan;
  /** The central monitoring services (the environment that runs the `monitoring` entries). */
  central?: CentralMonitoringPlan;
  /** The cluster's collectors and their path to the central services (the add-on owner). */
  telemetry?: ClusterTelemetryPlan;
}

export type * from "./data/types";
export type { VaultPlan, VaultRolePlan } from "./vault";
export type { CloudflarePlan, DnsRecordSpec, ZoneOwnerPlan } from "./cloudflare";
export type { MonitoringPlan, WorkloadMonitoringPlan } from "./monitoring";
export type { CentralMonitoringPlan, CentralService } from "./monitoring-central";
export type { ClusterTelemetryPlan, IngestEndpoint } from "./telemetry";
