/**
 * The monitoring stack, in the platform-shared environment: metrics, dashboards, logs, traces,
 * alerts. Every cluster ships telemetry to it through its own collector (see `platform.telemetry`).
 */
import type { EntrySpec } from "../types";

const shared = {
  kind: "monitoring",
  owner: "team-observability",
  placement: "shared",
  protocol: "http",
} as const;
const platformCert = { mode: "custom", certificate: "platform-tls-cert" } as const;

export const monitoringEntries = {
  prometheus: {
    ...shared,
    description: "Prometheus metrics collection",
    expose: "public",
    subdomain: "metrics",
    path: "/",
    tls: platformCert,
    port: 9090,
    // The seed lists Alertmanager as needing Prometheus; it is Prometheus that sends alerts.
    needs: ["alertmanager"],
  },
  grafana: {
    ...shared,
    description: "Grafana dashboards",
    expose: "public",
    subdomain: "grafana",
    path: "/",
    tls: platformCert,
    port: 3000,
    needs: ["prometheus", "loki"],
    secrets: [{ env: "GF_SECURITY_ADMIN_PASSWORD", ref: "secret://grafana/admin-password" }],
  },
  loki: { ...shared, description: "Loki log aggregation", port: 3100 },
  tempo: {
    ...shared,
    description: "Tempo distributed tracing",
    port: 3200,
    extraPorts: [
      { name: "otlp-grpc", port: 4317, protocol: "grpc" },
      { name: "otlp-http", port: 4318, protocol: "http" },
    ],
  },
  jaeger: {
    ...shared,
    description: "Jaeger tracing UI",
    expose: "public",
    subdomain: "tracing",
    path: "/",
    tls: platformCert,
    port: 16686,
    needs: ["tempo"],
  },
  alertmanager: {
    ...shared,
    description: "AlertManager for notifications",
    port: 9093,
    secrets: [
      { env: "PAGERDUTY_ROUTING_KEY", ref: "secret://alertmanager/pagerduty-routing-key" },
      { env: "SLACK_WEBHOOK_URL", ref: "secret://alertmanager/slack-webhook-url" },
    ],
  },
} as const satisfies Record<string, EntrySpec>;
