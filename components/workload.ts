/**
 * One workload of an environment: ServiceAccount, Deployment, Service (when called), HPA
 * (production and staging), PodDisruptionBudget (2+ replicas), NetworkPolicy and ExternalSecret.
 * Everything it creates comes from `workloadObjects` (planner/k8s): this class only registers.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Catalog } from "../config/types";
import { workloadObjects, type EnvironmentPlan, type StackSettings, type WorkloadObjects, type WorkloadPlan } from "../planner";

/** Per-child hooks that may adjust an object before it is registered (an escape hatch, not a habit). */
export type WorkloadTransforms = {
  [K in keyof WorkloadObjects]?: (object: NonNullable<WorkloadObjects[K]>) => NonNullable<WorkloadObjects[K]>;
};

export interface WorkloadArgs {
  /** The environment's plan. */
  plan: EnvironmentPlan;
  /** The workload, one of `plan.workloads`. */
  workload: WorkloadPlan;
  /** The catalog (telemetry namespace). */
  catalog: Catalog;
  /** Stack settings (address ranges for egress NetworkPolicies, Vault address). */
  settings: StackSettings;
  /** Adjust a child object before it is created. @default no change */
  transform?: WorkloadTransforms;
}

function applyTransforms(o: WorkloadObjects, t: WorkloadTransforms | undefined): WorkloadObjects {
  if (!t) return o;
  const out: Record<string, unknown> = { ...o };
  for (const [k, fn] of Object.entries(t) as [keyof WorkloadObjects, ((x: unknown) => unknown) | undefined][]) {
    if (fn && out[k] !== undefined) out[k] = fn(out[k]);
  }
  return out as unknown as WorkloadObjects;
}

export class Workload extends pulumi.ComponentResource {
  /** The Deployment's name (equal to the workload's). */
  public readonly deploymentName: pulumi.Output<string>;
  /** In-cluster address of the Service, when there is one. */
  public readonly serviceHost?: string;

  constructor(name: string, args: WorkloadArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:k8s:Workload", name, {}, opts);
    const o = applyTransforms(workloadObjects(args.plan, args.workload, args.catalog, args.settings), args.transform);
    const child = { parent: this };

    const sa = new k8s.core.v1.ServiceAccount(`${name}-sa`, o.serviceAccount, child);
    const secret = o.externalSecret
      ? new k8s.apiextensions.CustomResource(`${name}-secrets`, o.externalSecret, child)
      : undefined;
    const deployment = new k8s.apps.v1.Deployment(`${name}-deployment`, o.deployment, {
      ...child,
      dependsOn: [sa, ...(secret ? [secret] : [])],
      // The autoscaler owns the replica count once it exists.
      ...(o.autoscaler ? { ignoreChanges: ["spec.replicas"] } : {}),
    });
    if (o.service) {
      new k8s.core.v1.Service(`${name}-service`, o.service, child);
      this.serviceHost = `${args.workload.name}.${args.plan.namespace}.svc.cluster.local`;
    }
    if (o.autoscaler) new k8s.autoscaling.v2.HorizontalPodAutoscaler(`${name}-hpa`, o.autoscaler, { ...child, dependsOn: [deployment] });
    if (o.disruptionBudget) new k8s.policy.v1.PodDisruptionBudget(`${name}-pdb`, o.disruptionBudget, child);
    new k8s.networking.v1.NetworkPolicy(`${name}-netpol`, o.networkPolicy, child);

    this.deploymentName = deployment.metadata.name;
    this.registerOutputs({ deploymentName: this.deploymentName });
  }
}
