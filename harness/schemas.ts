/**
 * Validates Kubernetes objects before anything reaches a cluster:
 * - an API removed from (or not yet in) the cluster's Kubernetes version is an error;
 * - a custom resource must be of a kind a pinned add-on's CRDs define, in a version they serve
 *   (config/addons.ts), and valid against that version's schema (harness/crd-schemas);
 * - built-in objects are validated against the Kubernetes OpenAPI schemas (kubernetes-models).
 * An object of a kind with no schema is an error: nothing reaches a cluster unchecked.
 *
 * kubernetes-models 4 is used (not 5): it ships CommonJS and supports Node 20, which 5 does not.
 */
import { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { ClusterIssuer } from "@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer";
import Ajv, { type ValidateFunction } from "ajv";
import { fieldRuleProblems } from "./field-rules";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1/StorageClass";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { IngressClass } from "kubernetes-models/networking.k8s.io/v1/IngressClass";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { ClusterRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { LimitRange } from "kubernetes-models/v1/LimitRange";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { ResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { ADDONS, type AddonRelease } from "../config/addons";
import { addonDefining, kubernetesMinor } from "../planner/addon-support";
import { CLUSTER_SECRET_STORE_V1, EXTERNAL_SECRET_V1, SECRET_STORE_V1 } from "./crd-schemas/external-secrets";
import { CLICKHOUSE_INSTALLATION_V1, CLICKHOUSE_KEEPER_INSTALLATION_V1 } from "./crd-schemas/clickhouse";
import { KONG_CONSUMER_V1, KONG_PLUGIN_V1 } from "./crd-schemas/kong";
import { POD_MONITOR_V1, PROMETHEUS_RULE_V1, SERVICE_MONITOR_V1 } from "./crd-schemas/prometheus-operator";

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string };
  [field: string]: unknown;
}

export interface ValidationContext {
  /** The cluster's Kubernetes minor version (`1.35`). */
  kubernetesVersion: string;
  /** The pinned add-ons whose CRDs define the custom resources. @default ADDONS */
  addons?: readonly AddonRelease[];
}

