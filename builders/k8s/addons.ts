/**
 * A cluster's add-ons, as data: the pinned Helm charts (cert-manager, External Secrets, Kong),
 * their namespaces, the Let's Encrypt ClusterIssuer and one Vault ClusterSecretStore per
 * environment on the cluster. Only the cluster's add-on owner stack creates them.
 */
import type * as k8s from "@pulumi/kubernetes";
import {
  CERT_MANAGER,
  CLOUDFLARE_IPV4_RANGES,
  KONG_PROXY_HTTP,
  KONG_PROXY_SERVICE,
  CLICKHOUSE_OPERATOR,
  EXTERNAL_SECRETS,
  INGRESS_CLASS,
  KONG,
  KONG_GATEWAY_IMAGE,
  KONG_INGRESS_CONTROLLER,
  KUBE_PROMETHEUS_STACK,
  type ChartPin,
} from "../../config/addons";
import type { Catalog } from "../../config/types";
import type { EnvironmentPlan } from "../../planner";
import { ENCRYPTED_STORAGE_CLASS } from "../../planner/data/clickhouse";
import { INTERNAL_CA_ISSUER } from "./clickhouse";
import { environmentsOnCluster } from "../../planner/placement";
import { dns01Objects, type Dns01Objects } from "./dns01";
import { prometheusValues } from "./prometheus";
import { clusterSecretStore } from "./external-secret";
import { platformLabels, podSecurityLabels, type CustomObject, type Typed } from "./meta";
import type { NamespaceObject } from "./namespace";

/** The add-ons, by role: a typo in a role is a compile error, never an undefined dependency. */
export const ADDON_ROLES = [
  "certManager",
  "externalSecrets",
  "kong",
  "clickhouseOperator",
  "prometheus",
] as const;
export type AddonRole = (typeof ADDON_ROLES)[number];

/** Add-ons that need another installed first: the operator's webhook certificate comes from cert-manager. */
export const ADDON_NEEDS: Partial<Record<AddonRole, readonly AddonRole[]>> = {
  prometheus: ["certManager"],
};

export const ADDON_PINS: Record<AddonRole, ChartPin> = {
  certManager: CERT_MANAGER,
  externalSecrets: EXTERNAL_SECRETS,
  kong: KONG,
  clickhouseOperator: CLICKHOUSE_OPERATOR,
  prometheus: KUBE_PROMETHEUS_STACK,
};

export interface ChartSpec {
  /** Logical name of the release (the chart's name), e.g. `cert-manager`. */
  role: string;
  pin: ChartPin;
  args: k8s.helm.v4.ChartArgs;
}

export interface AddonObjects {
  /** Each add-on's namespace, by role. */
  namespaces: Record<AddonRole, NamespaceObject>;
  /** Each add-on's chart, by role. */
  charts: Record<AddonRole, ChartSpec>;
  /**
   * Kong's IngressClass, created here rather than by the chart: the chart emits it only while a
   * cluster lookup finds none (or one annotated as Helm's), so a second `pulumi up` would drop it.
   */
  ingressClass: Typed<k8s.networking.v1.IngressClassArgs, "networking.k8s.io/v1", "IngressClass">;
  /** The Let's Encrypt ClusterIssuer (DNS-01 through Cloudflare) and its token from Vault. */
  dns01: Dns01Objects;
  secretStores: CustomObject[];
  /** The StorageClass of the platform's stateful pods: encrypted EBS, volumes kept when released. */
  storageClass: Typed<k8s.storage.v1.StorageClassArgs, "storage.k8s.io/v1", "StorageClass">;
  /** The platform's internal CA for in-cluster TLS: a self-signed root, and the issuer that signs with it. */
  internalCa: { selfSigned: CustomObject; root: CustomObject; issuer: CustomObject };
}

function chart(pin: ChartPin, values: Record<string, unknown>): ChartSpec {
  return {
    role: pin.chart,
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

function chartValues(replicas: number, plan: EnvironmentPlan): Record<AddonRole, Record<string, unknown>> {
  const pdb = { podDisruptionBudget: { enabled: true, maxUnavailable: 1 } };
  return {
    certManager: {
      crds: { enabled: true, keep: true },
      replicaCount: 2,
      ...pdb,
      webhook: { replicaCount: 2, ...pdb },
      cainjector: { replicaCount: 2, ...pdb },
      prometheus: { enabled: true },
    },
    externalSecrets: {
      installCRDs: true,
      replicaCount: 2,
      // Two controllers without leader election would both reconcile every ExternalSecret.
      leaderElect: true,
      ...pdb,
      webhook: { replicaCount: 2, ...pdb },
      certController: { replicaCount: 2, ...pdb },
      serviceMonitor: { enabled: false },
    },
    prometheus: prometheusValues(plan),
    clickhouseOperator: {
      // helm.v4.Chart leaves hook resources out: the CRDs come from the chart's crds/ folder, not its hook Job.
      crdHook: { enabled: false },
    },
    kong: {
      // The open-source image stops at 3.9 (out of support); the Gateway image runs free without a licence.
      image: { repository: KONG_GATEWAY_IMAGE.repository, tag: KONG_GATEWAY_IMAGE.tag },
      // Behind Cloudflare: the client's address is CF-Connecting-IP, trusted from Cloudflare's ranges only.
      env: {
        database: "off",
        headers: "off",
        real_ip_header: "CF-Connecting-IP",
        real_ip_recursive: "on",
        trusted_ips: CLOUDFLARE_IPV4_RANGES.join(","),
      },
      replicaCount: replicas,
      podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
      ingressController: { enabled: true, ingressClass: INGRESS_CLASS, createIngressClass: false },
      proxy: {
        type: "LoadBalancer",
        nameOverride: KONG_PROXY_SERVICE,
        // The public listener admits Cloudflare only; in-cluster callers use the Service's cluster address.
        loadBalancerSourceRanges: [...CLOUDFLARE_IPV4_RANGES],
        annotations: {
          "service.beta.kubernetes.io/aws-load-balancer-type": "external",
          "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
          // IP targets drop the client's address by default: Kong must see Cloudflare's, the only
          // peers whose CF-Connecting-IP it trusts (else every client shares the NLB's address).
          "service.beta.kubernetes.io/aws-load-balancer-target-group-attributes":
            "preserve_client_ip.enabled=true",
          "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
        },
        // In-cluster callers of the API gateway use the plain listener through the cluster address.
        http: {
          enabled: true,
          servicePort: KONG_PROXY_HTTP.servicePort,
          containerPort: KONG_PROXY_HTTP.containerPort,
        },
        tls: { enabled: true },
      },
      admin: { enabled: true, http: { enabled: false }, tls: { enabled: true }, type: "ClusterIP" },
      resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "2", memory: "512Mi" } },
    },
  };
}

