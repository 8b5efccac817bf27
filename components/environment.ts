/**
 * The root component of a stack: the environment's Kubernetes provider and everything the plan
 * puts on the cluster. Children are keyed by catalog names, never by position, so adding,
 * removing or reordering catalog entries never renames another entry's resources.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Catalog } from "../config/types";
import { certificateObject, type EnvironmentPlan, type StackSettings } from "../planner";
import { ClusterAddons } from "./cluster-addons";
import { EnvironmentNamespace } from "./namespace";
import { PublicHost } from "./public-host";
import { Workload } from "./workload";

export interface PlatformEnvironmentArgs {
  /** The environment's plan: everything below is created from it. */
  plan: EnvironmentPlan;
  /** The validated catalog the plan came from. */
  catalog: Catalog;
  /** The stack's settings (address ranges, Vault address). */
  settings: StackSettings;
  /** kubeconfig of the environment's cluster (a secret). */
  kubeconfig: pulumi.Input<string>;
}

export class PlatformEnvironment extends pulumi.ComponentResource {
  public readonly namespace: pulumi.Output<string>;
  public readonly workloads: Record<string, Workload>;

  constructor(name: string, args: PlatformEnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:platform:Environment", name, {}, opts);
    const { plan, catalog, settings } = args;

    const provider = new k8s.Provider(
      `${name}-k8s`,
      {
        kubeconfig: args.kubeconfig,
        namespace: plan.namespace,
        enableServerSideApply: true,
        // An unreachable cluster is an error, never a reason to drop resources from state.
        deleteUnreachable: false,
      },
      { parent: this },
    );
    const withProvider = { parent: this, providers: [provider] };

    if (plan.addonOwner) new ClusterAddons(`${plan.cluster}-addons`, { plan, catalog, settings }, withProvider);

    const ns = new EnvironmentNamespace(name, { plan, catalog }, withProvider);
    const inNamespace = { ...withProvider, dependsOn: [ns.namespace] };

    this.workloads = {};
    for (const w of plan.workloads) this.workloads[w.name] = new Workload(w.name, { plan, workload: w, catalog, settings }, inNamespace);
    for (const h of plan.publicHosts) new PublicHost(`${h.entry}-public`, { plan, host: h }, inNamespace);
    for (const c of plan.certificates) {
      new k8s.apiextensions.CustomResource(`${c.name}-certificate`, certificateObject(plan, c), { parent: this, provider, dependsOn: [ns.namespace] });
    }

    this.namespace = ns.name;
    this.registerOutputs({ namespace: this.namespace });
  }
}
