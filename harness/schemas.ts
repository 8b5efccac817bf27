/**
 * Validates Kubernetes objects against the Kubernetes OpenAPI schemas (kubernetes-models) and the
 * CRD schemas of the operators we use (External Secrets, cert-manager from @kubernetes-models;
 * Kong's KongPlugin from its CRD's required shape, below). An object of a kind with no schema is
 * an error: nothing reaches a cluster unchecked.
 *
 * kubernetes-models 4 is used (not 5): it ships CommonJS and supports Node 20, which 5 does not.
 */
import { ClusterIssuer } from "@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer";
import { ClusterSecretStore } from "@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ClusterSecretStore";
import { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ExternalSecret";
import Ajv from "ajv";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { LimitRange } from "kubernetes-models/v1/LimitRange";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { ResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string };
  [field: string]: unknown;
}

interface Model {
  validate(): void;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each model takes its own kind's shape
type ModelClass = new (data: any) => Model;

/** The model class of each apiVersion/kind. */
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
  "external-secrets.io/v1beta1/ExternalSecret": ExternalSecret,
  "external-secrets.io/v1beta1/ClusterSecretStore": ClusterSecretStore,
  "cert-manager.io/v1/ClusterIssuer": ClusterIssuer,
};

/**
 * KongPlugin (configuration.konghq.com/v1), after the CRD the Kong chart installs: `plugin` is
 * required; `config` and `configFrom` exclude each other; protocols come from a fixed set.
 */
const KONG_PLUGIN_SCHEMA = {
  type: "object",
  required: ["apiVersion", "kind", "metadata", "plugin"],
  additionalProperties: false,
  properties: {
    apiVersion: { const: "configuration.konghq.com/v1" },
    kind: { const: "KongPlugin" },
    metadata: {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 253 } },
    },
    plugin: { type: "string", minLength: 1 },
    config: { type: "object" },
    configFrom: {
      type: "object",
      required: ["secretKeyRef"],
      properties: {
        secretKeyRef: {
          type: "object",
          required: ["key", "name"],
          properties: { key: { type: "string" }, name: { type: "string" } },
        },
      },
    },
    consumerRef: { type: "string" },
    disabled: { type: "boolean" },
    instance_name: { type: "string" },
    protocols: { type: "array", items: { enum: ["http", "https", "grpc", "grpcs", "tcp", "tls", "udp"] } },
    run_on: { type: "string" },
    ordering: { type: "object" },
  },
  not: { required: ["config", "configFrom"] },
} as const;

const ajv = new Ajv({ allErrors: true });
const validateKongPlugin = ajv.compile(KONG_PLUGIN_SCHEMA);

/** Kinds this validator knows. */
export const VALIDATED_KINDS = [...Object.keys(MODELS), "configuration.konghq.com/v1/KongPlugin"].sort();

/** Problems of one object (empty when valid). */
export function validateManifest(obj: ManifestObject): string[] {
  const id = `${obj.apiVersion}/${obj.kind}`;
  const where = `${obj.kind} ${obj.metadata?.namespace ? `${obj.metadata.namespace}/` : ""}${obj.metadata?.name ?? "?"}`;
  if (id === "configuration.konghq.com/v1/KongPlugin") {
    return validateKongPlugin(obj)
      ? []
      : (validateKongPlugin.errors ?? []).map((e) => `${where}: data${e.instancePath} ${e.message}`);
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
export function validateManifests(objs: readonly ManifestObject[]): string[] {
  return objs.flatMap(validateManifest);
}
