/**
 * ClickHouse in the environment's namespace: registers what `clickhouseObjects` made (Keeper,
 * the installation, its certificate, credentials, NetworkPolicies and backup job). In production
 * the installation and its Keeper are protected and kept on delete.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clickhouseObjects, type ClickHouseObjects } from "../../builders/k8s";
import type { ClickHousePlan, EnvironmentPlan } from "../../planner";
import { transformed, type Transforms, inheritedDependsOn } from "../transform";

export interface ClickHouseArgs {
  /** The environment's plan (namespace, labels). */
  plan: EnvironmentPlan;
  /** `plan.data.clickhouse`. Caution: its installation and Keeper names are fixed; renaming replaces them. */
  store: ClickHousePlan;
  /** Adjust a child object or its options before it is created. @default no change */
  transform?: Transforms<ClickHouseObjects>;
}

export class ClickHouse extends pulumi.ComponentResource {
  constructor(name: string, args: ClickHouseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:k8s:ClickHouse", name, {}, opts);
    const after = inheritedDependsOn(opts);
    const o = clickhouseObjects(args.plan, args.store);
    const t = args.transform ?? {};
    const child = { parent: this, dependsOn: after };
    const data = args.store.protect ? { protect: true, retainOnDelete: true } : {};

    new k8s.core.v1.ServiceAccount(`${name}-sa`, ...transformed(t.serviceAccount, o.serviceAccount, child));
    const credentials = new k8s.apiextensions.CustomResource(
      `${name}-credentials`,
      ...transformed(t.credentials, o.credentials, child),
    );
    const certificate = new k8s.apiextensions.CustomResource(
      `${name}-certificate`,
      ...transformed(t.certificate, o.certificate, child),
    );
    new k8s.networking.v1.NetworkPolicy(
      `${name}-netpol`,
      ...transformed(t.networkPolicy, o.networkPolicy, child),
    );
    new k8s.networking.v1.NetworkPolicy(
      `${name}-keeper-netpol`,
      ...transformed(t.keeperNetworkPolicy, o.keeperNetworkPolicy, child),
    );
    new k8s.networking.v1.NetworkPolicy(
      `${name}-backup-netpol`,
      ...transformed(t.backupNetworkPolicy, o.backupNetworkPolicy, child),
    );
    const keeper = new k8s.apiextensions.CustomResource(
      `${name}-keeper`,
      ...transformed(t.keeper, o.keeper, { ...child, ...data }),
    );
    const installation = new k8s.apiextensions.CustomResource(
      `${name}-installation`,
      ...transformed(t.installation, o.installation, {
        ...child,
        ...data,
        dependsOn: [...after, credentials, certificate, keeper],
      }),
    );
    const clientConfig = new k8s.core.v1.ConfigMap(
      `${name}-client-config`,
      ...transformed(t.clientConfig, o.clientConfig, child),
    );
    new k8s.batch.v1.CronJob(
      `${name}-backup`,
      ...transformed(t.backup, o.backup, { ...child, dependsOn: [...after, installation, clientConfig] }),
    );
    this.registerOutputs({});
  }
}
