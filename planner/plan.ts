/**
 * The pure planner: catalog + environment + stack settings → what that environment runs.
 * No Pulumi imports. Deterministic: every list is sorted, so the same catalog gives a
 * byte-identical plan whatever the order of its entries.
 */
import type { Catalog, EntryKind, Protocol } from "../config/types";
import { deriveEnv, publicUrl } from "./env-vars";
import { hostingOf } from "./kinds";
import { clusterHost, publicHost, sorted } from "./naming";
import type {
  CertificateVault,
  DataStorePlan,
  EdgePlan,
  EnvironmentPlan,
  ExternalPlan,
  PlatformServicePlan,
  PortPlan,
  PublicHostPlan,
  WorkloadPlan,
} from "./plan-types";
import { entriesIn, environmentsOnCluster, placementOf } from "./placement";
import { vaultLocation } from "./secrets";
import type { StackSettings } from "./settings";

export type * from "./plan-types";

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
 * Plans one environment. The catalog must have passed `validateCatalog`, the settings
 * `parseStackSettings`: the plan holds everything the builders render, so that nothing
 * downstream needs another input or falls back to a default.
 */
export function planEnvironment(catalog: Catalog, environment: string, settings: StackSettings): EnvironmentPlan {
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
    const { vars } = deriveEnv(catalog, n, environment, { vaultAddress: settings.vaultAddress });
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
      ...(callers.length > 0 ? { serviceHost: clusterHost(n, environment) } : {}),
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

  const externals: ExternalPlan[] = names
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
        ...(via === "vault" ? { address: settings.vaultAddress } : {}),
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
    settings,
  };
}
