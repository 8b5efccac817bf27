/**
 * A cluster's add-ons, created only by the stack the catalog names as the cluster's add-on owner:
 * cert-manager, External Secrets Operator and Kong from pinned Helm charts, the Let's Encrypt
 * ClusterIssuer, and one Vault ClusterSecretStore per environment on the cluster.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Catalog } from "../config/types";
import { addonObjects, type EnvironmentPlan, type StackSettings } from "../planner";

export interface ClusterAddonsArgs {
  /** The add-on owner's plan (its cluster). */
  plan: EnvironmentPlan;
  /** The catalog: the environments on the cluster get one ClusterSecretStore each. */
  catalog: Catalog;
  /** Stack settings (the Vault address). */
  settings: StackSettings;
}

export class ClusterAddons extends pulumi.ComponentResource {
  constructor(name: string, args: ClusterAddonsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:k8s:ClusterAddons", name, {}, opts);
    const o = addonObjects(args.plan, args.catalog, args.settings);
    const namespaces = new Map(
      o.namespaces.map((ns) => [ns.metadata.name, new k8s.core.v1.Namespace(`${name}-${ns.metadata.name}-namespace`, ns, { parent: this, protect: true })]),
    );
    // Removing an add-on would break every namespace on the cluster: the charts are protected.
    const charts = new Map(
      o.charts.map((c) => [
        c.role,
        new k8s.helm.v4.Chart(`${name}-${c.role}`, c.args, { parent: this, protect: true, dependsOn: [namespaces.get(c.pin.namespace)!] }),
      ]),
    );
    new k8s.apiextensions.CustomResource(`${name}-letsencrypt-issuer`, o.clusterIssuer, { parent: this, dependsOn: [charts.get("cert-manager")!] });
    for (const store of o.secretStores) {
      new k8s.apiextensions.CustomResource(`${name}-${store.metadata.name}-store`, store, { parent: this, dependsOn: [charts.get("external-secrets")!] });
    }
    this.registerOutputs({});
  }
}
