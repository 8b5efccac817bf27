/**
 * The root component of a stack: the environment's Kubernetes provider and everything the plan
 * puts on the cluster. Children are keyed by catalog names, never by position, so adding,
 * removing or reordering catalog entries never renames another entry's resources.
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as vault from "@pulumi/vault";
import {
  certificateObject,
  type CustomObject,
  type NamespaceObjects,
  type PublicHostObjects,
  type WorkloadObjects,
} from "../builders/k8s";
import type { Catalog } from "../config/types";
import type { EnvironmentPlan, IngestEndpoint, MonitoringPlan } from "../planner";
import { kvMountArgs, vaultProviderArgs } from "../builders/vault";
import { DataLayer } from "./aws/data-layer";
import { Edge } from "./cloudflare/edge";
import { CentralMonitoring, ClusterTelemetry, WorkloadMonitoring } from "./monitoring";
import { ClickHouse } from "./k8s/clickhouse";
import { ClusterAddons, type ClusterAddonsArgs } from "./k8s/cluster-addons";
import { EnvironmentNamespace } from "./k8s/namespace";
import { PublicHost } from "./k8s/public-host";
import { Workload } from "./k8s/workload";
import { VaultAccess } from "./vault/access";
import { VaultClusterAuth } from "./vault/cluster-auth";
import { transformed, type Transform, type Transforms } from "./transform";

export interface PlatformEnvironmentArgs {
  /** The environment's plan, settings included: everything below is created from it. */
  plan: EnvironmentPlan;
  /** The validated catalog the plan came from. */
  catalog: Catalog;
  /**
   * kubeconfig of the environment's cluster (a secret). Caution: pointing it at another cluster
   * makes Pulumi replace the provider, and with it every Kubernetes resource of the stack.
   */
  kubeconfig: pulumi.Input<string>;
  /**
   * The cluster's ingress load balancer, read from its add-on owner stack's outputs (the contract);
   * the owner stack passes none and uses its own.
   */
  ingress?: pulumi.Input<string>;
  /**
   * The monitoring stack's ingest endpoint, read from its outputs (the contract), where this stack
   * installs a cluster's telemetry; the monitoring stack itself passes its own. @default none
   */
  ingest?: pulumi.Input<IngestEndpoint>;
  /**
   * Every environment's monitoring plan, where this stack runs the central services: Grafana loads
   * their dashboards. @default none
   */
  environments?: readonly MonitoringPlan[];
  /** Adjust children before they are created, by component. @default no change */
  transform?: {
    provider?: Transform<k8s.ProviderArgs>;
    addons?: ClusterAddonsArgs["transform"];
    namespace?: Transforms<NamespaceObjects>;
    /** Applied to every workload's children. */
    workload?: Transforms<WorkloadObjects>;
    /** Applied to every public host's children. */
    publicHost?: Transforms<PublicHostObjects>;
    /** Applied to every custom certificate's ExternalSecret. */
    certificate?: Transform<CustomObject>;
  };
}

export class PlatformEnvironment extends pulumi.ComponentResource {
  public readonly namespace: pulumi.Output<string>;
  public readonly workloads: Record<string, Workload>;
  /** The cluster's ingress load balancer: read where this stack installs it, else its owner's output. */
  public readonly ingressHostname?: pulumi.Output<string>;
  /** Where each data store answers (no credential), by catalog entry. */
  public readonly dataEndpoints: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: PlatformEnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:platform:Environment", name, {}, opts);
    const { plan, catalog } = args;
    const t = args.transform ?? {};

    const providerArgs: k8s.ProviderArgs = {
      kubeconfig: args.kubeconfig,
      namespace: plan.namespace,
      enableServerSideApply: true,
      // An unreachable cluster is an error, never a reason to drop resources from state.
      deleteUnreachable: false,
    };
    const provider = new k8s.Provider(
      `${name}-k8s`,
      ...transformed(t.provider, providerArgs, { parent: this }),
    );
    const withProvider = { parent: this, providers: [provider] };

    const addons = !plan.addonOwner
      ? undefined
      : new ClusterAddons(
          `${plan.cluster}-addons`,
          {
            plan,
            catalog,
            ...(args.ingest ? { ingest: args.ingest } : {}),
            ...(t.addons ? { transform: t.addons } : {}),
          },
          withProvider,
        );
    this.ingressHostname =
      addons?.ingressHostname ?? (args.ingress !== undefined ? pulumi.output(args.ingress) : undefined);

