/**
 * cert-manager's ACME DNS-01 solver through Cloudflare: the Let's Encrypt ClusterIssuer, and the
 * delivery of its Cloudflare token from Vault (a ServiceAccount, a SecretStore that logs in as it
 * with a role reading exactly the token, and the ExternalSecret). DNS-01 works behind Cloudflare's
 * proxy and WAF, and before any record points at the cluster: strict SSL holds from the first
 * deployment, and no solver pod needs to be reachable.
 */
import type * as k8s from "@pulumi/kubernetes";
import { CERT_MANAGER, LETSENCRYPT_SERVER } from "../../config/addons";
import type { Catalog } from "../../config/types";
import { LETSENCRYPT_ISSUER, type EnvironmentPlan, type VaultPlan } from "../../planner";
import { sorted } from "../../planner/naming";
import { environmentsOnCluster } from "../../planner/placement";
import { externalSecret, vaultSecretStore } from "./external-secret";
import { platformLabels, type CustomObject, type Typed } from "./meta";

/** The key of the token in the Secret the solver reads. */
export const DNS01_TOKEN_KEY = "api-token";

export interface Dns01Objects {
  serviceAccount: Typed<k8s.core.v1.ServiceAccountArgs, "v1", "ServiceAccount">;
  secretStore: CustomObject;
  token: CustomObject;
  clusterIssuer: CustomObject;
}

/** The zones of the environments on a cluster: what its issuer may solve for. */
export function clusterZones(cluster: string, catalog: Catalog): string[] {
  return sorted(
    new Set(
      environmentsOnCluster(cluster, catalog).map(
        (e) => catalog.regions[catalog.environments[e]!.region]!.domain,
      ),
    ),
  );
}

export function dns01Objects(
  plan: EnvironmentPlan,
  catalog: Catalog,
  backend: NonNullable<VaultPlan["authBackend"]>,
): Dns01Objects {
  const r = backend.dns01;
  const labels = platformLabels();
  const metadata = (name: string) => ({ name, namespace: CERT_MANAGER.namespace, labels });
  return {
    serviceAccount: {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: metadata(r.serviceAccount),
      automountServiceAccountToken: false,
    },
    secretStore: vaultSecretStore(plan, catalog, metadata(r.secretStore), backend.path, r),
    token: externalSecret(plan, {
      metadata: metadata(r.secretName),
      target: r.secretName,
      data: [{ secretKey: DNS01_TOKEN_KEY, from: r.token }],
      store: { kind: "SecretStore", name: r.secretStore },
    }),
    clusterIssuer: {
      apiVersion: "cert-manager.io/v1",
      kind: "ClusterIssuer",
      metadata: { name: LETSENCRYPT_ISSUER, labels },
      spec: {
        acme: {
          server: LETSENCRYPT_SERVER,
          email: catalog.platform.acmeEmail,
          privateKeySecretRef: { name: `${LETSENCRYPT_ISSUER}-account-key` },
          solvers: [
            {
              selector: { dnsZones: clusterZones(plan.cluster, catalog) },
              dns01: {
                cloudflare: { apiTokenSecretRef: { name: r.secretName, key: DNS01_TOKEN_KEY } },
              },
            },
          ],
        },
      },
    },
  };
}
