/**
 * Vault access of an environment, least privilege: one policy and one Kubernetes auth role per
 * workload, granting `read` on exactly the paths its ExternalSecret reads, bound to exactly its
 * ServiceAccount in its namespace, with tokens of at most an hour. One more for the platform's
 * own objects of the namespace (custom certificates, ClickHouse's password). The cluster's auth
 * backend belongs to its add-on owner; the KV mount to the shared environment.
 */
import { CERT_MANAGER } from "../config/addons";
import type { Catalog } from "../config/types";
import type { EnvironmentPlan } from "./plan-types";
import { sorted } from "./naming";
import { environmentsOnCluster } from "./placement";
import { vaultLocation, type VaultLocation } from "./secrets";
import type { CentralMonitoringPlan } from "./monitoring-central";
import { TELEMETRY_SERVICE_ACCOUNT, telemetryRole } from "./telemetry";

/** Tokens issued to the workloads live at most this long (seconds). */
export const VAULT_TOKEN_TTL = 3600;
/** The audience the ServiceAccount tokens are requested for, and the roles require. */
export const VAULT_AUDIENCE = "vault";

export interface VaultRolePlan {
  /** Role and policy name: `<project>-<environment>[-<workload>]`. */
  name: string;
  serviceAccount: string;
  namespace: string;
  /** Exactly the KV v2 ACL paths it may read. */
  paths: string[];
  ttlSeconds: number;
  audience: string;
}

export interface VaultPlan {
  /** The cluster's Kubernetes auth mount. */
  authMount: string;
  /** This stack configures the cluster's auth backend (its add-on owner). */
  authBackend?: {
    path: string;
    kubernetesHost: string;
    /** Namespaces whose ServiceAccounts may have their tokens reviewed (the environments'). */
    namespaces: string[];
    /** Single ServiceAccounts outside those that log in too: cert-manager's DNS-01 reader. */
    serviceAccounts: { namespace: string; name: string }[];
    /** cert-manager's DNS-01 solver: reads the cluster's Cloudflare DNS token, and nothing else. */
    dns01: VaultRolePlan & { token: VaultLocation; secretStore: string; secretName: string };
    /** The cluster's collectors: read the cluster's ingest credential, and nothing else. */
    telemetry?: VaultRolePlan & { secretStore: string; secretName: string };
  };
  /** This stack owns the KV v2 mount (the shared environment). */
  kvMount?: { path: string };
  /** One role per workload with secrets, by workload. */
  workloads: (VaultRolePlan & { workload: string; secretStore: string })[];
  /** The role of the platform's own ExternalSecrets in the namespace (certificates, ClickHouse). */
  platform: VaultRolePlan;
  /** One role per central monitoring service with secrets (the monitoring environment). */
  services: (VaultRolePlan & { service: string; secretStore: string })[];
}

export const vaultAuthMountOf = (cluster: string) => `kubernetes-${cluster}`;
export const vaultRoleName = (catalog: Catalog, environment: string, workload?: string) =>
  `${catalog.platform.project}-${environment}${workload ? `-${workload}` : ""}`;
/** The namespaced SecretStore through which a workload's ExternalSecret reads Vault as that workload. */
export const workloadSecretStore = (workload: string) => `vault-${workload}`;

/** The ServiceAccount the platform's own ExternalSecrets authenticate to Vault as, in each namespace. */
export const VAULT_READER_SA = "external-secrets-vault";

/**
 * cert-manager's DNS-01 solver on a cluster: the Cloudflare API token (Zone → DNS: Edit on the
 * cluster's zones) that its add-on owner keeps in Vault, delivered as a Secret in cert-manager's
 * namespace by a store that may read exactly it.
 */
export const DNS01 = {
  ref: "secret://cloudflare-dns01/api-token",
  serviceAccount: "cert-manager-dns01",
  secretStore: "vault-cloudflare-dns01",
  secretName: "cloudflare-dns01",
} as const;

