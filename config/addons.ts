/**
 * Cluster add-ons, pinned: installed once per cluster by the stack the catalog names as its
 * add-on owner. One record per add-on says what is installed and what is known of it: chart and
 * app versions, release date, end of support, the Kubernetes versions it supports and the custom
 * resource versions its CRDs serve. Validation checks the clusters against it; `plan` warns when
 * a pin is past its announced end of support, judged against `PINS_CHECKED_ON` (not today's date,
 * so that the plan stays the same from day to day). Upgrading one is a change reviewed in the plan.
 */
import type { Tier } from "./types";

/** The day the pins below were last checked against the projects' releases and support pages. */
export const PINS_CHECKED_ON = "2026-11-26";

export interface ChartPin {
  /** Chart name in its repository. */
  chart: string;
  /** Exact chart version. */
  version: string;
  /** Helm repository URL. */
  repository: string;
  /** Namespace the add-on runs in. */
  namespace: string;
}

/** A custom resource kind an add-on's CRDs define: the versions served, and the one stored. */
export interface CrdVersions {
  group: string;
  kind: string;
  served: readonly string[];
  storage: string;
}

export interface AddonRelease extends ChartPin {
  /** What the chart runs, e.g. `v1.21.2`, `kong/kong-gateway 3.14`. */
  appVersion: string;
  /** Release date of the pinned version (ISO). */
  released: string;
  /**
   * End of support: an announced date where the project publishes one, and the rule it follows.
   * `plan` warns when `date` is before `PINS_CHECKED_ON`.
   */
  support: { until?: string; rule: string };
  /** Kubernetes minor versions the release supports, inclusive (`1.33`…`1.36`), and where that is said. */
  kubernetes: { min: string; max: string; source: string };
  /** Custom resources the chart's CRDs define, with their served and storage versions. */
  crds: readonly CrdVersions[];
  /** Where these facts were read. */
  source: string;
}

export const CERT_MANAGER: AddonRelease = {
  chart: "cert-manager",
  version: "v1.21.1",
  appVersion: "v1.21.1",
  repository: "https://charts.jetstack.io",
  namespace: "cert-manager",
  released: "2026-07-29",
  support: {
    rule: "the two newest minors are supported, each in its latest patch: 1.21 until 1.23 ships (a v1.21.2 was reported in September 2026: take it at the next refresh)",
  },
  kubernetes: {
    min: "1.33",
    max: "1.36",
    source: "cert-manager.io/docs/releases (1.21: Kubernetes 1.33 to 1.36)",
  },
  crds: [
    { group: "cert-manager.io", kind: "Certificate", served: ["v1"], storage: "v1" },
    { group: "cert-manager.io", kind: "ClusterIssuer", served: ["v1"], storage: "v1" },
    { group: "cert-manager.io", kind: "Issuer", served: ["v1"], storage: "v1" },
  ],
  source:
    "cert-manager tag v1.21.1 (deploy/crds, deploy/charts/cert-manager), release notes and upgrade guides 1.16 to 1.21",
};

export const EXTERNAL_SECRETS: AddonRelease = {
  chart: "external-secrets",
  version: "2.11.0",
  appVersion: "v2.11.0",
  repository: "https://charts.external-secrets.io",
  namespace: "external-secrets",
  released: "2026-09-22",
  support: {
    rule: "only the newest minor release is supported: 2.11 until 2.12 ships (minors ship about monthly; check for a newer one)",
  },
  kubernetes: {
    min: "1.35",
    max: "1.36",
    source: "external-secrets.io stability-support table (2.8: 1.35-1.36; 2.9: 1.36)",
  },
  crds: [
    // v1beta1 stopped being served in 0.17.0; the chart can serve it again only through
    // crds.unsafeServeV1Beta1, which this platform never sets.
    { group: "external-secrets.io", kind: "ExternalSecret", served: ["v1"], storage: "v1" },
    { group: "external-secrets.io", kind: "SecretStore", served: ["v1"], storage: "v1" },
    { group: "external-secrets.io", kind: "ClusterSecretStore", served: ["v1"], storage: "v1" },
    {
      group: "generators.external-secrets.io",
      kind: "VaultDynamicSecret",
      served: ["v1alpha1"],
      storage: "v1alpha1",
    },
  ],
  source:
    "external-secrets helm-chart-2.11.0 (first seen in dependency updates of 2026-09-22); CRDs and values read at helm-chart-2.9.0, and 2.10/2.11 changed only the images in the rendered templates",
};

