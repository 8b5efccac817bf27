/**
 * What every Kubernetes object of the platform shares: the typed-object shape, metadata,
 * labels and Pod Security labels. Pure: the only import from @pulumi/kubernetes is its types.
 */
import type { EnvironmentPlan, WorkloadPlan } from "../../planner";

/** Object metadata as plain data (assignable to the provider's ObjectMeta input). */
export interface PlainMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A typed object: the provider's args for the kind, with apiVersion, kind and plain metadata. */
export type Typed<Args, ApiVersion extends string, Kind extends string> = Omit<
  Args,
  "apiVersion" | "kind" | "metadata"
> & {
  apiVersion: ApiVersion;
  kind: Kind;
  metadata: PlainMeta;
};

/** A custom resource as the provider's CustomResource takes it. */
export interface CustomObject {
  apiVersion: string;
  kind: string;
  metadata: PlainMeta;
  [field: string]: unknown;
}

export const PART_OF = "ecommerce-platform";
export const OWNER_LABEL = "ecommerce.example.com/owner";
export const ENVIRONMENT_LABEL = "ecommerce.example.com/environment";

/** Non-root identity every workload runs as. */
export const RUN_AS = 10001;

/** Labels every object the platform manages carries; with an environment, that too. */
export function platformLabels(environment?: string): Record<string, string> {
  return {
    "app.kubernetes.io/part-of": PART_OF,
    "app.kubernetes.io/managed-by": "pulumi",
    ...(environment ? { [ENVIRONMENT_LABEL]: environment } : {}),
  };
}

/** The labels a workload's pods are selected by (Services, NetworkPolicies, PDBs, spreading). */
export function selectorLabels(name: string): Record<string, string> {
  return { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": PART_OF };
}

export function workloadLabels(plan: EnvironmentPlan, w: WorkloadPlan): Record<string, string> {
  return {
    ...selectorLabels(w.name),
    "app.kubernetes.io/instance": `${w.name}-${plan.environment}`,
    "app.kubernetes.io/version": w.image.slice(w.image.lastIndexOf(":") + 1).replace(/@.*$/, ""),
    "app.kubernetes.io/component": w.kind,
    "app.kubernetes.io/managed-by": "pulumi",
    [OWNER_LABEL]: w.owner,
    [ENVIRONMENT_LABEL]: plan.environment,
  };
}

/** Metadata of a namespaced object of the environment. */
export function meta(
  plan: EnvironmentPlan,
  name: string,
  labels: Record<string, string>,
  annotations?: Record<string, string>,
): PlainMeta {
  return {
    name,
    namespace: plan.namespace,
    labels,
    ...(annotations && Object.keys(annotations).length ? { annotations } : {}),
  };
}

/** Pod Security Admission labels: `level` enforced, `warn` audited and warned. */
export function podSecurityLabels(
  level: "restricted" | "baseline",
  warn: "restricted" | "baseline" = "restricted",
): Record<string, string> {
  return {
    "pod-security.kubernetes.io/enforce": level,
    "pod-security.kubernetes.io/enforce-version": "latest",
    "pod-security.kubernetes.io/audit": warn,
    "pod-security.kubernetes.io/audit-version": "latest",
    "pod-security.kubernetes.io/warn": warn,
    "pod-security.kubernetes.io/warn-version": "latest",
  };
}
