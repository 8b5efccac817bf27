/**
 * The Kubernetes objects of the central monitoring services besides their charts: the Services
 * the catalog names (`prometheus`, `alertmanager`, `jaeger`), each service's Vault reader and
 * store and the Secrets it fills, the ingest host's Kong consumers (one per cluster, credential
 * from Vault), the NetworkPolicies that open exactly the paths between them, a rule that fires
 * when a cluster stops sending, and every environment's dashboards as ConfigMaps for Grafana's
 * sidecar. Pure.
 */
import type * as k8s from "@pulumi/kubernetes";
import { INGRESS_CLASS } from "../../config/addons";
import type { Catalog } from "../../config/types";
import type { CentralMonitoringPlan, EnvironmentPlan, MonitoringPlan, VaultRolePlan } from "../../planner";
import { externalSecret, vaultSecretStore } from "../k8s/external-secret";
import { meta, platformLabels, selectorLabels, type CustomObject, type Typed } from "../k8s/meta";
import { centralPolicies, type PolicyObject } from "./central-network";
import { receiverSecretData, RECEIVERS_SECRET } from "./alerting";
import {
  CENTRAL_ALERTMANAGER,
  CENTRAL_PROMETHEUS,
  CENTRAL_RELEASE,
  GRAFANA_PORT,
  GRAFANA_SECRET,
  serviceLabels,
  ssoSecretName,
} from "./central-values";
import { overviewDashboard, workloadDashboard } from "./dashboards";
import { MONITORING_API } from "./monitors";

type ServiceObject = Typed<k8s.core.v1.ServiceArgs, "v1", "Service">;
type ConfigMapObject = Typed<k8s.core.v1.ConfigMapArgs, "v1", "ConfigMap">;
type AccountObject = Typed<k8s.core.v1.ServiceAccountArgs, "v1", "ServiceAccount">;

export interface CentralObjects {
  services: Record<string, ServiceObject>;
  /** By service: its Vault reader, its store, the ExternalSecrets it reads through them. */
  secrets: Record<string, { account: AccountObject; store: CustomObject; externalSecrets: CustomObject[] }>;
  /** The ingest host's consumers, one per cluster. */
  consumers: CustomObject[];
  policies: Record<string, PolicyObject>;
  rules: CustomObject;
  /** Every environment's dashboards, one ConfigMap each, by environment. */
  dashboards: Record<string, ConfigMapObject>;
}

export const consumerSecret = (cluster: string) => `telemetry-ingest-${cluster}`;

