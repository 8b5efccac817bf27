/**
 * The catalog's settings of the platform's own telemetry: what every cluster's collectors are,
 * and what the central monitoring services (Prometheus, Alertmanager, Grafana, Loki, Tempo, in the
 * environment that runs the `monitoring` entries) need beyond their entries: single sign-on, the
 * ingest endpoint the clusters ship to, and how long data is kept by the tier it came from.
 */
import type { Tier } from "./types";

/** Where every workload sends traces and metrics: the collector each cluster runs. */
export interface TelemetrySpec {
  /** OTLP gRPC endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`). */
  otlpEndpoint: string;
  /** Namespace of the cluster's telemetry agents. */
  namespace: string;
  /** Pod labels of the agent that scrapes metrics ports (each cluster's Prometheus). */
  scraperLabels: Record<string, string>;
}

export interface RetentionSpec {
  metricsDays: number;
  logsDays: number;
  tracesDays: number;
}

export interface MonitoringSpec {
  /**
   * The OpenID Connect provider every platform UI signs in with (Grafana itself, the others
   * through an OIDC proxy). Each UI's client secret lives in Vault at `secret://sso-<entry>/client-secret`.
   */
  sso: {
    /** Issuer URL (https): its `/.well-known/openid-configuration` names the endpoints. */
    issuer: string;
    /** Members of this group administer Grafana; members of `viewerGroup` (or it) may sign in anywhere. */
    adminGroup: string;
    viewerGroup: string;
  };
  /**
   * The one host (a subdomain of the monitoring environment's domain) the clusters ship metrics,
   * alerts, logs and traces to, over HTTPS with a credential per cluster kept in Vault at
   * `secret://telemetry-ingest-<cluster>/{username,password}`.
   */
  ingest: { subdomain: string };
  /** How long the central services keep data, by the tier of the environment it came from. */
  retention: Record<Tier, RetentionSpec>;
}