export const KONG: AddonRelease = {
  chart: "kong",
  version: "3.4.1",
  appVersion: "kong/kong-gateway 3.14 (LTS), Kong Ingress Controller 3.5",
  repository: "https://charts.konghq.com",
  namespace: "kong",
  released: "2026-07-02",
  support: {
    until: "2027-12-18",
    rule: "Kong Gateway 3.14 LTS is supported until 2029-04-07, Kong Ingress Controller 3.5 until 2027-12-18",
  },
  kubernetes: {
    min: "1.30",
    max: "1.35",
    source: "Kong/charts CI matrix at kong-3.4.1 (Kubernetes 1.30 to 1.35)",
  },
  crds: [
    { group: "configuration.konghq.com", kind: "KongPlugin", served: ["v1"], storage: "v1" },
    { group: "configuration.konghq.com", kind: "KongClusterPlugin", served: ["v1"], storage: "v1" },
    { group: "configuration.konghq.com", kind: "KongConsumer", served: ["v1"], storage: "v1" },
  ],
  source: "Kong/charts kong-3.4.1 (values.yaml, crds/); Kong support pages for Gateway and KIC",
};

export const CLICKHOUSE_OPERATOR: AddonRelease = {
  chart: "altinity-clickhouse-operator",
  version: "0.27.3",
  appVersion: "0.27.3",
  repository: "https://helm.altinity.com",
  namespace: "clickhouse-operator",
  released: "2026-08-11",
  support: { rule: "Altinity publishes no end-of-support dates; fixes land in the newest release line" },
  kubernetes: {
    min: "1.19",
    max: "1.36",
    source:
      "operator README (Kubernetes 1.19+; no upper bound published: 1.36 is the newest the other pins reach)",
  },
  crds: [
    { group: "clickhouse.altinity.com", kind: "ClickHouseInstallation", served: ["v1"], storage: "v1" },
    {
      group: "clickhouse.altinity.com",
      kind: "ClickHouseInstallationTemplate",
      served: ["v1"],
      storage: "v1",
    },
    {
      group: "clickhouse.altinity.com",
      kind: "ClickHouseOperatorConfiguration",
      served: ["v1"],
      storage: "v1",
    },
    {
      group: "clickhouse-keeper.altinity.com",
      kind: "ClickHouseKeeperInstallation",
      served: ["v1"],
      storage: "v1",
    },
  ],
  source:
    "Altinity/clickhouse-operator release-0.27.3 (deploy/helm/clickhouse-operator); CRD shapes read at release-0.25.6 and the 0.28 index",
};

/**
 * Each cluster's Prometheus (Prometheus Operator, kube-state-metrics, the kubelet's cAdvisor
 * metrics): it scrapes the cluster's workloads and evaluates their alert rules, so that alerts
 * still fire when the path to the central services is down.
 */