function internalCa(): AddonObjects["internalCa"] {
  const selfSigned = `${INTERNAL_CA_ISSUER}-root-issuer`;
  return {
    selfSigned: {
      apiVersion: "cert-manager.io/v1",
      kind: "ClusterIssuer",
      metadata: { name: selfSigned, labels: platformLabels() },
      spec: { selfSigned: {} },
    },
    root: {
      apiVersion: "cert-manager.io/v1",
      kind: "Certificate",
      metadata: { name: INTERNAL_CA_ISSUER, namespace: CERT_MANAGER.namespace, labels: platformLabels() },
      spec: {
        isCA: true,
        commonName: "ecommerce-platform internal CA",
        secretName: INTERNAL_CA_ISSUER,
        duration: "87600h",
        renewBefore: "720h",
        privateKey: { algorithm: "ECDSA", size: 256 },
        issuerRef: { kind: "ClusterIssuer", name: selfSigned, group: "cert-manager.io" },
      },
    },
    issuer: {
      apiVersion: "cert-manager.io/v1",
      kind: "ClusterIssuer",
      metadata: { name: INTERNAL_CA_ISSUER, labels: platformLabels() },
      spec: { ca: { secretName: INTERNAL_CA_ISSUER } },
    },
  };
}

/** An environment's own Vault address: its stack file's, never the owner's in its place. */
export function vaultAddressOf(plan: EnvironmentPlan, environment: string): string {
  if (environment === plan.environment) return plan.settings.vaultAddress;
  const address = plan.settings.clusterVaultAddresses?.[environment];
  if (!address)
    throw new Error(
      `${plan.environment}: no Vault address of ${environment} (its stack file) for its ClusterSecretStore`,
    );
  return address;
}

export function addonObjects(plan: EnvironmentPlan, catalog: Catalog): AddonObjects {
  const cluster = catalog.clusters[plan.cluster]!;
  const values = chartValues(cluster.zones.length >= 3 ? 3 : 2, plan);
  const namespace = (role: AddonRole): NamespaceObject => ({
    apiVersion: "v1",
    kind: "Namespace",
    // Add-on pods are not all `restricted`-clean (webhooks, the proxy): enforce baseline, warn restricted.
    metadata: {
      name: ADDON_PINS[role].namespace,
      labels: { ...platformLabels(), ...podSecurityLabels("baseline", "restricted") },
    },
  });
  const byRole = <T>(f: (role: AddonRole) => T) =>
    Object.fromEntries(ADDON_ROLES.map((r) => [r, f(r)])) as Record<AddonRole, T>;
  return {
    namespaces: byRole(namespace),
    charts: byRole((role) => chart(ADDON_PINS[role], values[role])),
    ingressClass: {
      apiVersion: "networking.k8s.io/v1",
      kind: "IngressClass",
      metadata: { name: INGRESS_CLASS, labels: platformLabels() },
      spec: { controller: KONG_INGRESS_CONTROLLER },
    },
    storageClass: {
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: ENCRYPTED_STORAGE_CLASS, labels: platformLabels() },
      provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true" },
      reclaimPolicy: "Retain",
      allowVolumeExpansion: true,
      volumeBindingMode: "WaitForFirstConsumer",
    },
    internalCa: internalCa(),
    dns01: dns01Objects(plan, catalog, ownerBackend(plan)),
    secretStores: environmentsOnCluster(plan.cluster, catalog).map((env) =>
      clusterSecretStore(
        catalog,
        plan.cluster,
        env,
        vaultAddressOf(plan, env),
        env === plan.environment ? plan.settings.vaultCaBundle : plan.settings.clusterVaultCaBundles?.[env],
      ),
    ),
  };
}

/** The cluster's Vault auth backend, which the add-on owner's plan always configures. */
function ownerBackend(
  plan: EnvironmentPlan,
): NonNullable<NonNullable<EnvironmentPlan["vault"]>["authBackend"]> {
  const backend = plan.vault?.authBackend;
  if (!backend)
    throw new Error(
      `${plan.environment}: installs ${plan.cluster}'s add-ons but plans no Vault auth backend`,
    );
  return backend;
}