export function centralObjects(
  plan: EnvironmentPlan,
  catalog: Catalog,
  c: CentralMonitoringPlan,
  environments: readonly MonitoringPlan[],
): CentralObjects {
  const labels = platformLabels(plan.environment);
  const s = c.services;
  const service = (
    name: string,
    port: number,
    target: number,
    selector: Record<string, string>,
  ): ServiceObject => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: meta(plan, name, { ...labels, ...selectorLabels(name) }),
    spec: {
      type: "ClusterIP",
      selector,
      ports: [{ name: "http", port, targetPort: target, protocol: "TCP" }],
    },
  });

  // Vault: one reader and store per service, each reading through its own role.
  const roles = new Map(plan.vault!.services.map((r) => [r.service, r]));
  const reader = (service: string, secrets: CustomObject[]) => {
    const r: VaultRolePlan & { secretStore: string } = roles.get(service)!;
    return {
      account: {
        apiVersion: "v1" as const,
        kind: "ServiceAccount" as const,
        metadata: meta(plan, r.serviceAccount, labels),
        automountServiceAccountToken: false,
      },
      store: vaultSecretStore(plan, catalog, meta(plan, r.secretStore, labels), plan.vault!.authMount, r),
      externalSecrets: secrets,
    };
  };
  const store = (service: string) => ({
    kind: "SecretStore" as const,
    name: roles.get(service)!.secretStore,
  });
  const withTemplate = (es: CustomObject, template: Record<string, unknown>): CustomObject => {
    const spec = es.spec as { target: Record<string, unknown> };
    return { ...es, spec: { ...spec, target: { ...spec.target, template } } };
  };
  const grafanaClient = c.sso.clients.find((x) => x.entry === "grafana")!;
  const secrets: CentralObjects["secrets"] = {
    grafana: reader("grafana", [
      withTemplate(
        externalSecret(plan, {
          metadata: meta(plan, GRAFANA_SECRET, labels),
          target: GRAFANA_SECRET,
          store: store("grafana"),
          data: [
            { secretKey: "admin-password", from: c.grafanaAdminPassword },
            { secretKey: "oidc-client-secret", from: grafanaClient.clientSecret },
          ],
        }),
        { mergePolicy: "Merge", data: { "admin-user": "admin" } },
      ),
    ]),
    alertmanager: reader("alertmanager", [
      externalSecret(plan, {
        metadata: meta(plan, RECEIVERS_SECRET, labels),
        target: RECEIVERS_SECRET,
        store: store("alertmanager"),
        data: receiverSecretData(c),
      }),
    ]),
    "telemetry-ingest": reader(
      "telemetry-ingest",
      c.ingest.clusters.map((x) =>
        withTemplate(
          externalSecret(plan, {
            metadata: meta(plan, consumerSecret(x.cluster), labels),
            target: consumerSecret(x.cluster),
            store: store("telemetry-ingest"),
            data: [
              { secretKey: "username", from: x.username },
              { secretKey: "password", from: x.password },
            ],
          }),
          // Kong reads a credential's type from this label (KIC 3.2 dropped `kongCredType`).
          { metadata: { labels: { "konghq.com/credential": "basic-auth" } } },
        ),
      ),
    ),
  };
  for (const client of c.sso.clients.filter((x) => x.proxy)) {
    const p = client.proxy!;
    secrets[p.service] = reader(p.service, [
      withTemplate(
        externalSecret(plan, {
          metadata: meta(plan, ssoSecretName(p.service), labels),
          target: ssoSecretName(p.service),
          store: store(p.service),
          data: [
            { secretKey: "client-secret", from: client.clientSecret },
            { secretKey: "cookie-secret", from: p.cookieSecret },
          ],
        }),
        { mergePolicy: "Merge", data: { "client-id": client.clientId } },
      ),
    ]);
  }

  const policies = centralPolicies(plan, catalog, c);

  return {
    services: {
      prometheus: service(s.prometheus.name, s.prometheus.port, 9090, {
        "app.kubernetes.io/name": "prometheus",
        "operator.prometheus.io/name": CENTRAL_PROMETHEUS,
      }),
      alertmanager: service(s.alertmanager.name, s.alertmanager.port, 9093, {
        "app.kubernetes.io/name": "alertmanager",
        alertmanager: CENTRAL_ALERTMANAGER,
      }),
      // The seed's Jaeger UI: Grafana's trace view over Tempo, at the entry's name and port.
      jaeger: service(s.jaeger.name, s.jaeger.port, GRAFANA_PORT, serviceLabels(s.grafana.name)),
    },
    secrets,
    consumers: c.ingest.clusters.map((x) => ({
      apiVersion: "configuration.konghq.com/v1",
      kind: "KongConsumer",
      metadata: meta(plan, `telemetry-${x.cluster}`, labels, {
        "kubernetes.io/ingress.class": INGRESS_CLASS,
      }),
      username: x.cluster,
      credentials: [consumerSecret(x.cluster)],
    })),
    policies,
    rules: {
      apiVersion: MONITORING_API,
      kind: "PrometheusRule",
      metadata: meta(plan, "telemetry-ingest", { ...labels, release: CENTRAL_RELEASE }),
      spec: {
        groups: [
          {
            name: "telemetry-ingest.alerts",
            rules: c.ingest.clusters.map((x) => ({
              alert: "ClusterTelemetryMissing",
              expr: `absent_over_time(up{cluster="${x.cluster}"}[15m])`,
              for: "5m",
              labels: { severity: "critical", team: catalog.entries.prometheus!.owner, cluster: x.cluster },
              annotations: {
                summary: `${x.cluster} has sent no metrics for 15 minutes: its Prometheus, its credential or the ingest host is down`,
              },
            })),
          },
        ],
      },
    },
    dashboards: Object.fromEntries(
      environments.map((m) => [
        m.labels.environment,
        {
          apiVersion: "v1" as const,
          kind: "ConfigMap" as const,
          metadata: meta(
            plan,
            `dashboards-${m.labels.environment}`,
            { ...labels, grafana_dashboard: "1" },
            { grafana_folder: m.labels.environment },
          ),
          data: Object.fromEntries<string>([
            [`${m.overview.uid}.json`, JSON.stringify(overviewDashboard(m))],
            ...m.workloads.map((w): [string, string] => [
              `${w.dashboard.uid}.json`,
              JSON.stringify(workloadDashboard(m, w)),
            ]),
          ]),
        },
      ]),
    ),
  };
}
