/**
 * Each cluster's telemetry, installed by its add-on owner: the OpenTelemetry Collector the
 * workloads send traces and logs to (at the catalog's `otlpEndpoint`), the cluster's Prometheus
 * remote-writing to the central one and sending its alerts to the central Alertmanager, all
 * through the monitoring environment's ingest host with the cluster's own credential from Vault.
 * The ingest URL itself is read at deployment from the monitoring stack's outputs. Pure.
 */
import type { Catalog } from "../config/types";
import { ingestCredential, monitoringEnvironment } from "./monitoring-central";
import { environmentsOnCluster } from "./placement";
import type { VaultRolePlan } from "./vault";
import type { VaultLocation } from "./secrets";

export interface ClusterTelemetryPlan {
  cluster: string;
  namespace: string;
  /** The collector's Service (the host of `otlpEndpoint`) and OTLP gRPC port. */
  collector: { service: string; port: number; replicas: number };
  /** The stack whose outputs give the ingest URL (itself when it runs the central services). */
  ingestOwner: string;
  credential: { username: VaultLocation; password: VaultLocation };
  /** The Secret in the telemetry namespace that holds it, and the store that reads it. */
  secretName: string;
  secretStore: string;
  /**
   * The CloudWatch exporter (YACE): the managed stores' metrics of the cluster's environments,
   * found by their `environment` tag, read with an IAM role assumed through EKS Pod Identity.
   */
  cloudwatch: {
    service: string;
    serviceAccount: string;
    roleName: string;
    region: string;
    accountId: string;
    eksClusterName: string;
    environments: string[];
  };
}

/** `http://otel-collector.observability.svc.cluster.local:4317` → service, namespace, port. */
export function parseOtlpEndpoint(endpoint: string): { service: string; namespace: string; port: number } {
  const m = /^https?:\/\/([a-z0-9-]+)\.([a-z0-9-]+)(\.svc(\.cluster\.local)?)?:(\d+)\/?$/.exec(endpoint);
  if (!m)
    throw new Error(
      `platform.telemetry.otlpEndpoint "${endpoint}" must be http://<service>.<namespace>.svc.cluster.local:<port>`,
    );
  return { service: m[1]!, namespace: m[2]!, port: Number(m[5]) };
}

export const TELEMETRY_SERVICE_ACCOUNT = "telemetry-vault";

export function planClusterTelemetry(
  catalog: Catalog,
  cluster: string,
  production: boolean,
  aws: { region: string; accountId: string; eksClusterName: string },
): ClusterTelemetryPlan | undefined {
  const owner = monitoringEnvironment(catalog);
  if (!owner) return undefined;
  const t = catalog.platform.telemetry;
  const endpoint = parseOtlpEndpoint(t.otlpEndpoint);
  if (endpoint.namespace !== t.namespace)
    throw new Error(
      `platform.telemetry.otlpEndpoint is in namespace "${endpoint.namespace}", but platform.telemetry.namespace is "${t.namespace}"`,
    );
  return {
    cluster,
    namespace: t.namespace,
    collector: { service: endpoint.service, port: endpoint.port, replicas: production ? 2 : 1 },
    ingestOwner: owner,
    credential: ingestCredential(catalog, owner, cluster),
    secretName: "telemetry-ingest",
    secretStore: "vault-telemetry",
    cloudwatch: {
      service: "cloudwatch-exporter",
      serviceAccount: "cloudwatch-exporter",
      // IAM role names are global to the account: the cluster in the name keeps them apart.
      roleName: `${cluster}-cloudwatch-exporter`,
      ...aws,
      environments: environmentsOnCluster(cluster, catalog),
    },
  };
}

/** The cluster's telemetry reader in Vault: its ingest credential, nothing else. */
export function telemetryRole(
  catalog: Catalog,
  p: ClusterTelemetryPlan,
  ttlSeconds: number,
  audience: string,
): VaultRolePlan {
  return {
    name: `${catalog.platform.project}-${p.cluster}-telemetry`,
    serviceAccount: TELEMETRY_SERVICE_ACCOUNT,
    namespace: p.namespace,
    paths: [...new Set([p.credential.username.policyPath, p.credential.password.policyPath])].sort(),
    ttlSeconds,
    audience,
  };
}

/** Where the ingest host answers, as the monitoring stack's outputs give it (contract: telemetry.ingest). */
export interface IngestEndpoint {
  url: string;
  paths: { metrics: string; alerts: string; logs: string; traces: string };
}
