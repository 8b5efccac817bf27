/**
 * The platform's fixed geography: regions, environments, clusters, certificates.
 * Adding a region is one region here, one environment, and one `Pulumi.<env>.yaml`.
 */
import type { CertificateSpec, ClusterSpec, EnvironmentSpec, PlatformSpec, RegionSpec } from "./types";

export const platform = {
  project: "ecommerce-platform",
  acmeEmail: "platform-team@example.com",
  vaultMount: "kv",
  telemetry: {
    otlpEndpoint: "http://otel-collector.observability.svc.cluster.local:4317",
    namespace: "observability",
    scraperLabels: { "app.kubernetes.io/name": "prometheus" },
  },
  monitoring: {
    sso: {
      issuer: "https://login.example.com/realms/platform",
      adminGroup: "platform-admins",
      viewerGroup: "engineering",
    },
    ingest: { subdomain: "telemetry" },
    // Production data is kept for a month's incident reviews; the rest for as long as a sprint.
    retention: {
      production: { metricsDays: 30, logsDays: 30, tracesDays: 14 },
      staging: { metricsDays: 30, logsDays: 14, tracesDays: 7 },
      development: { metricsDays: 30, logsDays: 7, tracesDays: 3 },
    },
  },
} as const satisfies PlatformSpec;

export const regions = {
  us: {
    domain: "example.com",
    residency: "US",
    disasterRecoveryRegion: "us-west-2",
    // Staging and dev hosts (`api.staging.example.com`) need Advanced Certificate Manager at the edge.
    zone: { owner: "us-prod", plan: "pro", advancedCertificateManager: true },
  },
  eu: {
    domain: "example.eu",
    residency: "EU",
    disasterRecoveryRegion: "eu-central-1",
    zone: { owner: "eu-prod", plan: "pro", advancedCertificateManager: true },
  },
  // Singapore has one AWS region; backups are copied to Sydney, inside the platform's APAC residency.
  asia: {
    domain: "example.asia",
    residency: "APAC",
    disasterRecoveryRegion: "ap-southeast-2",
    zone: { owner: "asia-prod", plan: "pro" },
  },
} as const satisfies Record<string, RegionSpec>;

export type RegionName = keyof typeof regions;

export const clusters = {
  "us-k8s-prod": {
    apiServer: "https://us-k8s-prod.internal:6443",
    addonOwner: "platform-shared",
    zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
    kubernetesVersion: "1.35",
  },
  "us-k8s-dev": {
    apiServer: "https://us-k8s-dev.internal:6443",
    addonOwner: "us-dev",
    zones: ["us-east-1a", "us-east-1b"],
    kubernetesVersion: "1.35",
  },
  "eu-k8s-prod": {
    apiServer: "https://eu-k8s-prod.internal:6443",
    addonOwner: "eu-prod",
    zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    kubernetesVersion: "1.35",
  },
  "asia-k8s-prod": {
    apiServer: "https://asia-k8s-prod.internal:6443",
    addonOwner: "asia-prod",
    zones: ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"],
    kubernetesVersion: "1.35",
  },
} as const satisfies Record<string, ClusterSpec>;

export type ClusterName = keyof typeof clusters;

export const environments = {
  "us-prod": {
    region: "us",
    cluster: "us-k8s-prod",
    tier: "production",
    role: "regional",
    replicas: 5,
    dbPool: 100,
  },
  "us-staging": {
    region: "us",
    cluster: "us-k8s-prod",
    tier: "staging",
    role: "regional",
    replicas: 2,
    dbPool: 20,
  },
  "us-dev": {
    region: "us",
    cluster: "us-k8s-dev",
    tier: "development",
    role: "regional",
    replicas: 1,
    dbPool: 5,
  },
  "eu-prod": {
    region: "eu",
    cluster: "eu-k8s-prod",
    tier: "production",
    role: "regional",
    replicas: 5,
    dbPool: 100,
  },
  "eu-staging": {
    region: "eu",
    cluster: "eu-k8s-prod",
    tier: "staging",
    role: "regional",
    replicas: 2,
    dbPool: 20,
  },
  "asia-prod": {
    region: "asia",
    cluster: "asia-k8s-prod",
    tier: "production",
    role: "regional",
    replicas: 3,
    dbPool: 50,
  },
  "platform-shared": {
    region: "us",
    cluster: "us-k8s-prod",
    tier: "production",
    role: "shared",
    replicas: 3,
  },
} as const satisfies Record<string, EnvironmentSpec<RegionName, ClusterName>>;

export type EnvironmentName = keyof typeof environments;

/** Compile-time check: every cluster's add-on owner is a known environment. */
export const clusterAddonOwners: Record<ClusterName, ClusterSpec<EnvironmentName>> = clusters;

/** Certificates bought and renewed by the platform team, delivered from Vault. */
export const certificates = {
  "admin-tls-cert": {
    certificate: "secret://admin-tls-cert/tls.crt",
    privateKey: "secret://admin-tls-cert/tls.key",
    owner: "team-platform",
  },
  "platform-tls-cert": {
    certificate: "secret://platform-tls-cert/tls.crt",
    privateKey: "secret://platform-tls-cert/tls.key",
    owner: "team-platform",
  },
} as const satisfies Record<string, CertificateSpec>;

export type CertificateName = keyof typeof certificates;
