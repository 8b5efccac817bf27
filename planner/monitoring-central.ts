/**
 * The central monitoring services, in the environment that runs the catalog's `monitoring`
 * entries (platform-shared): which entry each service is, how long it keeps data, where each
 * team's alerts go and where the receivers' keys live, single sign-on for every UI, and the one
 * ingest host the clusters ship to, with a credential per cluster. Pure.
 */
import type { Catalog } from "../config/types";
import { hostingOf } from "./kinds";
import { publicHost, sorted } from "./naming";
import { entriesIn } from "./placement";
import type { PublicHostPlan } from "./plan-types";
import { vaultLocation, type VaultLocation } from "./secrets";

/** The services the central stack realizes, each the catalog entry of the same name. */
export const CENTRAL_SERVICES = ["prometheus", "alertmanager", "grafana", "loki", "tempo", "jaeger"] as const;
export type CentralService = (typeof CENTRAL_SERVICES)[number];

/**
 * UIs Grafana serves, signing in through OpenID Connect itself: Grafana, and the `jaeger` entry,
 * whose Service is Grafana's trace view over Tempo (Tempo's own tempo-query has served no Jaeger
 * UI since 2.6.1). The other public UIs sit behind an OIDC proxy.
 */
export const SERVED_BY_GRAFANA: ReadonlySet<string> = new Set(["grafana", "jaeger"]);
const NATIVE_OIDC = SERVED_BY_GRAFANA;
/** The OIDC proxy in front of a UI: its Service and port. */
export const ssoProxyService = (entry: string) => `${entry}-sso`;
export const SSO_PROXY_PORT = 4180;

/** The catalog's name for the ingest host (not an entry: the program owns it). */
export const INGEST_ENTRY = "telemetry-ingest";
/** What each path of the ingest host reaches, and the service behind it. */
export const INGEST_ROUTES = {
  metrics: { path: "/api/v1/write", service: "prometheus" },
  alerts: { path: "/api/v2/alerts", service: "alertmanager" },
  logs: { path: "/otlp/v1/logs", service: "loki" },
  traces: { path: "/v1/traces", service: "tempo" },
} as const satisfies Record<string, { path: string; service: CentralService }>;
/** Tempo's OTLP over HTTP port (the catalog's `otlp-http` extra port). */
const TEMPO_OTLP_HTTP = "otlp-http";

export interface ReceiverKeys {
  pagerduty: VaultLocation;
  slack: VaultLocation;
}

export interface CentralMonitoringPlan {
  namespace: string;
  /** Each service's Service name and port (the catalog entry's). */
  services: Record<CentralService, { name: string; port: number }>;
  retention: {
    metricsDays: number;
    tracesDays: number;
    /** Logs are kept per stream, by the tier of the environment they came from. */
    logsDays: number;
    logsByEnvironment: { environment: string; days: number }[];
  };
  alerting: {
    /** One receiver per team owning a workload or a store, from the catalog's `owner`. */
    teams: ({ team: string } & ReceiverKeys)[];
    /** The alertmanager entry's own keys: alerts without a known team. */
    fallback: ReceiverKeys;
  };
  sso: {
    issuer: string;
    adminGroup: string;
    viewerGroup: string;
    clients: {
      entry: string;
      url: string;
      clientId: string;
      clientSecret: VaultLocation;
      /** Absent where the UI speaks OIDC itself (Grafana). */
      proxy?: { service: string; port: number; upstream: string; cookieSecret: VaultLocation };
    }[];
  };
  grafanaAdminPassword: VaultLocation;
  ingest: {
    host: PublicHostPlan;
    url: string;
    routes: Record<keyof typeof INGEST_ROUTES, { path: string; service: string; port: number }>;
    /** Each cluster's credential (the Kong consumer it signs in as). */
    clusters: { cluster: string; username: VaultLocation; password: VaultLocation }[];
  };
}

/** The environment that runs the central monitoring services, if any: where the `monitoring` entries are. */
export function monitoringEnvironment(catalog: Catalog): string | undefined {
  return Object.keys(catalog.environments)
    .sort()
    .find((env) => entriesIn(env, catalog).some((n) => hostingOf(catalog.entries[n]!) === "platform"));
}

/** The backends of a monitoring UI's public host: its OIDC proxy, unless it signs in by itself. */
export function monitoringBackends(entry: string, path: string, port: number) {
  return NATIVE_OIDC.has(entry)
    ? [{ path, service: entry, port }]
    : [{ path, service: ssoProxyService(entry), port: SSO_PROXY_PORT }];
}

/**
 * Where a UI that Grafana serves under another host redirects to: Grafana's own host (its sign-in
 * and session live there), at its trace explorer. Undefined for the others.
 */
export function monitoringRedirect(catalog: Catalog, entry: string, environment: string): string | undefined {
  const grafana = catalog.entries.grafana;
  if (entry === "grafana" || !SERVED_BY_GRAFANA.has(entry) || !grafana?.subdomain) return undefined;
  return `https://${publicHost(grafana.subdomain, catalog.environments[environment]!, catalog)}/explore`;
}

/** The ingest host of the monitoring environment: Kong routes, TLS by cert-manager, basic auth. */
export function ingestHostPlan(catalog: Catalog, environment: string): PublicHostPlan {
  const env = catalog.environments[environment]!;
  const host = publicHost(catalog.platform.monitoring.ingest.subdomain, env, catalog);
  return {
    entry: INGEST_ENTRY,
    host,
    path: "/",
    url: `https://${host}`,
    zone: catalog.regions[env.region]!.domain,
    tls: { mode: "letsencrypt", issuer: "letsencrypt-production", secretName: `${INGEST_ENTRY}-tls` },
    backends: sorted(Object.values(ingestRoutes(catalog)), (r) => r.path),
    rateLimited: false,
    gateway: false,
    auth: "basic",
  };
}

