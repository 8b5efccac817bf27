/**
 * A cluster's add-ons, created only by the stack the catalog names as the cluster's add-on owner:
 * cert-manager, External Secrets Operator and Kong from pinned Helm charts, the Let's Encrypt
 * ClusterIssuer, and one Vault ClusterSecretStore per environment on the cluster.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
  ADDON_NEEDS,
  ADDON_ROLES,
  addonObjects,
  type AddonObjects,
  type CustomObject,
  type NamespaceObject,
} from "../../builders/k8s";
import type { Catalog } from "../../config/types";
import { KONG, KONG_PROXY_SERVICE } from "../../config/addons";
import type { ClusterTelemetryPlan, EnvironmentPlan, IngestEndpoint } from "../../planner";
import { prometheusIngestValues } from "../../builders/monitoring";

type PrometheusValues = { prometheus: { prometheusSpec: Record<string, unknown> } } & Record<string, unknown>;

/** The cluster Prometheus's values with remote write and alerting to the ingest host, once it is known. */
function withIngest(values: PrometheusValues, t: ClusterTelemetryPlan, ingest: pulumi.Input<IngestEndpoint>) {
  return pulumi.output(ingest).apply((i) => ({
    ...values,
    prometheus: {
      ...values.prometheus,
      prometheusSpec: { ...values.prometheus.prometheusSpec, ...prometheusIngestValues(t, i) },
    },
  }));
}
import { transformed, type Transform } from "../transform";

export interface ClusterAddonsArgs {
  /** The add-on owner's plan (its cluster, its Vault address). */
  plan: EnvironmentPlan;
  /** The catalog: the environments on the cluster get one ClusterSecretStore each. */
  catalog: Catalog;
  /**
   * The monitoring stack's ingest endpoint (its outputs, through the contract): the cluster's
   * Prometheus remote-writes its series and sends its alerts there. @default none (nothing shipped)
   */
  ingest?: pulumi.Input<IngestEndpoint>;
  /** Adjust each object of a kind before it is created. @default no change */
  transform?: {
    namespace?: Transform<NamespaceObject>;
    /** Caution: a changed chart version or values upgrades the add-on for every namespace on the cluster. */
    chart?: Transform<k8s.helm.v4.ChartArgs>;
    ingressClass?: Transform<AddonObjects["ingressClass"]>;
    storageClass?: Transform<AddonObjects["storageClass"]>;
    clusterIssuer?: Transform<CustomObject>;
    secretStore?: Transform<CustomObject>;
  };
}

export class ClusterAddons extends pulumi.ComponentResource {
  /** The address of the cluster's ingress load balancer (Kong's proxy). */
  public readonly ingressHostname: pulumi.Output<string>;

  constructor(name: string, args: ClusterAddonsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:k8s:ClusterAddons", name, {}, opts);
    const o = addonObjects(args.plan, args.catalog);
    const t = args.transform ?? {};
    const namespaces = Object.fromEntries(
      ADDON_ROLES.map((role) => {
        const ns = o.namespaces[role];
        const options = { parent: this, protect: true };
        return [
          role,
          new k8s.core.v1.Namespace(
            `${name}-${ns.metadata.name}-namespace`,
            ...transformed(t.namespace, ns, options),
          ),
        ];
      }),
    ) as Record<(typeof ADDON_ROLES)[number], k8s.core.v1.Namespace>;
    // Removing an add-on would break every namespace on the cluster: the charts are protected.
    const charts = {} as Record<(typeof ADDON_ROLES)[number], k8s.helm.v4.Chart>;
    // In ADDON_ROLES order, each after the add-ons it needs (ADDON_NEEDS).
    for (const role of ADDON_ROLES) {
      const c = o.charts[role];
      const after = (ADDON_NEEDS[role] ?? []).map((r) => charts[r]);
      const options = { parent: this, protect: true, dependsOn: [namespaces[role], ...after] };
      const telemetry = args.plan.telemetry;
      const chartArgs: k8s.helm.v4.ChartArgs =
        role === "prometheus" && telemetry && args.ingest
          ? { ...c.args, values: withIngest(c.args.values as PrometheusValues, telemetry, args.ingest) }
          : c.args;
      charts[role] = new k8s.helm.v4.Chart(`${name}-${c.role}`, ...transformed(t.chart, chartArgs, options));
    }
    new k8s.networking.v1.IngressClass(
      `${name}-ingress-class`,
      ...transformed(t.ingressClass, o.ingressClass, { parent: this, protect: true }),
    );
    new k8s.storage.v1.StorageClass(
      `${name}-storage-class`,
      ...transformed(t.storageClass, o.storageClass, { parent: this, protect: true }),
    );
    const cm = { parent: this, dependsOn: [charts.certManager] };
    const rootIssuer = new k8s.apiextensions.CustomResource(
      `${name}-internal-ca-root-issuer`,
      o.internalCa.selfSigned,
      cm,
    );
    const root = new k8s.apiextensions.CustomResource(`${name}-internal-ca-root`, o.internalCa.root, {
      ...cm,
      dependsOn: [charts.certManager, rootIssuer],
    });
    new k8s.apiextensions.CustomResource(`${name}-internal-ca-issuer`, o.internalCa.issuer, {
      ...cm,
      dependsOn: [charts.certManager, root],
    });
    // Let's Encrypt by DNS-01 through Cloudflare: the token from Vault, read as cert-manager's own account.
    const dns01Account = new k8s.core.v1.ServiceAccount(`${name}-dns01-account`, o.dns01.serviceAccount, {
      parent: this,
      dependsOn: [namespaces.certManager],
    });
    const dns01Store = new k8s.apiextensions.CustomResource(`${name}-dns01-store`, o.dns01.secretStore, {
      parent: this,
      dependsOn: [charts.externalSecrets, dns01Account],
    });
    const dns01Token = new k8s.apiextensions.CustomResource(`${name}-dns01-token`, o.dns01.token, {
      parent: this,
      dependsOn: [dns01Store],
    });
    new k8s.apiextensions.CustomResource(
      `${name}-letsencrypt-issuer`,
      ...transformed(t.clusterIssuer, o.dns01.clusterIssuer, {
        parent: this,
        dependsOn: [charts.certManager, dns01Token],
      }),
    );
    for (const store of o.secretStores) {
      new k8s.apiextensions.CustomResource(
        `${name}-${store.metadata.name}-store`,
        ...transformed(t.secretStore, store, { parent: this, dependsOn: [charts.externalSecrets] }),
      );
    }
    // Read back the proxy Service the chart made: its load balancer is what the DNS records point at.
    // A read runs in preview whenever its ID is known, whatever it depends on: deriving the ID from
    // the chart's resources keeps it unknown until the chart exists (a first preview reads nothing).
    const proxyId = charts.kong.resources.apply(() => `${KONG.namespace}/${KONG_PROXY_SERVICE}`);
    const proxy = k8s.core.v1.Service.get(`${name}-kong-proxy`, proxyId, {
      parent: this,
      dependsOn: [charts.kong],
    });
    this.ingressHostname = proxy.status.loadBalancer.ingress.apply((i) => {
      const host = i?.[0]?.hostname ?? i?.[0]?.ip;
      if (!host) throw new Error(`the ${KONG_PROXY_SERVICE} Service has no load balancer address yet`);
      return host;
    });
    this.registerOutputs({ ingressHostname: this.ingressHostname });
  }
}