export const KUBE_PROMETHEUS_STACK: AddonRelease = {
  chart: "kube-prometheus-stack",
  version: "88.5.3",
  appVersion: "prometheus-operator v0.93.1",
  repository: "https://prometheus-community.github.io/helm-charts",
  namespace: "observability",
  released: "2026-08-21",
  support: {
    rule: "prometheus-community supports the newest chart major only; fixes ship as new majors and patches",
  },
  kubernetes: {
    min: "1.25",
    max: "1.36",
    source:
      "Chart.yaml kubeVersion >=1.25.0-0 at kube-prometheus-stack-88.5.3 (no upper bound published: 1.36 is the newest the other pins reach)",
  },
  crds: [
    { group: "monitoring.coreos.com", kind: "ServiceMonitor", served: ["v1"], storage: "v1" },
    { group: "monitoring.coreos.com", kind: "PodMonitor", served: ["v1"], storage: "v1" },
    { group: "monitoring.coreos.com", kind: "PrometheusRule", served: ["v1"], storage: "v1" },
    { group: "monitoring.coreos.com", kind: "AlertmanagerConfig", served: ["v1alpha1"], storage: "v1alpha1" },
  ],
  source:
    "prometheus-community/helm-charts kube-prometheus-stack-88.5.3 (Chart.yaml, values.yaml, charts/crds); the newest stored copy is of 2026-08-21: check for a later patch at the next refresh",
};

/** ClickHouse server and Keeper images: the 26.3 LTS (supported until 2027-03-26). */
export const CLICKHOUSE_IMAGES = {
  server: "clickhouse/clickhouse-server:26.3.20.7",
  keeper: "clickhouse/clickhouse-keeper:26.3.20.7",
} as const;

/** The label the operator puts on every pod of a ClickHouseInstallation / ClickHouseKeeperInstallation. */
export const CLICKHOUSE_POD_LABEL = "clickhouse.altinity.com/chi";
export const KEEPER_POD_LABEL = "clickhouse-keeper.altinity.com/chk";

/** The Gateway image the chart runs: the open-source `kong` image stops at 3.9, out of support. */
export const KONG_GATEWAY_IMAGE = { repository: "kong/kong-gateway", tag: "3.14" } as const;

/** Every pinned add-on, in installation order. */
export const ADDONS: readonly AddonRelease[] = [
  CERT_MANAGER,
  EXTERNAL_SECRETS,
  KONG,
  CLICKHOUSE_OPERATOR,
  KUBE_PROMETHEUS_STACK,
];

/**
 * Cloudflare's edge addresses (IPv4, as Cloudflare publishes them at cloudflare.com/ips-v4):
 * the only sources Kong's public load balancer admits, and the proxies whose CF-Connecting-IP
 * header Kong trusts as the client's address.
 */
export const CLOUDFLARE_IPV4_RANGES = [
  "173.245.48.0/20",
  "103.21.244.0/22",
  "103.22.200.0/22",
  "103.31.4.0/22",
  "141.101.64.0/18",
  "108.162.192.0/18",
  "190.93.240.0/20",
  "188.114.96.0/20",
  "197.234.240.0/22",
  "198.41.128.0/17",
  "162.158.0.0/15",
  "104.16.0.0/13",
  "104.24.0.0/14",
  "172.64.0.0/13",
  "131.0.72.0/22",
] as const;

/** The name of Kong's proxy Service (the chart's `proxy.nameOverride`): its load balancer is the ingress. */
export const KONG_PROXY_SERVICE = "kong-proxy";

/**
 * Kong's plain-HTTP proxy listener: the Service port in-cluster callers use, and the container
 * port their NetworkPolicies admit (the chart's defaults, pinned in its values).
 */
export const KONG_PROXY_HTTP = { servicePort: 80, containerPort: 8000 } as const;

/** The ingress class Kong's controller serves, and the controller name its IngressClass names. */
export const INGRESS_CLASS = "kong";
export const KONG_INGRESS_CONTROLLER = "ingress-controllers.konghq.com/kong";

/** Pod labels of Kong's proxy (the chart's `app.kubernetes.io/name`), for NetworkPolicy peers. */
export const KONG_POD_LABELS = { "app.kubernetes.io/name": "kong" } as const;

/** Requests per minute and client IP on the public API hosts, by tier. */
export const API_RATE_LIMIT_PER_MINUTE: Record<Tier, number> = {
  production: 1200,
  staging: 300,
  development: 120,
};

/** Let's Encrypt's production ACME directory. */
export const LETSENCRYPT_SERVER = "https://acme-v02.api.letsencrypt.org/directory";
