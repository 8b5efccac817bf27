/**
 * One workload of an environment: ServiceAccount, Deployment, Service (when called), HPA
 * (production and staging), PodDisruptionBudget (2+ replicas), NetworkPolicy and ExternalSecret.
 * Everything it creates comes from `workloadObjects` (builders/k8s): this class only registers.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { workloadObjects, type WorkloadObjects } from "../../builders/k8s";
import type { Catalog } from "../../config/types";
import type { EnvironmentPlan, WorkloadPlan } from "../../planner";
import { transformed, type Transforms, inheritedDependsOn } from "../transform";

export interface WorkloadArgs {
  /** The environment's plan (namespace, tier, address ranges for egress). */
  plan: EnvironmentPlan;
  /**
   * The workload, one of `plan.workloads`. Caution: its name keys every child and the objects'
   * names; renaming an entry replaces its Deployment, Service and the rest.
   */
  workload: WorkloadPlan;
  /** The catalog (the telemetry namespace and scraper that may reach the metrics port). */
  catalog: Catalog;
  /** Adjust a child object or its options before it is created. @default no change */
  transform?: Transforms<WorkloadObjects>;
}

export class Workload extends pulumi.ComponentResource {
  /** The Deployment's name (equal to the workload's). */
  public readonly deploymentName: pulumi.Output<string>;
  /** In-cluster address of the Service, when there is one (computed by the planner). */
  public readonly serviceHost?: string;

  constructor(name: string, args: WorkloadArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:k8s:Workload", name, {}, opts);
    const after = inheritedDependsOn(opts);
    const o = workloadObjects(args.plan, args.workload, args.catalog);
    const t = args.transform ?? {};
    const child = { parent: this, dependsOn: after };

    const sa = new k8s.core.v1.ServiceAccount(
      `${name}-sa`,
      ...transformed(t.serviceAccount, o.serviceAccount, child),
    );
    const store = o.secretStore
      ? new k8s.apiextensions.CustomResource(
          `${name}-secret-store`,
          ...transformed(t.secretStore, o.secretStore, child),
        )
      : undefined;
    const secret = o.externalSecret
      ? new k8s.apiextensions.CustomResource(
          `${name}-secrets`,
          ...transformed(t.externalSecret, o.externalSecret, {
            ...child,
            ...(store ? { dependsOn: [...after, store] } : {}),
          }),
        )
      : undefined;
    const deployment = new k8s.apps.v1.Deployment(
      `${name}-deployment`,
      ...transformed(t.deployment, o.deployment, {
        ...child,
        dependsOn: [...after, sa, ...(secret ? [secret] : [])],
        // The autoscaler owns the replica count once it exists.
        ...(o.autoscaler ? { ignoreChanges: ["spec.replicas"] } : {}),
      }),
    );
    if (o.service) new k8s.core.v1.Service(`${name}-service`, ...transformed(t.service, o.service, child));
    if (o.autoscaler) {
      new k8s.autoscaling.v2.HorizontalPodAutoscaler(
        `${name}-hpa`,
        ...transformed(t.autoscaler, o.autoscaler, { ...child, dependsOn: [...after, deployment] }),
      );
    }
    if (o.disruptionBudget) {
      new k8s.policy.v1.PodDisruptionBudget(
        `${name}-pdb`,
        ...transformed(t.disruptionBudget, o.disruptionBudget, child),
      );
    }
    new k8s.networking.v1.NetworkPolicy(
      `${name}-netpol`,
      ...transformed(t.networkPolicy, o.networkPolicy, child),
    );

    if (args.workload.serviceHost) this.serviceHost = args.workload.serviceHost;
    this.deploymentName = deployment.metadata.name;
    this.registerOutputs({ deploymentName: this.deploymentName });
  }
}
