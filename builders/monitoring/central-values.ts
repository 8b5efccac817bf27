/**
 * The values of the central monitoring charts, from the plan: kube-prometheus-stack's Prometheus
 * (remote-write receiver, the clusters' series) and Alertmanager (a route per team), Grafana
 * (its own OIDC sign-in, data sources, dashboards from labelled ConfigMaps), Loki (one binary,
 * retention per stream by the environment's tier), Tempo, and the OIDC proxy in front of a UI.
 * Every key was checked against the chart's values.yaml at the pinned version (config/
 * monitoring-releases.ts); what the charts render needs a real cluster to see. Pure.
 */
import type { CentralMonitoringPlan, EnvironmentPlan } from "../../planner";
import { ENCRYPTED_STORAGE_CLASS } from "../../planner/data/clickhouse";
import { PART_OF } from "../k8s/meta";
import { alertmanagerConfig, RECEIVERS_SECRET } from "./alerting";

/**
 * The label the central services' pods carry for the Services and NetworkPolicies of this
 * program: a key of its own, never one the charts write (a second `app.kubernetes.io/name` in a
 * pod template would break the chart's Deployment selector).
 */
export const SERVICE_LABEL = "ecommerce.example.com/monitoring-service";
export const serviceLabels = (service: string) => ({
  [SERVICE_LABEL]: service,
  "ecommerce.example.com/part-of": PART_OF,
});

/** The central kube-prometheus-stack release; its Prometheus and Alertmanager are `central-…`. */
export const CENTRAL_RELEASE = "central";
export const CENTRAL_PROMETHEUS = `${CENTRAL_RELEASE}-prometheus`;
export const CENTRAL_ALERTMANAGER = `${CENTRAL_RELEASE}-alertmanager`;
/** The Secret that holds Grafana's admin password and OIDC client secret (from Vault). */
export const GRAFANA_SECRET = "grafana-secrets";
/** The port Grafana's container listens on. */
export const GRAFANA_PORT = 3000;
export const ssoSecretName = (service: string) => `${service}-secrets`;

const volume = (size: string) => ({
  volumeClaimTemplate: {
    spec: {
      storageClassName: ENCRYPTED_STORAGE_CLASS,
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: size } },
    },
  },
});

export function centralPrometheusValues(c: CentralMonitoringPlan): Record<string, unknown> {
  const off = { enabled: false };
  return {
    fullnameOverride: CENTRAL_RELEASE,
    // The cluster's Prometheus Operator (the add-on, watching every namespace) runs these; its CRDs are installed once.
    crds: off,
    prometheusOperator: off,
    grafana: off,
    kubeStateMetrics: off,
    nodeExporter: off,
    defaultRules: { create: false },
    // The cluster's own Prometheus scrapes the cluster: this one only receives.
    ...Object.fromEntries(
      [
        "kubeApiServer",
        "kubelet",
        "kubeControllerManager",
        "coreDns",
        "kubeEtcd",
        "kubeScheduler",
        "kubeProxy",
      ].map((k) => [k, off]),
    ),
    prometheus: {
      prometheusSpec: {
        enableRemoteWriteReceiver: true,
        // One replica: the ingest path balances writes over the Service, so two would each hold
        // half of every series. Highly available storage is a deduplicating store (Mimir, Thanos).
        replicas: 1,
        retention: `${c.retention.metricsDays}d`,
        podMetadata: { labels: serviceLabels(c.services.prometheus.name) },
        resources: { requests: { cpu: "1", memory: "8Gi" }, limits: { memory: "16Gi" } },
        storageSpec: volume("500Gi"),
      },
    },
    alertmanager: {
      config: alertmanagerConfig(c),
      alertmanagerSpec: {
        // One replica: the clusters reach Alertmanager through a load balancer, and replicas do not
        // share alerts (only silences and the notification log), so each would see some of them.
        replicas: 1,
        retention: "120h",
        secrets: [RECEIVERS_SECRET],
        podMetadata: { labels: serviceLabels(c.services.alertmanager.name) },
        storage: volume("10Gi"),
      },
    },
  };
}

