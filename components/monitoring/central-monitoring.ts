/**
 * The central monitoring services, in the environment that runs the catalog's monitoring
 * entries: kube-prometheus-stack's Prometheus and Alertmanager (run by the cluster's Prometheus
 * Operator), Grafana, Loki, Tempo and an OIDC proxy per UI that needs one, from pinned charts;
 * the Services the catalog names, each service's Vault reader, the ingest host's consumers, the
 * NetworkPolicies, and every environment's dashboards. Registers only.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { inheritedDependsOn } from "../transform";
import { KUBE_PROMETHEUS_STACK } from "../../config/addons";
import { GRAFANA, LOKI, OAUTH2_PROXY, TEMPO, type CentralRelease } from "../../config/monitoring-releases";
import type { Catalog } from "../../config/types";
import {
  CENTRAL_RELEASE,
  centralObjects,
  centralPrometheusValues,
  grafanaValues,
  lokiValues,
  ssoProxyValues,
  tempoValues,
} from "../../builders/monitoring";
import type { CentralMonitoringPlan, EnvironmentPlan, MonitoringPlan } from "../../planner";

export interface CentralMonitoringArgs {
  plan: EnvironmentPlan;
  catalog: Catalog;
  /** `plan.central`. */
  central: CentralMonitoringPlan;
  /**
   * Every environment's monitoring plan (its own included), for the dashboards Grafana loads.
   * Caution: a dashboard ConfigMap is named by its environment; renaming one replaces it.
   */
  environments: readonly MonitoringPlan[];
}

export class CentralMonitoring extends pulumi.ComponentResource {
  constructor(name: string, args: CentralMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:monitoring:CentralMonitoring", name, {}, opts);
    const after = inheritedDependsOn(opts);
    const { plan, catalog, central } = args;
    const o = centralObjects(plan, catalog, central, args.environments);
    const child = { parent: this, dependsOn: after };

    const readers: pulumi.Resource[] = [];
    for (const [service, r] of Object.entries(o.secrets)) {
      const account = new k8s.core.v1.ServiceAccount(`${name}-${service}-vault-account`, r.account, child);
      const store = new k8s.apiextensions.CustomResource(`${name}-${service}-vault-store`, r.store, {
        parent: this,
        dependsOn: [...after, account],
      });
      for (const es of r.externalSecrets)
        readers.push(
          new k8s.apiextensions.CustomResource(`${name}-${es.metadata.name}-secret`, es, {
            parent: this,
            dependsOn: [...after, store],
          }),
        );
    }
    for (const [key, p] of Object.entries(o.policies))
      new k8s.networking.v1.NetworkPolicy(`${name}-${key}-policy`, p, child);

    // Data lives in the charts' volumes: the releases are protected, and the StorageClass keeps released volumes.
    const release = (
      key: string,
      pin: CentralRelease & { namespace?: string },
      values: Record<string, unknown>,
      protect: boolean,
    ) =>
      new k8s.helm.v4.Chart(
        `${name}-${key}`,
        {
          name: key,
          chart: pin.chart,
          version: pin.version,
          namespace: central.namespace,
          repositoryOpts: { repo: pin.repository },
          values,
        },
        { parent: this, protect, dependsOn: [...after, ...readers] },
      );
    release(CENTRAL_RELEASE, KUBE_PROMETHEUS_STACK, centralPrometheusValues(central), true);
    release("grafana", GRAFANA, grafanaValues(plan, central), true);
    release("loki", LOKI, lokiValues(central), true);
    release("tempo", TEMPO, tempoValues(central), true);
    for (const client of central.sso.clients.filter((c) => c.proxy))
      release(client.proxy!.service, OAUTH2_PROXY, ssoProxyValues(central, client), false);

    for (const [key, s] of Object.entries(o.services))
      new k8s.core.v1.Service(`${name}-${key}-service`, s, child);
    for (const c of o.consumers)
      new k8s.apiextensions.CustomResource(`${name}-${c.metadata.name}-consumer`, c, {
        parent: this,
        dependsOn: [...after, ...readers],
      });
    new k8s.apiextensions.CustomResource(`${name}-ingest-rules`, o.rules, child);
    for (const [env, d] of Object.entries(o.dashboards))
      new k8s.core.v1.ConfigMap(`${name}-${env}-dashboards`, d, child);
    this.registerOutputs({});
  }
}
