/**
 * The environment's namespace: Pod Security Admission `restricted` (enforce, audit, warn), a
 * default-deny NetworkPolicy for ingress and egress, DNS and telemetry egress, and the
 * ServiceAccount External Secrets uses to read this environment's Vault paths.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Catalog } from "../config/types";
import { namespaceObjects, type EnvironmentPlan } from "../planner";

export interface EnvironmentNamespaceArgs {
  /** The environment's plan (namespace name, tier, workloads for the quota, hosts for ACME). */
  plan: EnvironmentPlan;
  /** The catalog (telemetry namespace). */
  catalog: Catalog;
}

export class EnvironmentNamespace extends pulumi.ComponentResource {
  public readonly name: pulumi.Output<string>;
  /** The Namespace resource, for `dependsOn`. */
  public readonly namespace: k8s.core.v1.Namespace;

  constructor(name: string, args: EnvironmentNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:k8s:EnvironmentNamespace", name, {}, opts);
    const o = namespaceObjects(args.plan, args.catalog);
    const production = args.plan.tier === "production";
    // Deleting a namespace deletes everything in it: production namespaces are protected and
    // outlive a `pulumi destroy`.
    this.namespace = new k8s.core.v1.Namespace(`${name}-namespace`, o.namespace, {
      parent: this,
      protect: production,
      retainOnDelete: production,
    });
    const inNamespace = { parent: this, dependsOn: [this.namespace] };
    new k8s.networking.v1.NetworkPolicy(`${name}-default-deny`, o.defaultDeny, inNamespace);
    new k8s.networking.v1.NetworkPolicy(`${name}-allow-dns`, o.allowDns, inNamespace);
    new k8s.networking.v1.NetworkPolicy(`${name}-allow-telemetry`, o.allowTelemetry, inNamespace);
    if (o.allowAcmeSolver) new k8s.networking.v1.NetworkPolicy(`${name}-allow-acme-solver`, o.allowAcmeSolver, inNamespace);
    new k8s.core.v1.ServiceAccount(`${name}-vault-reader`, o.vaultReader, inNamespace);
    if (o.quota) new k8s.core.v1.ResourceQuota(`${name}-quota`, o.quota, inNamespace);
    if (o.limits) new k8s.core.v1.LimitRange(`${name}-limits`, o.limits, inNamespace);
    this.name = this.namespace.metadata.name;
    this.registerOutputs({ name: this.name });
  }
}
