/**
 * A public host: one Ingress on Kong with TLS (Let's Encrypt through cert-manager, or a custom
 * certificate from Vault), HTTP redirected to HTTPS, and rate limiting on API hosts (KongPlugin).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { publicHostObjects, type EnvironmentPlan, type PublicHostPlan } from "../planner";

export interface PublicHostArgs {
  /** The environment's plan (namespace, tier for the rate limit). */
  plan: EnvironmentPlan;
  /** The host, one of `plan.publicHosts`: its TLS policy, backends and rate limiting. */
  host: PublicHostPlan;
}

export class PublicHost extends pulumi.ComponentResource {
  public readonly url: string;

  constructor(name: string, args: PublicHostArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:k8s:PublicHost", name, {}, opts);
    const o = publicHostObjects(args.plan, args.host);
    const plugin = o.rateLimit ? new k8s.apiextensions.CustomResource(`${name}-rate-limit`, o.rateLimit, { parent: this }) : undefined;
    new k8s.networking.v1.Ingress(`${name}-ingress`, o.ingress, { parent: this, dependsOn: plugin ? [plugin] : [] });
    this.url = args.host.url;
    this.registerOutputs({ url: this.url });
  }
}
