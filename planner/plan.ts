/**
 * The pure planner: catalog + environment (+ stack settings) → what that environment runs.
 * No Pulumi imports. Deterministic: every list is sorted, so the same catalog gives a
 * byte-identical plan whatever the order of its entries.
 */
import type { Catalog, EntryKind, Protocol, ResourceSpec, StoreSizing, Tier } from "../config/types";
import { deriveEnv, publicUrl, type EnvVarPlan } from "./env-vars";
import { hostingOf, type Hosting } from "./kinds";
import { publicHost, sorted } from "./naming";
import { entriesIn, environmentsOnCluster, placementOf } from "./placement";
import { vaultLocation, type VaultLocation } from "./secrets";
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

export interface DnsRecordPlan {
  zone: string;
  name: string;
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
  externals: { name: string; kind: EntryKind; via: Hosting; port: number; protocol: Protocol; address?: string }[];
  publicHosts: PublicHostPlan[];
  dnsRecords: DnsRecordPlan[];
  edges: EdgePlan[];
  /** Custom certificates this environment's hosts use. */
  certificates: { name: string; secretName: string; vault: CertificateVault }[];
  settings?: StackSettings;
}

/** Kinds whose public hosts are APIs, rate limited per client at the gateway. */
export const RATE_LIMITED_KINDS: ReadonlySet<EntryKind> = new Set(["gateway", "service"]);

/** Let's Encrypt ClusterIssuer name (cert-manager). */
export const LETSENCRYPT_ISSUER = "letsencrypt-production";

function certificateVault(catalog: Catalog, name: string, environment: string): CertificateVault {
  const spec = catalog.certificates[name]!;
  return { certificate: vaultLocation(spec.certificate, environment, catalog), privateKey: vaultLocation(spec.privateKey, environment, catalog) };
}

function hostPlan(catalog: Catalog, name: string, environment: string): PublicHostPlan | undefined {
  const e = catalog.entries[name]!;
  if (e.expose !== "public" || !e.subdomain || !e.tls) return undefined;
  const env = catalog.environments[environment]!;
  const host = publicHost(e.subdomain, env, catalog);
  const path = e.path ?? "/";
  const tls: PublicHostPlan["tls"] =
    e.tls.mode === "letsencrypt"
      ? { mode: "letsencrypt", issuer: LETSENCRYPT_ISSUER, secretName: `${name}-tls` }
      : {
          mode: "custom",
          certificate: e.tls.certificate,
          secretName: e.tls.certificate,
          vault: certificateVault(catalog, e.tls.certificate, environment),
        };
  const routes = e.routes
    ? sorted(Object.entries(e.routes), ([p]) => p).map(([p, svc]) => ({ path: p, service: svc, port: catalog.entries[svc]!.port }))
    : [{ path, service: name, port: e.port }];
  return {
    entry: name,
    host,
    path,
    url: publicUrl(e, environment, catalog),
    zone: catalog.regions[env.region]!.domain,
    tls,
    backends: routes,
    rateLimited: RATE_LIMITED_KINDS.has(e.kind),
    gateway: hostingOf(e) === "gateway",
  };
}

function edgeTo(catalog: Catalog, from: string, to: string, toEnvironment: string): EdgePlan {
  const t = catalog.entries[to]!;
  const via = hostingOf(t);
  // The gateway is reached on its public HTTPS listener.
  return { from, to, toEnvironment, port: t.port, protocol: t.protocol, via };
}

/**
 * Plans one environment. The catalog must have passed `validateCatalog`; the settings are
 * optional so that the plan can be computed (and tested) without a stack file.
 */
