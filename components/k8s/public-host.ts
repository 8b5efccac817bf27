/**
 * A public host: one Ingress on Kong with TLS (Let's Encrypt through cert-manager, or a custom
 * certificate from Vault), HTTP redirected to HTTPS, rate limiting on API hosts and basic auth where callers sign in
 * (KongPlugins).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { publicHostObjects, type PublicHostObjects } from "../../builders/k8s";
import type { EnvironmentPlan, PublicHostPlan } from "../../planner";
import { transformed, type Transforms, inheritedDependsOn } from "../transform";

export interface PublicHostArgs {
  /** The environment's plan (namespace, tier for the rate limit). */
  plan: EnvironmentPlan;
  /** The host, one of `plan.publicHosts`: its TLS policy, backends and rate limiting. */
  host: PublicHostPlan;
  /** Adjust the Ingress or the rate-limit plugin before it is created. @default no change */
  transform?: Transforms<PublicHostObjects>;
}

export class PublicHost extends pulumi.ComponentResource {
  /** `https://<host><path>`, as the plan computed it. */
  public readonly url: string;

  constructor(name: string, args: PublicHostArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:k8s:PublicHost", name, {}, opts);
    const after = inheritedDependsOn(opts);
    const o = publicHostObjects(args.plan, args.host);
    const t = args.transform ?? {};
    const plugin = o.rateLimit
      ? new k8s.apiextensions.CustomResource(
          `${name}-rate-limit`,
          ...transformed(t.rateLimit, o.rateLimit, { parent: this, dependsOn: after }),
        )
      : undefined;
    const auth = o.basicAuth
      ? new k8s.apiextensions.CustomResource(
          `${name}-basic-auth`,
          ...transformed(t.basicAuth, o.basicAuth, { parent: this, dependsOn: after }),
        )
      : undefined;
    const redirect = o.redirect
      ? new k8s.apiextensions.CustomResource(
          `${name}-redirect`,
          ...transformed(t.redirect, o.redirect, { parent: this, dependsOn: after }),
        )
      : undefined;
    const plugins = [plugin, auth, redirect].filter((p) => p !== undefined);
    if (o.internal) {
      new k8s.core.v1.Service(`${name}-internal-service`, o.internal.service, {
        parent: this,
        dependsOn: after,
      });
      const clusterOnly = new k8s.apiextensions.CustomResource(
        `${name}-cluster-only`,
        o.internal.clusterOnly,
        {
          parent: this,
          dependsOn: after,
        },
      );
      // The public Ingress's transform applies to its in-cluster twin too.
      new k8s.networking.v1.Ingress(
        `${name}-internal-ingress`,
        ...transformed(t.ingress, o.internal.ingress, {
          parent: this,
          dependsOn: [...after, clusterOnly, ...(plugin ? [plugin] : [])],
        }),
      );
    }
    new k8s.networking.v1.Ingress(
      `${name}-ingress`,
      ...transformed(t.ingress, o.ingress, { parent: this, dependsOn: [...after, ...plugins] }),
    );
    this.url = args.host.url;
    this.registerOutputs({ url: this.url });
  }
}