function ingestRoutes(catalog: Catalog): CentralMonitoringPlan["ingest"]["routes"] {
  const port = (service: string) => {
    const e = catalog.entries[service]!;
    if (service === INGEST_ROUTES.traces.service) {
      const p = e.extraPorts?.find((x) => x.name === TEMPO_OTLP_HTTP);
      if (!p) throw new Error(`monitoring: the ${service} entry has no "${TEMPO_OTLP_HTTP}" port`);
      return p.port;
    }
    return e.port;
  };
  const out = {} as CentralMonitoringPlan["ingest"]["routes"];
  for (const [k, r] of Object.entries(INGEST_ROUTES) as [
    keyof typeof INGEST_ROUTES,
    { path: string; service: string },
  ][])
    out[k] = { path: r.path, service: r.service, port: port(r.service) };
  return out;
}

/**
 * Teams that own something that alerts, from the catalog's `owner`: workloads, data stores, and
 * the monitoring services themselves (a cluster that stops sending pages their owner).
 */
export function alertingTeams(catalog: Catalog): string[] {
  return sorted(new Set(Object.values(catalog.entries).map((e) => e.owner)));
}

export function planCentralMonitoring(
  catalog: Catalog,
  environment: string,
  publicHosts: readonly PublicHostPlan[],
): CentralMonitoringPlan | undefined {
  if (monitoringEnvironment(catalog) !== environment) return undefined;
  const here = new Set(entriesIn(environment, catalog));
  const missing = CENTRAL_SERVICES.filter((s) => !here.has(s));
  if (missing.length)
    throw new Error(
      `monitoring: ${environment} runs monitoring entries but not ${missing.join(", ")}; the central stack needs each of ${CENTRAL_SERVICES.join(", ")}`,
    );
  const m = catalog.platform.monitoring;
  const tier = catalog.environments[environment]!.tier;
  const at = (ref: string) => vaultLocation(ref, environment, catalog);
  const secretOf = (entry: string, env: string) => {
    const s = catalog.entries[entry]!.secrets?.find((x) => x.env === env);
    if (!s) throw new Error(`monitoring: the ${entry} entry declares no ${env} secret`);
    return at(s.ref);
  };
  const services = Object.fromEntries(
    CENTRAL_SERVICES.map((s) => [s, { name: s, port: catalog.entries[s]!.port }]),
  ) as CentralMonitoringPlan["services"];
  const ingestHost = ingestHostPlan(catalog, environment);
  return {
    namespace: environment,
    services,
    retention: {
      metricsDays: m.retention[tier].metricsDays,
      tracesDays: m.retention[tier].tracesDays,
      logsDays: m.retention[tier].logsDays,
      logsByEnvironment: sorted(Object.keys(catalog.environments)).map((e) => ({
        environment: e,
        days: m.retention[catalog.environments[e]!.tier].logsDays,
      })),
    },
    alerting: {
      teams: alertingTeams(catalog).map((team) => ({
        team,
        pagerduty: at(`secret://alertmanager-${team}/pagerduty-routing-key`),
        slack: at(`secret://alertmanager-${team}/slack-webhook-url`),
      })),
      fallback: {
        pagerduty: secretOf("alertmanager", "PAGERDUTY_ROUTING_KEY"),
        slack: secretOf("alertmanager", "SLACK_WEBHOOK_URL"),
      },
    },
    sso: {
      ...m.sso,
      clients: publicHosts
        .filter((h) => here.has(h.entry) && hostingOf(catalog.entries[h.entry]!) === "platform")
        // One Grafana, one client: the hosts it serves besides its own share it.
        .filter((h) => h.entry === "grafana" || !SERVED_BY_GRAFANA.has(h.entry))
        .map((h) => ({
          entry: h.entry,
          url: h.url,
          clientId: `${catalog.platform.project}-${h.entry}`,
          clientSecret: at(`secret://sso-${h.entry}/client-secret`),
          ...(NATIVE_OIDC.has(h.entry)
            ? {}
            : {
                proxy: {
                  service: ssoProxyService(h.entry),
                  port: SSO_PROXY_PORT,
                  upstream: upstreamOf(catalog, h.entry),
                  cookieSecret: at(`secret://sso-${h.entry}/cookie-secret`),
                },
              }),
        })),
    },
    grafanaAdminPassword: secretOf("grafana", "GF_SECURITY_ADMIN_PASSWORD"),
    ingest: {
      host: ingestHost,
      url: ingestHost.url,
      routes: ingestRoutes(catalog),
      clusters: sorted(Object.keys(catalog.clusters)).map((cluster) => ({
        cluster,
        ...ingestCredential(catalog, environment, cluster),
      })),
    },
  };
}

/** Where a UI behind the proxy answers inside the namespace. */
function upstreamOf(catalog: Catalog, entry: string): string {
  return `http://${entry}:${catalog.entries[entry]!.port}`;
}

/** A cluster's ingest credential, kept by the monitoring environment. */
export function ingestCredential(
  catalog: Catalog,
  monitoringEnv: string,
  cluster: string,
): { username: VaultLocation; password: VaultLocation } {
  return {
    username: vaultLocation(`secret://telemetry-ingest-${cluster}/username`, monitoringEnv, catalog),
    password: vaultLocation(`secret://telemetry-ingest-${cluster}/password`, monitoringEnv, catalog),
  };
}
