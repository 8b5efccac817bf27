/**
 * The environment's namespace: Pod Security Admission `restricted` (enforce, audit, warn), a
 * default-deny NetworkPolicy for ingress and egress, DNS and telemetry egress, and the
 * ServiceAccount External Secrets uses to read this environment's Vault paths.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { namespaceObjects, type NamespaceObjects } from "../../builders/k8s";
import type { Catalog } from "../../config/types";
import type { EnvironmentPlan } from "../../planner";
import { transformed, type Transforms } from "../transform";

export interface EnvironmentNamespaceArgs {
  /**
   * The environment's plan (namespace name, tier, workloads for the quota).
   * Caution: the namespace is named after the environment; production namespaces are protected.
   */
  plan: EnvironmentPlan;
  /** The catalog (telemetry namespace and port). */
  catalog: Catalog;
  /** Adjust a child object or its options before it is created. @default no change */
  transform?: Transforms<NamespaceObjects>;
}

export class EnvironmentNamespace extends pulumi.ComponentResource {
  public readonly name: pulumi.Output<string>;
  /** The Namespace resource, for `dependsOn`. */
  public readonly namespace: k8s.core.v1.Namespace;

  constructor(name: string, args: EnvironmentNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:k8s:EnvironmentNamespace", name, {}, opts);
    const o = namespaceObjects(args.plan, args.catalog);
    const t = args.transform ?? {};
    const production = args.plan.tier === "production";
    // Deleting a namespace deletes everything in it: production namespaces are protected and
    // outlive a `pulumi destroy`.
    this.namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      ...transformed(t.namespace, o.namespace, {
        parent: this,
        protect: production,
        retainOnDelete: production,
      }),
    );
    const inNamespace = { parent: this, dependsOn: [this.namespace] };
    const policy = (suffix: string, key: "defaultDeny" | "allowDns" | "allowTelemetry") => {
      const object = o[key];
      if (object)
        new k8s.networking.v1.NetworkPolicy(`${name}-${suffix}`, ...transformed(t[key], object, inNamespace));
    };
    policy("default-deny", "defaultDeny");
    policy("allow-dns", "allowDns");
    policy("allow-telemetry", "allowTelemetry");
    new k8s.core.v1.ServiceAccount(
      `${name}-vault-reader`,
      ...transformed(t.vaultReader, o.vaultReader, inNamespace),
    );
    if (o.quota)
      new k8s.core.v1.ResourceQuota(`${name}-quota`, ...transformed(t.quota, o.quota, inNamespace));
    if (o.limits)
      new k8s.core.v1.LimitRange(`${name}-limits`, ...transformed(t.limits, o.limits, inNamespace));
    this.name = this.namespace.metadata.name;
    this.registerOutputs({ name: this.name });
  }
}