export function planEnvironment(catalog: Catalog, environment: string, settings?: StackSettings): EnvironmentPlan {
  const env = catalog.environments[environment];
  if (!env) throw new Error(`unknown environment "${environment}" (known: ${sorted(Object.keys(catalog.environments)).join(", ")})`);
  const names = entriesIn(environment, catalog);
  const here = new Set(names);
  const domain = catalog.regions[env.region]!.domain;
  const cluster = catalog.clusters[env.cluster]!;

  // Edges: every need of every entry placed here, plus declared cross-environment needs.
  const edges: EdgePlan[] = [];
  for (const n of names) {
    const e = catalog.entries[n]!;
    for (const d of e.needs ?? []) if (here.has(d)) edges.push(edgeTo(catalog, n, d, environment));
    for (const x of e.crossEnvironmentNeeds ?? []) {
      for (const other of x.environments) if (other !== environment) edges.push(edgeTo(catalog, n, x.entry, other));
    }
  }
  const sortedEdges = sorted(edges, (e) => `${e.from}\u0000${e.toEnvironment}\u0000${e.to}`);

  const publicHosts: PublicHostPlan[] = [];
  for (const n of names) {
    const h = hostPlan(catalog, n, environment);
    if (h) publicHosts.push(h);
  }
  const hostByEntry = new Map(publicHosts.map((h) => [h.entry, h]));
  const routedByGateway = new Set(publicHosts.filter((h) => h.gateway).flatMap((h) => h.backends.map((b) => b.service)));

  const workloads: WorkloadPlan[] = [];
  for (const n of names) {
    const e = catalog.entries[n]!;
    if (hostingOf(e) !== "deployment") continue;
    const replicas = Math.max(e.replicas ?? env.replicas, 1);
    const callers = sorted(new Set([
      ...sortedEdges.filter((x) => x.to === n && x.toEnvironment === environment && hostingOf(catalog.entries[x.from]!) === "deployment").map((x) => x.from),
      ...(hostByEntry.has(n) || routedByGateway.has(n) ? ["gateway"] : []),
    ]));
    const { vars } = deriveEnv(catalog, n, environment, { vaultAddress: settings?.vaultAddress });
    const ports: PortPlan[] = sorted(
      [
        { name: e.protocol === "grpc" ? "grpc" : "http", port: e.port, protocol: e.protocol },
        ...(e.extraPorts ?? []).map((p) => ({ ...p })),
        ...(e.metrics ? [{ name: "metrics", port: e.metrics.port, protocol: "http" as Protocol }] : []),
      ],
      (p) => p.name,
    );
    const scaled = env.tier === "production" || env.tier === "staging";
    workloads.push({
      name: n,
      kind: e.kind,
      description: e.description,
      owner: e.owner,
      image: `${e.image!.repository}:${e.image!.tag}`,
      replicas,
      resources: e.resources!,
      port: { name: e.protocol === "grpc" ? "grpc" : "http", port: e.port, protocol: e.protocol },
      ports,
      health: { liveness: e.health!.liveness, readiness: e.health!.readiness, startupSeconds: e.health!.startupSeconds ?? 60 },
      ...(e.metrics ? { metrics: { port: e.metrics.port, path: e.metrics.path } } : {}),
      service: callers.length > 0,
      callers,
      ...(hostByEntry.has(n) ? { public: hostByEntry.get(n)! } : {}),
      env: vars,
      vaultPolicyPaths: sorted(new Set(vars.flatMap((v) => (v.secret ? [v.secret.policyPath] : [])))),
      egress: sortedEdges.filter((x) => x.from === n),
      ...(scaled ? { autoscaling: { minReplicas: replicas, maxReplicas: Math.max(replicas * 3, replicas + 2), targetCpuPercent: 70 } } : {}),
      ...(replicas >= 2 ? { disruptionBudget: { maxUnavailable: 1 } } : {}),
      needsKubernetesApi: e.needsKubernetesApi ?? false,
    });
  }

  const dataStores: DataStorePlan[] = [];
  const remoteConsumersOf = (store: string): string[] => {
    const out: string[] = [];
    for (const [n, e] of Object.entries(catalog.entries)) {
      for (const x of e.crossEnvironmentNeeds ?? []) {
        if (x.entry !== store || !x.environments.includes(environment)) continue;
        for (const from of placementOf(e, catalog)) if (from !== environment) out.push(`${n}@${from}`);
      }
    }
    return sorted(new Set(out));
  };
  for (const n of names) {
    const e = catalog.entries[n]!;
    if (!e.store) continue;
    dataStores.push({
      name: n,
      kind: e.kind,
      description: e.description,
      owner: e.owner,
      hosting: hostingOf(e),
      engineVersion: e.store.engineVersion,
      sizing: e.store.sizing[env.tier],
      encrypted: e.store.encrypted,
      backupRetentionDays: e.store.backupRetentionDays[env.tier],
      deletionProtection: env.tier === "production",
      port: e.port,
      protocol: e.protocol,
      connections: (e.provides ?? []).map((p) => ({ env: p.env, vault: vaultLocation(p.ref, environment, catalog) })),
      consumers: sorted(new Set(sortedEdges.filter((x) => x.to === n && x.toEnvironment === environment).map((x) => x.from))),
      remoteConsumers: remoteConsumersOf(n),
    });
  }

  const platformServices: PlatformServicePlan[] = names
    .filter((n) => hostingOf(catalog.entries[n]!) === "platform")
    .map((n) => {
      const e = catalog.entries[n]!;
      const h = hostByEntry.get(n);
      return { name: n, kind: e.kind, description: e.description, port: e.port, needs: sorted(e.needs ?? []), ...(h ? { public: h } : {}) };
    });

  const externals = names
    .filter((n) => {
      const h = hostingOf(catalog.entries[n]!);
      return h === "vault" || h === "aws-endpoint" || h === "external-endpoint";
    })
    .map((n) => {
      const e = catalog.entries[n]!;
      const via = hostingOf(e);
      return {
        name: n,
        kind: e.kind,
        via,
        port: e.port,
        protocol: e.protocol,
        ...(via === "vault" && settings ? { address: settings.vaultAddress } : {}),
      };
    });

  const gatewayName = names.find((n) => hostingOf(catalog.entries[n]!) === "gateway");
  const gatewayHost = gatewayName ? hostByEntry.get(gatewayName) : undefined;

  const certNames = sorted(new Set(publicHosts.flatMap((h) => (h.tls.mode === "custom" ? [h.tls.certificate] : []))));

  return {
    environment,
    namespace: environment,
    region: env.region,
    domain,
    cluster: env.cluster,
    tier: env.tier,
    role: env.role,
    addonOwner: cluster.addonOwner === environment,
    clusterPeers: environmentsOnCluster(env.cluster, catalog).filter((e) => e !== environment),
    replicas: env.replicas,
    ...(env.dbPool !== undefined ? { dbPool: env.dbPool } : {}),
    workloads,
    ...(gatewayName && gatewayHost ? { gateway: { name: gatewayName, host: gatewayHost, routes: gatewayHost.backends } } : {}),
    dataStores,
    platformServices,
    externals,
    publicHosts,
    dnsRecords: publicHosts.map((h) => ({ zone: h.zone, name: h.host, type: "CNAME" as const, target: { cluster: env.cluster }, proxied: true })),
    edges: sortedEdges,
    certificates: certNames.map((c) => ({ name: c, secretName: c, vault: certificateVault(catalog, c, environment) })),
    ...(settings ? { settings } : {}),
  };
}
