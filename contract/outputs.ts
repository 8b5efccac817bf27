/** The `platform` output of a stack, computed from its plan and the endpoints its stores report. Pure. */
import { INGRESS_CLASS, KONG } from "../config/addons";
import type { EnvironmentPlan, IngestEndpoint } from "../planner";
import { SCHEMA_VERSION, type PlatformOutputs } from "./schema";

/** The store's service and version, as the contract names them. */
function engineOf(kind: string, version: string): string {
  const service: Record<string, string> = {
    postgres: "rds-postgresql",
    redis: "elasticache-valkey",
    search: "opensearch",
    kafka: "msk",
    "object-store": "s3",
    "analytics-db": "clickhouse",
  };
  return `${service[kind] ?? kind} ${version}`.trim();
}

export function platformOutputs(
  plan: EnvironmentPlan,
  installedBy: string,
  /** The address each store answers at (from the cloud), by store. */
  endpoints: Readonly<Record<string, string>>,
  /** The cluster's ingress load balancer, where this stack knows it (the add-on owner). */
  loadBalancer?: string,
): PlatformOutputs {
  const sortedEntries = <T>(pairs: [string, T][]) =>
    Object.fromEntries(pairs.sort(([a], [b]) => (a < b ? -1 : 1)));
  const stores = plan.dataStores.map((d): [string, PlatformOutputs["dataStores"][string]] => {
    const endpoint = endpoints[d.name];
    if (endpoint === undefined) throw new Error(`platform outputs: no endpoint for ${d.name}`);
    const vault = d.connections[0]?.vault;
    if (!vault) throw new Error(`platform outputs: ${d.name} provides no connection`);
    return [
      d.name,
      {
        kind: d.kind,
        engine: engineOf(d.kind, d.kind === "object-store" ? "" : d.engineVersion),
        endpoint,
        port: d.port,
        vaultPath: `${vault.mount}/${vault.key}`,
      },
    ];
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    environment: plan.environment,
    region: plan.region,
    domain: plan.domain,
    cluster: plan.cluster,
    namespace: plan.namespace,
    tier: plan.tier,
    role: plan.role,
    publicEndpoints: sortedEntries(
      plan.publicHosts.map((h) => [h.entry, { url: h.url, host: h.host, tls: h.tls.mode }]),
    ),
    services: sortedEntries(
      plan.workloads
        .filter((w) => w.serviceHost)
        .map((w) => [w.name, { host: w.serviceHost!, port: w.port.port, protocol: w.port.protocol }]),
    ),
    dataStores: sortedEntries(stores),
    topics: sortedEntries(
      (plan.data?.kafka?.topics ?? []).map((t) => [
        t.name,
        {
          partitions: t.partitions,
          replicationFactor: t.replicationFactor,
          producers: t.producers,
          consumers: t.consumers,
        },
      ]),
    ),
    vaultPaths: sortedEntries(
      plan.workloads.filter((w) => w.vaultPolicyPaths.length).map((w) => [w.name, w.vaultPolicyPaths]),
    ),
    dnsNames: plan.dnsRecords.map((d) => ({ name: d.name, zone: d.zone })),
    ingress: {
      class: INGRESS_CLASS,
      namespace: KONG.namespace,
      installedBy,
      ...(loadBalancer ? { loadBalancer } : {}),
    },
    ...(plan.central
      ? {
          telemetry: {
            ingest: {
              url: plan.central.ingest.url,
              paths: {
                metrics: plan.central.ingest.routes.metrics.path,
                alerts: plan.central.ingest.routes.alerts.path,
                logs: plan.central.ingest.routes.logs.path,
                traces: plan.central.ingest.routes.traces.path,
              },
              authentication: "basic" as const,
              credentials: Object.fromEntries(
                plan.central.ingest.clusters.map((c) => [c.cluster, `${c.password.mount}/${c.password.key}`]),
              ),
            },
          },
        }
      : {}),
  };
}

/** The ingest endpoint in a monitoring stack's outputs; an error naming the stack where it has none. */
export function ingestEndpoint(p: PlatformOutputs): IngestEndpoint {
  if (!p.telemetry)
    throw new Error(
      `${p.environment} exports no telemetry ingest endpoint: deploy it (and its monitoring) first`,
    );
  return { url: p.telemetry.ingest.url, paths: { ...p.telemetry.ingest.paths } };
}