export function planVault(catalog: Catalog, plan: EnvironmentPlan): VaultPlan {
  const cluster = catalog.clusters[plan.cluster]!;
  const role = (name: string, serviceAccount: string, paths: string[]): VaultRolePlan => ({
    name,
    serviceAccount,
    namespace: plan.namespace,
    paths: sorted(new Set(paths)),
    ttlSeconds: VAULT_TOKEN_TTL,
    audience: VAULT_AUDIENCE,
  });
  const platformPaths = [
    ...plan.certificates.flatMap((c) => [c.vault.certificate.policyPath, c.vault.privateKey.policyPath]),
    ...(plan.data?.clickhouse?.connections.map((c) => c.vault.policyPath) ?? []),
  ];
  return {
    authMount: vaultAuthMountOf(plan.cluster),
    ...(plan.addonOwner
      ? {
          authBackend: {
            path: vaultAuthMountOf(plan.cluster),
            kubernetesHost: cluster.apiServer,
            namespaces: environmentsOnCluster(plan.cluster, catalog),
            serviceAccounts: [
              { namespace: CERT_MANAGER.namespace, name: DNS01.serviceAccount },
              ...(plan.telemetry
                ? [{ namespace: plan.telemetry.namespace, name: TELEMETRY_SERVICE_ACCOUNT }]
                : []),
            ],
            dns01: dns01Role(catalog, plan.environment, plan.cluster),
            ...(plan.telemetry
              ? {
                  telemetry: {
                    ...telemetryRole(catalog, plan.telemetry, VAULT_TOKEN_TTL, VAULT_AUDIENCE),
                    secretStore: plan.telemetry.secretStore,
                    secretName: plan.telemetry.secretName,
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(plan.role === "shared" ? { kvMount: { path: catalog.platform.vaultMount } } : {}),
    workloads: plan.workloads
      .filter((w) => w.vaultPolicyPaths.length)
      .map((w) => ({
        ...role(vaultRoleName(catalog, plan.environment, w.name), w.name, w.vaultPolicyPaths),
        workload: w.name,
        secretStore: workloadSecretStore(w.name),
      })),
    platform: role(vaultRoleName(catalog, plan.environment), VAULT_READER_SA, platformPaths),
    services: plan.central ? centralRoles(catalog, plan.central, role) : [],
  };
}

function dns01Role(
  catalog: Catalog,
  owner: string,
  cluster: string,
): NonNullable<VaultPlan["authBackend"]>["dns01"] {
  const token = vaultLocation(DNS01.ref, owner, catalog);
  return {
    // Policies are global to the Vault every cluster shares: the cluster in the name keeps them apart.
    name: `${catalog.platform.project}-${cluster}-cert-manager-dns01`,
    serviceAccount: DNS01.serviceAccount,
    namespace: CERT_MANAGER.namespace,
    paths: [token.policyPath],
    ttlSeconds: VAULT_TOKEN_TTL,
    audience: VAULT_AUDIENCE,
    token,
    secretStore: DNS01.secretStore,
    secretName: DNS01.secretName,
  };
}

/** The ServiceAccount and SecretStore through which a central service's secrets are read. */
export const serviceVaultAccount = (service: string) => `${service}-vault`;
export const serviceSecretStore = (service: string) => `vault-${service}`;

/**
 * The central services' roles: Grafana (admin password, its OIDC client secret), Alertmanager
 * (the receivers' keys), each OIDC proxy (its client and cookie secrets), and the ingest gateway
 * (the clusters' credentials): each reads exactly its own.
 */
function centralRoles(
  catalog: Catalog,
  c: CentralMonitoringPlan,
  role: (name: string, serviceAccount: string, paths: string[]) => VaultRolePlan,
): VaultPlan["services"] {
  const grafanaClient = c.sso.clients.find((x) => !x.proxy);
  const paths: [string, VaultLocation[]][] = [
    ["grafana", [c.grafanaAdminPassword, ...(grafanaClient ? [grafanaClient.clientSecret] : [])]],
    [
      "alertmanager",
      [
        c.alerting.fallback.pagerduty,
        c.alerting.fallback.slack,
        ...c.alerting.teams.flatMap((t) => [t.pagerduty, t.slack]),
      ],
    ],
    ...c.sso.clients
      .filter((x) => x.proxy)
      .map((x): [string, VaultLocation[]] => [x.proxy!.service, [x.clientSecret, x.proxy!.cookieSecret]]),
    ["telemetry-ingest", c.ingest.clusters.flatMap((x) => [x.username, x.password])],
  ];
  return paths.map(([service, locations]) => ({
    ...role(
      vaultRoleName(catalog, c.namespace, service),
      serviceVaultAccount(service),
      locations.map((l) => l.policyPath),
    ),
    service,
    secretStore: serviceSecretStore(service),
  }));
}