export function grafanaValues(plan: EnvironmentPlan, c: CentralMonitoringPlan): Record<string, unknown> {
  const s = c.services;
  const client = c.sso.clients.find((x) => x.entry === "grafana");
  if (!client) throw new Error("monitoring: Grafana has no single sign-on client in the plan");
  const url = (svc: { name: string; port: number }) => `http://${svc.name}.${plan.namespace}:${svc.port}`;
  const groups = (g: string) => `contains(groups[*], '${g}')`;
  return {
    fullnameOverride: "grafana",
    replicas: 1,
    // Its volume is ReadWriteOnce: the old pod must let go of it before the new one starts.
    deploymentStrategy: { type: "Recreate" },
    podLabels: serviceLabels(s.grafana.name),
    service: { port: s.grafana.port, targetPort: GRAFANA_PORT },
    persistence: { enabled: true, storageClassName: ENCRYPTED_STORAGE_CLASS, size: "10Gi" },
    // chown runs as root: the volume's fsGroup already gives Grafana (uid 472) the files.
    initChownData: { enabled: false },
    testFramework: { enabled: false },
    rbac: { namespaced: true },
    admin: { existingSecret: GRAFANA_SECRET, userKey: "admin-user", passwordKey: "admin-password" },
    envValueFrom: {
      GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: {
        secretKeyRef: { name: GRAFANA_SECRET, key: "oidc-client-secret" },
      },
    },
    assertNoLeakedSecrets: true,
    "grafana.ini": {
      server: { root_url: client.url },
      auth: { disable_login_form: true },
      "auth.generic_oauth": {
        enabled: true,
        name: "Single sign-on",
        client_id: client.clientId,
        // From GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET (Vault), never written here.
        scopes: "openid profile email groups",
        auth_url: `${c.sso.issuer}/protocol/openid-connect/auth`,
        token_url: `${c.sso.issuer}/protocol/openid-connect/token`,
        api_url: `${c.sso.issuer}/protocol/openid-connect/userinfo`,
        use_pkce: true,
        allow_sign_up: true,
        role_attribute_strict: true,
        role_attribute_path: `${groups(c.sso.adminGroup)} && 'Admin' || ${groups(c.sso.viewerGroup)} && 'Viewer'`,
      },
    },
    datasources: {
      "datasources.yaml": {
        apiVersion: 1,
        datasources: [
          {
            name: "Prometheus",
            uid: "prometheus",
            type: "prometheus",
            url: url(s.prometheus),
            isDefault: true,
          },
          {
            name: "Alertmanager",
            uid: "alertmanager",
            type: "alertmanager",
            url: url(s.alertmanager),
            jsonData: { implementation: "prometheus" },
          },
          { name: "Loki", uid: "loki", type: "loki", url: url(s.loki) },
          {
            name: "Tempo",
            uid: "tempo",
            type: "tempo",
            url: url(s.tempo),
            jsonData: {
              tracesToLogsV2: { datasourceUid: "loki", filterByTraceID: true },
              serviceMap: { datasourceUid: "prometheus" },
            },
          },
        ],
      },
    },
    // Every environment's dashboards are ConfigMaps in this namespace, labelled for the sidecar.
    sidecar: {
      dashboards: {
        enabled: true,
        label: "grafana_dashboard",
        labelValue: "1",
        folderAnnotation: "grafana_folder",
        provider: { foldersFromFilesStructure: true },
      },
    },
  };
}

export function lokiValues(c: CentralMonitoringPlan): Record<string, unknown> {
  const off = { enabled: false };
  return {
    fullnameOverride: "loki",
    deploymentMode: "Monolithic",
    singleBinary: {
      replicas: 1,
      podLabels: serviceLabels(c.services.loki.name),
      persistence: { enabled: true, size: "200Gi", storageClass: ENCRYPTED_STORAGE_CLASS },
    },
    read: { replicas: 0 },
    write: { replicas: 0 },
    backend: { replicas: 0 },
    chunksCache: off,
    resultsCache: off,
    gateway: off,
    lokiCanary: off,
    // The rules sidecar watches the Kubernetes API for ConfigMaps: the platform writes no Loki rules.
    sidecar: { rules: { enabled: false } },
    test: off,
    loki: {
      // One tenant: the clusters sign in at the ingest host, not with Loki's tenant header.
      auth_enabled: false,
      commonConfig: { replication_factor: 1 },
      storage: { type: "filesystem" },
      schemaConfig: {
        configs: [
          {
            from: "2026-01-01",
            store: "tsdb",
            object_store: "filesystem",
            schema: "v13",
            index: { prefix: "index_", period: "24h" },
          },
        ],
      },
      limits_config: {
        retention_period: `${c.retention.logsDays * 24}h`,
        // Each environment's logs for as long as its tier keeps them.
        retention_stream: c.retention.logsByEnvironment.map((e, i) => ({
          selector: `{deployment_environment="${e.environment}"}`,
          priority: i + 1,
          period: `${e.days * 24}h`,
        })),
      },
      compactor: { retention_enabled: true, delete_request_store: "filesystem" },
    },
  };
}

export function tempoValues(c: CentralMonitoringPlan): Record<string, unknown> {
  return {
    fullnameOverride: "tempo",
    podLabels: serviceLabels(c.services.tempo.name),
    persistence: { enabled: true, size: "200Gi", storageClassName: ENCRYPTED_STORAGE_CLASS },
    // The chart's pod security context (its default, with the seccomp profile the namespace's
    // restricted Pod Security level requires); `tempo.securityContext` is the container's.
    securityContext: {
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      runAsNonRoot: true,
      seccompProfile: { type: "RuntimeDefault" },
    },
    tempo: {
      retention: `${c.retention.tracesDays * 24}h`,
      storage: {
        trace: { backend: "local", local: { path: "/var/tempo/traces" }, wal: { path: "/var/tempo/wal" } },
      },
      receivers: {
        otlp: { protocols: { grpc: { endpoint: "0.0.0.0:4317" }, http: { endpoint: "0.0.0.0:4318" } } },
      },
      securityContext: {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
      },
    },
    tempoQuery: { enabled: false },
  };
}

/** An OIDC proxy in front of one UI (oauth2-proxy): its client and cookie secrets from Vault. */
export function ssoProxyValues(
  c: CentralMonitoringPlan,
  client: CentralMonitoringPlan["sso"]["clients"][number],
): Record<string, unknown> {
  const proxy = client.proxy!;
  return {
    fullnameOverride: proxy.service,
    replicaCount: 2,
    podLabels: serviceLabels(proxy.service),
    service: { portNumber: proxy.port },
    config: { existingSecret: ssoSecretName(proxy.service) },
    extraArgs: {
      provider: "oidc",
      "oidc-issuer-url": c.sso.issuer,
      upstream: proxy.upstream,
      "redirect-url": `${client.url}/oauth2/callback`,
      "email-domain": "*",
      "allowed-group": c.sso.viewerGroup,
      scope: "openid email profile groups",
      "oidc-groups-claim": "groups",
      "cookie-secure": "true",
      "reverse-proxy": "true",
      "skip-provider-button": "true",
    },
  };
}
