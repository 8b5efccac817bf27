/**
 * A cluster's telemetry, from the add-on owner's plan and the ingest endpoint the monitoring
 * stack publishes: the OpenTelemetry Collector at the catalog's `otlpEndpoint` (traces and logs,
 * and metrics pushed over OTLP, to the ingest host with the cluster's credential), the Prometheus
 * values that remote-write every series there and send every alert to the central Alertmanager,
 * and the Vault reader, store and ExternalSecret that deliver the credential. Pure.
 */
import { OTEL_COLLECTOR_IMAGE } from "../../config/telemetry-releases";
import type { Catalog } from "../../config/types";
import type { ClusterTelemetryPlan, EnvironmentPlan, IngestEndpoint } from "../../planner";
import { externalSecret, vaultSecretStore } from "../k8s/external-secret";
import { platformLabels, type CustomObject, type PlainMeta } from "../k8s/meta";

const AUTH = "basicauth/ingest";
const EXPORTER = "otlp_http/ingest";

/** Where the credential is mounted in the Prometheus pods (the Prometheus Operator's `secrets`). */
const promSecretFile = (secret: string, key: string) => `/etc/prometheus/secrets/${secret}/${key}`;

export function collectorValues(t: ClusterTelemetryPlan, ingest: IngestEndpoint): Record<string, unknown> {
  const off = { enabled: false };
  const env = (name: string, key: string) => ({
    name,
    valueFrom: { secretKeyRef: { name: t.secretName, key } },
  });
  const processors = ["memory_limiter", "resource", "batch"];
  return {
    mode: "deployment",
    fullnameOverride: t.collector.service,
    replicaCount: t.collector.replicas,
    image: { repository: OTEL_COLLECTOR_IMAGE.repository, tag: OTEL_COLLECTOR_IMAGE.tag },
    ports: { "jaeger-compact": off, "jaeger-thrift": off, "jaeger-grpc": off, zipkin: off },
    extraEnvs: [env("INGEST_USERNAME", "username"), env("INGEST_PASSWORD", "password")],
    podSecurityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    },
    resources: { requests: { cpu: "200m", memory: "512Mi" }, limits: { memory: "1Gi" } },
    config: {
      receivers: {
        jaeger: null,
        zipkin: null,
        prometheus: null,
        otlp: {
          protocols: {
            grpc: { endpoint: `\${env:MY_POD_IP}:${t.collector.port}` },
            http: { endpoint: "${env:MY_POD_IP}:4318" },
          },
        },
      },
      extensions: {
        [AUTH]: { client_auth: { username: "${env:INGEST_USERNAME}", password: "${env:INGEST_PASSWORD}" } },
      },
      processors: {
        resource: { attributes: [{ key: "k8s.cluster.name", value: t.cluster, action: "upsert" }] },
      },
      exporters: {
        [EXPORTER]: {
          traces_endpoint: `${ingest.url}${ingest.paths.traces}`,
          logs_endpoint: `${ingest.url}${ingest.paths.logs}`,
          auth: { authenticator: AUTH },
          compression: "gzip",
        },
        prometheus_remote_write: {
          endpoint: `${ingest.url}${ingest.paths.metrics}`,
          auth: { authenticator: AUTH },
          external_labels: { cluster: t.cluster },
        },
      },
      service: {
        extensions: ["health_check", AUTH],
        pipelines: {
          traces: { receivers: ["otlp"], processors, exporters: [EXPORTER] },
          logs: { receivers: ["otlp"], processors, exporters: [EXPORTER] },
          metrics: { receivers: ["otlp"], processors, exporters: ["prometheus_remote_write"] },
        },
      },
    },
  };
}

/** What the cluster's Prometheus adds to its values: remote write and alerting through the ingest host. */
export function prometheusIngestValues(t: ClusterTelemetryPlan, ingest: IngestEndpoint) {
  const host = new URL(ingest.url).host;
  return {
    secrets: [t.secretName],
    remoteWrite: [
      {
        url: `${ingest.url}${ingest.paths.metrics}`,
        basicAuth: {
          username: { name: t.secretName, key: "username" },
          password: { name: t.secretName, key: "password" },
        },
      },
    ],
    additionalAlertManagerConfigs: [
      {
        scheme: "https",
        api_version: "v2",
        path_prefix: "/",
        static_configs: [{ targets: [host] }],
        basic_auth: {
          username_file: promSecretFile(t.secretName, "username"),
          password_file: promSecretFile(t.secretName, "password"),
        },
      },
    ],
  };
}

export interface TelemetryObjects {
  account: {
    apiVersion: "v1";
    kind: "ServiceAccount";
    metadata: PlainMeta;
    automountServiceAccountToken: false;
  };
  store: CustomObject;
  credential: CustomObject;
}

/** The credential's path from Vault: a reader that may read exactly it, its store, its ExternalSecret. */
export function telemetryObjects(plan: EnvironmentPlan, catalog: Catalog): TelemetryObjects {
  const t = plan.telemetry!;
  const role = plan.vault!.authBackend!.telemetry!;
  const at = (name: string): PlainMeta => ({ name, namespace: t.namespace, labels: platformLabels() });
  return {
    account: {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: at(role.serviceAccount),
      automountServiceAccountToken: false,
    },
    store: vaultSecretStore(plan, catalog, at(role.secretStore), plan.vault!.authMount, role),
    credential: externalSecret(plan, {
      metadata: at(t.secretName),
      target: t.secretName,
      store: { kind: "SecretStore", name: role.secretStore },
      data: [
        { secretKey: "username", from: t.credential.username },
        { secretKey: "password", from: t.credential.password },
      ],
    }),
  };
}