interface Model {
  validate(): void;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each model takes its own kind's shape
type ModelClass = new (data: any) => Model;

/** Built-in kinds and custom kinds checked through a model class. */
const MODELS: Record<string, ModelClass> = {
  "v1/Namespace": Namespace,
  "v1/ServiceAccount": ServiceAccount,
  "v1/Service": Service,
  "v1/ResourceQuota": ResourceQuota,
  "v1/LimitRange": LimitRange,
  "apps/v1/Deployment": Deployment,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "networking.k8s.io/v1/Ingress": Ingress,
  "networking.k8s.io/v1/IngressClass": IngressClass,
  "v1/ConfigMap": ConfigMap,
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": ClusterRoleBinding,
  "batch/v1/CronJob": CronJob,
  "storage.k8s.io/v1/StorageClass": StorageClass,
  "cert-manager.io/v1/ClusterIssuer": ClusterIssuer,
  "cert-manager.io/v1/Certificate": Certificate,
};

/** Custom kinds checked against a JSON Schema of the pinned CRD's served version. */
const CRD_SCHEMAS: Record<string, object> = {
  "external-secrets.io/v1/ExternalSecret": EXTERNAL_SECRET_V1,
  "external-secrets.io/v1/ClusterSecretStore": CLUSTER_SECRET_STORE_V1,
  "external-secrets.io/v1/SecretStore": SECRET_STORE_V1,
  "configuration.konghq.com/v1/KongPlugin": KONG_PLUGIN_V1,
  "configuration.konghq.com/v1/KongConsumer": KONG_CONSUMER_V1,
  "clickhouse.altinity.com/v1/ClickHouseInstallation": CLICKHOUSE_INSTALLATION_V1,
  "clickhouse-keeper.altinity.com/v1/ClickHouseKeeperInstallation": CLICKHOUSE_KEEPER_INSTALLATION_V1,
  "monitoring.coreos.com/v1/ServiceMonitor": SERVICE_MONITOR_V1,
  "monitoring.coreos.com/v1/PodMonitor": POD_MONITOR_V1,
  "monitoring.coreos.com/v1/PrometheusRule": PROMETHEUS_RULE_V1,
};

/**
 * Built-in APIs by the Kubernetes minor version that removed them (from the Kubernetes
 * deprecated-API migration guide), and APIs by the minor version that introduced them.
 */
export const REMOVED_APIS: Record<string, number> = {
  "extensions/v1beta1/Ingress": 22,
  "networking.k8s.io/v1beta1/Ingress": 22,
  "networking.k8s.io/v1beta1/IngressClass": 22,
  "apiextensions.k8s.io/v1beta1/CustomResourceDefinition": 22,
  "rbac.authorization.k8s.io/v1beta1/Role": 22,
  "rbac.authorization.k8s.io/v1beta1/ClusterRole": 22,
  "batch/v1beta1/CronJob": 25,
  "policy/v1beta1/PodDisruptionBudget": 25,
  "policy/v1beta1/PodSecurityPolicy": 25,
  "autoscaling/v2beta1/HorizontalPodAutoscaler": 25,
  "discovery.k8s.io/v1beta1/EndpointSlice": 25,
  "autoscaling/v2beta2/HorizontalPodAutoscaler": 26,
  "storage.k8s.io/v1beta1/CSIStorageCapacity": 27,
  "flowcontrol.apiserver.k8s.io/v1beta2/FlowSchema": 29,
  "flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema": 32,
};
const INTRODUCED_APIS: Record<string, number> = {
  "autoscaling/v2/HorizontalPodAutoscaler": 23,
  "policy/v1/PodDisruptionBudget": 21,
  "networking.k8s.io/v1/Ingress": 19,
  "networking.k8s.io/v1/IngressClass": 19,
};

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();
function crdValidator(id: string): ValidateFunction | undefined {
  const schema = CRD_SCHEMAS[id];
  if (!schema) return undefined;
  if (!compiled.has(id)) compiled.set(id, ajv.compile(schema));
  return compiled.get(id);
}

/** Kinds this validator knows. */
export const VALIDATED_KINDS = [...Object.keys(MODELS), ...Object.keys(CRD_SCHEMAS)].sort();

/** Built-in API groups: the core group, unqualified groups and `*.k8s.io`. */
function isBuiltin(group: string): boolean {
  return group === "" || !group.includes(".") || group.endsWith(".k8s.io");
}

/** Problems of one object (empty when valid). */
export function validateManifest(obj: ManifestObject, ctx: ValidationContext): string[] {
  const id = `${obj.apiVersion}/${obj.kind}`;
  const where = `${obj.kind} ${obj.metadata?.namespace ? `${obj.metadata.namespace}/` : ""}${obj.metadata?.name ?? "?"}`;
  const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
  const cluster = kubernetesMinor(ctx.kubernetesVersion);
  if (cluster === undefined)
    return [`${where}: the cluster's Kubernetes version "${ctx.kubernetesVersion}" is not a 1.x minor`];

  if (isBuiltin(group!)) {
    const removed = REMOVED_APIS[id];
    if (removed !== undefined && cluster >= removed) {
      return [
        `${where}: ${obj.apiVersion} ${obj.kind} was removed in Kubernetes 1.${removed}; the cluster runs ${ctx.kubernetesVersion}`,
      ];
    }
    const introduced = INTRODUCED_APIS[id];
    if (introduced !== undefined && cluster < introduced) {
      return [
        `${where}: ${obj.apiVersion} ${obj.kind} arrived in Kubernetes 1.${introduced}; the cluster runs ${ctx.kubernetesVersion}`,
      ];
    }
  } else {
    const defined = addonDefining(group!, obj.kind, ctx.addons ?? ADDONS);
    if (!defined) return [`${where}: no pinned add-on defines ${group} ${obj.kind} (config/addons.ts)`];
    if (!defined.crd.served.includes(version!)) {
      return [
        `${where}: ${obj.apiVersion} is not served by ${defined.addon.chart} ${defined.addon.version}, which serves ${group}/${defined.crd.served.join(", ")} for ${obj.kind}`,
      ];
    }
  }

  const validate = crdValidator(id);
  if (validate) {
    return validate(obj)
      ? []
      : (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || "/"} ${e.message ?? ""}`);
  }
  const Model = MODELS[id];
  if (!Model) return [`${where}: no schema for ${id}`];
  try {
    new Model(obj).validate();
    return [];
  } catch (err) {
    return [`${where}: ${(err as Error).message}`];
  }
}

/** Problems of many objects, in order. */
export function validateManifests(objs: readonly ManifestObject[], ctx: ValidationContext): string[] {
  return objs.flatMap((o) => [
    ...validateManifest(o, ctx),
    ...fieldRuleProblems(o as unknown as Record<string, unknown>),
  ]);
}