    const ns = new EnvironmentNamespace(
      name,
      { plan, catalog, ...(t.namespace ? { transform: t.namespace } : {}) },
      withProvider,
    );
    // In the add-on owner, after the add-ons too: the CRDs of its custom resources come with their charts.
    const inNamespace = { ...withProvider, dependsOn: [ns.namespace, ...(addons ? [addons] : [])] };

    this.workloads = {};
    for (const w of plan.workloads) {
      const transform = t.workload ? { transform: t.workload } : {};
      this.workloads[w.name] = new Workload(
        w.name,
        { plan, workload: w, catalog, ...transform },
        inNamespace,
      );
    }
    // Scraped and alerted on by the cluster's Prometheus (its chart, from the add-on owner, brings the CRDs).
    if (plan.monitoring?.workloads.length || plan.monitoring?.stores.length) {
      new WorkloadMonitoring(
        `${name}-monitoring`,
        { plan, monitoring: plan.monitoring },
        { ...withProvider, dependsOn: [ns.namespace, ...(addons ? [addons] : [])] },
      );
    }
    if (plan.telemetry && addons) {
      if (!args.ingest)
        throw new Error(
          `${name}: the cluster's collectors need ${plan.telemetry.ingestOwner}'s ingest endpoint`,
        );
      new ClusterTelemetry(
        `${plan.cluster}-telemetry`,
        { plan, catalog, ingest: args.ingest },
        { ...withProvider, dependsOn: [addons] },
      );
    }
    if (plan.central) {
      new CentralMonitoring(
        `${name}-central-monitoring`,
        { plan, catalog, central: plan.central, environments: args.environments ?? [] },
        { ...withProvider, dependsOn: [ns.namespace, ...(addons ? [addons] : [])] },
      );
    }
    for (const h of plan.publicHosts) {
      new PublicHost(
        `${h.entry}-public`,
        { plan, host: h, ...(t.publicHost ? { transform: t.publicHost } : {}) },
        inNamespace,
      );
    }
    for (const c of plan.certificates) {
      const options = { parent: this, provider, dependsOn: inNamespace.dependsOn };
      new k8s.apiextensions.CustomResource(
        `${c.name}-certificate`,
        ...transformed(t.certificate, certificateObject(plan, c), options),
      );
    }

    // Vault: its address from the stack settings, its token from VAULT_TOKEN where Pulumi runs.
    const vaultProvider = new vault.Provider(`${name}-vault`, vaultProviderArgs(plan.settings.vaultAddress), {
      parent: this,
    });
    const inVault = { parent: this, providers: [vaultProvider] };
    if (plan.vault?.kvMount) {
      new vault.Mount(`${name}-kv`, kvMountArgs(plan.vault.kvMount), {
        parent: this,
        provider: vaultProvider,
        protect: true,
      });
    }
    const clusterAuth = plan.vault?.authBackend
      ? new VaultClusterAuth(
          `${plan.cluster}-vault-auth`,
          {
            backend: plan.vault.authBackend,
            cluster: plan.cluster,
            kubeconfig: args.kubeconfig,
            kubernetesProvider: provider,
          },
          inVault,
        )
      : undefined;
    if (plan.vault) {
      new VaultAccess(
        `${name}-vault-access`,
        { vault: plan.vault, authMount: clusterAuth?.path ?? plan.vault.authMount },
        inVault,
      );
    }
    // Cloudflare: its API token from CLOUDFLARE_API_TOKEN where Pulumi runs.
    const cloudflareProvider = new cloudflare.Provider(`${name}-cloudflare`, {}, { parent: this });
    const data = plan.data
      ? new DataLayer(
          `${name}-data`,
          { plan, data: plan.data, vaultProvider, cloudflareProvider },
          { parent: this },
        )
      : undefined;
    this.dataEndpoints = data?.endpoints ?? {};
    if (plan.data?.clickhouse)
      new ClickHouse(
        `${name}-${plan.data.clickhouse.name}`,
        { plan, store: plan.data.clickhouse },
        inNamespace,
      );

    const ingress = this.ingressHostname;
    if (plan.cloudflare) {
      if (!ingress)
        throw new Error(
          `${name}: the DNS records need the ingress load balancer of ${plan.cloudflare.ingressOwner}`,
        );
      new Edge(
        `${name}-edge`,
        { cloudflare: plan.cloudflare, ingress },
        { parent: this, providers: [cloudflareProvider] },
      );
    }

    this.namespace = ns.name;
    this.registerOutputs({ namespace: this.namespace });
  }
}
