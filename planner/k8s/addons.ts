/**
 * A cluster's add-ons, as data: the pinned Helm charts (cert-manager, External Secrets, Kong),
 * their namespaces, the Let's Encrypt ClusterIssuer and one Vault ClusterSecretStore per
 * environment on the cluster. Only the cluster's add-on owner stack creates them.
 */
import type * as k8s from "@pulumi/kubernetes";
import { CERT_MANAGER, EXTERNAL_SECRETS, KONG, INGRESS_CLASS, LETSENCRYPT_SERVER, type ChartPin } from "../../config/addons";
import type { Catalog } from "../../config/types";
import { LETSENCRYPT_ISSUER, type EnvironmentPlan } from "../plan";
import type { StackSettings } from "../settings";
import { environmentsOnCluster } from "../placement";
import { platformLabels, podSecurityLabels, secretStoreName, VAULT_READER_SA, type CustomObject, type NamespaceObject } from "./objects";

export interface ChartSpec {
  /** Logical role, e.g. `cert-manager`. */
  role: string;
  pin: ChartPin;
  args: k8s.helm.v4.ChartArgs;
}

export interface AddonObjects {
  namespaces: NamespaceObject[];
  charts: ChartSpec[];
  clusterIssuer: CustomObject;
  secretStores: CustomObject[];
}

/** Vault Kubernetes auth mount of a cluster, and the role of one environment on it. */
export const vaultAuthMount = (cluster: string) => `kubernetes-${cluster}`;
export const vaultRole = (catalog: Catalog, environment: string) => `${catalog.platform.project}-${environment}`;

function chart(role: string, pin: ChartPin, values: Record<string, unknown>): ChartSpec {
  return {
    role,
    pin,
    args: {
      // The release is named after the chart: its Services and labels read as upstream documents them.
      name: pin.chart,
      chart: pin.chart,
      version: pin.version,
      namespace: pin.namespace,
      repositoryOpts: { repo: pin.repository },
      values,
    },
  };
}

export function addonObjects(plan: EnvironmentPlan, catalog: Catalog, settings?: StackSettings): AddonObjects {
  const cluster = catalog.clusters[plan.cluster]!;
  const replicas = cluster.zones.length >= 3 ? 3 : 2;
  const namespace = (name: string) => ({
    apiVersion: "v1" as const,
    kind: "Namespace" as const,
    // Add-on pods are not all `restricted`-clean (webhooks, the proxy): enforce baseline, warn restricted.
    metadata: { name, labels: { ...platformLabels(), ...podSecurityLabels("baseline", "restricted") } },
  });
  const pdb = { podDisruptionBudget: { enabled: true, maxUnavailable: 1 } };

  const charts = [
    chart("cert-manager", CERT_MANAGER, {
      crds: { enabled: true, keep: true },
      replicaCount: 2,
      ...pdb,
      webhook: { replicaCount: 2, ...pdb },
      cainjector: { replicaCount: 2, ...pdb },
      prometheus: { enabled: true },
    }),
    chart("external-secrets", EXTERNAL_SECRETS, {
      installCRDs: true,
      replicaCount: 2,
      ...pdb,
      webhook: { replicaCount: 2, ...pdb },
      certController: { replicaCount: 2, ...pdb },
      serviceMonitor: { enabled: false },
    }),
    chart("kong", KONG, {
      env: { database: "off", headers: "off" },
      replicaCount: replicas,
      podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
      ingressController: { enabled: true, ingressClass: INGRESS_CLASS, installCRDs: false },
      proxy: {
        type: "LoadBalancer",
        annotations: {
          "service.beta.kubernetes.io/aws-load-balancer-type": "external",
          "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
          "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
        },
        http: { enabled: true },
        tls: { enabled: true },
      },
      admin: { enabled: true, http: { enabled: false }, tls: { enabled: true }, type: "ClusterIP" },
      resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "2", memory: "512Mi" } },
    }),
  ];

  const clusterIssuer: CustomObject = {
    apiVersion: "cert-manager.io/v1",
    kind: "ClusterIssuer",
    metadata: { name: LETSENCRYPT_ISSUER, labels: platformLabels() },
    spec: {
      acme: {
        server: LETSENCRYPT_SERVER,
        email: catalog.platform.acmeEmail,
        privateKeySecretRef: { name: `${LETSENCRYPT_ISSUER}-account-key` },
        solvers: [{ http01: { ingress: { ingressClassName: INGRESS_CLASS } } }],
      },
    },
  };

  const secretStores: CustomObject[] = environmentsOnCluster(plan.cluster, catalog).map((env) => ({
    apiVersion: "external-secrets.io/v1beta1",
    kind: "ClusterSecretStore",
    metadata: { name: secretStoreName(env), labels: platformLabels(env) },
    spec: {
      // Only the environment's own namespace may use its store: each reads its own Vault paths.
      conditions: [{ namespaces: [env] }],
      provider: {
        vault: {
          server: settings?.vaultAddress ?? "",
          path: catalog.platform.vaultMount,
          version: "v2",
          auth: {
            kubernetes: {
              mountPath: vaultAuthMount(plan.cluster),
              role: vaultRole(catalog, env),
              serviceAccountRef: { name: VAULT_READER_SA, namespace: env, audiences: ["vault"] },
            },
          },
        },
      },
    },
  }));

  return {
    namespaces: [CERT_MANAGER.namespace, EXTERNAL_SECRETS.namespace, KONG.namespace].map(namespace),
    charts,
    clusterIssuer,
    secretStores,
  };
}
