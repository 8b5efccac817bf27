/**
 * External Secrets objects: the ExternalSecret that fills a Secret from Vault (one builder for
 * workloads' variables and for custom certificates) and the ClusterSecretStore of an environment.
 */
import type { Catalog } from "../../config/types";
import type { EnvironmentPlan, VaultLocation } from "../../planner";
import { VAULT_READER_SA, vaultAuthMountOf, vaultRoleName } from "../../planner/vault";
import { meta, platformLabels, type CustomObject, type PlainMeta } from "./meta";

/** The API group and version of every External Secrets object the platform writes (served and stored since ESO 0.16). */
export const EXTERNAL_SECRETS_API = "external-secrets.io/v1";

/** The Secret an ExternalSecret fills for a workload. */
export const secretName = (workload: string) => `${workload}-secrets`;

/** The ClusterSecretStore serving one environment's namespace. */
export const secretStoreName = (environment: string) => `vault-${environment}`;

export { VAULT_READER_SA };

export interface ExternalSecretSpec {
  /** The ExternalSecret's metadata. */
  metadata: PlainMeta;
  /** The Secret it creates and owns (kept when the ExternalSecret is deleted). */
  target: string;
  /** Secret key → where its value lives in Vault. */
  data: { secretKey: string; from: VaultLocation }[];
  /** The Secret's type. @default "Opaque" */
  type?: "kubernetes.io/tls";
  /** The store it reads through. @default the environment's ClusterSecretStore (the platform's own role) */
  store?: { kind: "SecretStore" | "ClusterSecretStore"; name: string };
}

/** An ExternalSecret reading Vault through the environment's store, refreshed hourly. */
export function externalSecret(plan: EnvironmentPlan, spec: ExternalSecretSpec): CustomObject {
  return {
    apiVersion: EXTERNAL_SECRETS_API,
    kind: "ExternalSecret",
    metadata: spec.metadata,
    spec: {
      refreshInterval: "1h",
      secretStoreRef: spec.store ?? { kind: "ClusterSecretStore", name: secretStoreName(plan.environment) },
      target: {
        name: spec.target,
        creationPolicy: "Owner",
        deletionPolicy: "Retain",
        ...(spec.type ? { template: { type: spec.type } } : {}),
      },
      data: spec.data.map((d) => ({
        secretKey: d.secretKey,
        remoteRef: { key: d.from.key, property: d.from.property },
      })),
    },
  };
}

/** The ExternalSecret delivering a custom certificate (type kubernetes.io/tls) from Vault. */
export function certificateObject(
  plan: EnvironmentPlan,
  cert: EnvironmentPlan["certificates"][number],
): CustomObject {
  return externalSecret(plan, {
    metadata: meta(plan, cert.secretName, platformLabels(plan.environment)),
    target: cert.secretName,
    type: "kubernetes.io/tls",
    data: [
      { secretKey: "tls.crt", from: cert.vault.certificate },
      { secretKey: "tls.key", from: cert.vault.privateKey },
    ],
  });
}

/**
 * The ClusterSecretStore of one environment on a cluster: usable only from that environment's
 * namespace, authenticating to Vault with that environment's role.
 */
export function clusterSecretStore(
  catalog: Catalog,
  cluster: string,
  environment: string,
  vaultAddress: string,
  /** The CA of a Vault behind a private CA (PEM), where the environment's settings give one. */
  caBundle?: string,
): CustomObject {
  return {
    apiVersion: EXTERNAL_SECRETS_API,
    kind: "ClusterSecretStore",
    metadata: { name: secretStoreName(environment), labels: platformLabels(environment) },
    spec: {
      // Only the environment's own namespace may use its store: each reads its own Vault paths.
      conditions: [{ namespaces: [environment] }],
      provider: {
        vault: {
          server: vaultAddress,
          path: catalog.platform.vaultMount,
          version: "v2",
          ...(caBundle ? { caBundle: Buffer.from(caBundle).toString("base64") } : {}),
          auth: {
            kubernetes: {
              mountPath: vaultAuthMountOf(cluster),
              role: vaultRoleName(catalog, environment),
              serviceAccountRef: { name: VAULT_READER_SA, namespace: environment, audiences: ["vault"] },
            },
          },
        },
      },
    },
  };
}

/**
 * A namespaced SecretStore reading Vault as one ServiceAccount, through one role: ESO requests the
 * account's token for the role's audience, so the store can read nothing but what that role grants.
 */
export function vaultSecretStore(
  plan: EnvironmentPlan,
  catalog: Catalog,
  metadata: PlainMeta,
  authMount: string,
  role: { name: string; serviceAccount: string; audience: string },
): CustomObject {
  return {
    apiVersion: EXTERNAL_SECRETS_API,
    kind: "SecretStore",
    metadata,
    spec: {
      provider: {
        vault: {
          server: plan.settings.vaultAddress,
          path: catalog.platform.vaultMount,
          version: "v2",
          ...(plan.settings.vaultCaBundle
            ? { caBundle: Buffer.from(plan.settings.vaultCaBundle).toString("base64") }
            : {}),
          auth: {
            kubernetes: {
              mountPath: authMount,
              role: role.name,
              serviceAccountRef: { name: role.serviceAccount, audiences: [role.audience] },
            },
          },
        },
      },
    },
  };
}

/**
 * The SecretStore of one workload: External Secrets authenticates to Vault with the workload's own
 * ServiceAccount (a token requested for the `vault` audience) and the workload's own role, so a
 * workload's ExternalSecret can read nothing another workload's policy grants.
 */
export function workloadSecretStoreObject(
  plan: EnvironmentPlan,
  catalog: Catalog,
  role: NonNullable<EnvironmentPlan["vault"]>["workloads"][number],
  labels: Record<string, string>,
): CustomObject {
  return vaultSecretStore(plan, catalog, meta(plan, role.secretStore, labels), plan.vault!.authMount, role);
}
