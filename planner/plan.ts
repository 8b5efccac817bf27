/**
 * The pure planner: catalog + environment + stack settings → what that environment runs.
 * No Pulumi imports. Deterministic: every list is sorted, so the same catalog gives a
 * byte-identical plan whatever the order of its entries.
 */
import type { Catalog } from "../config/types";
import { hostingOf } from "./kinds";
import { sorted } from "./naming";
import { certificateVault, hostPlan } from "./plan-hosts";
import { planDataLayer } from "./data/plan";
import { planDataStores } from "./plan-stores";
import type {
  EdgePlan,
  EnvironmentPlan,
  ExternalPlan,
  PlatformServicePlan,
  PublicHostPlan,
} from "./plan-types";
import { planWorkloads } from "./plan-workloads";
import { entriesIn, environmentsOnCluster } from "./placement";
import { planVault } from "./vault";
import { planCloudflare } from "./cloudflare";
import { planMonitoring } from "./monitoring";
import { planCentralMonitoring } from "./monitoring-central";
import { planClusterTelemetry } from "./telemetry";
import type { StackSettings } from "./settings";

export { LETSENCRYPT_ISSUER, RATE_LIMITED_KINDS } from "./plan-hosts";
export type * from "./plan-types";

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
export function planEnvironment(
  catalog: Catalog,
  environment: string,
  settings: StackSettings,
): EnvironmentPlan {
  const env = catalog.environments[environment];
  if (!env)
    throw new Error(
      `unknown environment "${environment}" (known: ${sorted(Object.keys(catalog.environments)).join(", ")})`,
    );
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
      for (const other of x.environments)
        if (other !== environment) edges.push(edgeTo(catalog, n, x.entry, other));
    }
  }
  const sortedEdges = sorted(edges, (e) => `${e.from}\u0000${e.toEnvironment}\u0000${e.to}`);

  const publicHosts: PublicHostPlan[] = [];
  for (const n of names) {
    const h = hostPlan(catalog, n, environment);
    if (h) publicHosts.push(h);
  }
  const hostByEntry = new Map(publicHosts.map((h) => [h.entry, h]));
  const central = planCentralMonitoring(catalog, environment, publicHosts);
  if (central) publicHosts.push(central.ingest.host);
  const routedByGateway = new Set(
    publicHosts.filter((h) => h.gateway).flatMap((h) => h.backends.map((b) => b.service)),
  );

  const workloads = planWorkloads({
    catalog,
    environment,
    env,
    settings,
    names,
    edges: sortedEdges,
    hostByEntry,
    routedByGateway,
  });
  const dataStores = planDataStores(catalog, environment, env, names, sortedEdges);

  const platformServices: PlatformServicePlan[] = names
    .filter((n) => hostingOf(catalog.entries[n]!) === "platform")
    .map((n) => {
      const e = catalog.entries[n]!;
      const h = hostByEntry.get(n);
      return {
        name: n,
        kind: e.kind,
        description: e.description,
        port: e.port,
        needs: sorted(e.needs ?? []),
        ...(h ? { public: h } : {}),
      };
    });

  const externals: ExternalPlan[] = names
    .filter((n) => {
      const h = hostingOf(catalog.entries[n]!);
      return h === "vault" || h === "aws-endpoint" || h === "external-api";
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

  const certNames = sorted(
    new Set(publicHosts.flatMap((h) => (h.tls.mode === "custom" ? [h.tls.certificate] : []))),
  );

  const plan: EnvironmentPlan = {
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
    ...(gatewayName && gatewayHost
      ? { gateway: { name: gatewayName, host: gatewayHost, routes: gatewayHost.backends } }
      : {}),
    dataStores,
    platformServices,
    externals,
    publicHosts,
    dnsRecords: publicHosts.map((h) => ({
      zone: h.zone,
      name: h.host,
      entry: h.entry,
      type: "CNAME" as const,
      target: { cluster: env.cluster },
      proxied: true,
    })),
    edges: sortedEdges,
    certificates: certNames.map((c) => ({
      name: c,
      secretName: c,
      vault: certificateVault(catalog, c, environment),
    })),
    settings,
    ...(central ? { central } : {}),
  };
  const telemetry =
    plan.addonOwner &&
    planClusterTelemetry(catalog, env.cluster, env.tier === "production", {
      region: settings.awsRegion,
      accountId: settings.awsAccountId,
      eksClusterName: settings.eksClusterName,
    });
  if (telemetry) plan.telemetry = telemetry;
  const data = planDataLayer(catalog, plan);
  const withData = data ? { ...plan, data } : plan;
  return {
    ...withData,
    vault: planVault(catalog, withData),
    cloudflare: planCloudflare(catalog, withData),
    monitoring: planMonitoring(catalog, withData),
  };
}
