/**
 * Names the program owns are never taken by an entry or an environment: the objects it makes in
 * every namespace beside the entries' own, the add-ons' namespaces and releases on every cluster,
 * and the central monitoring services' objects. Each with the object that holds the name.
 */
import { ADDONS } from "../../../config/addons";
import { CENTRAL_RELEASES } from "../../../config/monitoring-releases";
import { CLOUDWATCH_EXPORTER, OTEL_COLLECTOR } from "../../../config/telemetry-releases";
import { CENTRAL_SERVICES, INGEST_ENTRY } from "../../monitoring-central";
import type { Rule } from "../types";

/** Objects of the program in an environment's namespace, by the name they take. */
const NAMESPACE_OBJECTS: Record<string, string> = {
  "default-deny": "the namespace's default-deny NetworkPolicy",
  "allow-dns": "the namespace's DNS NetworkPolicy",
  "allow-telemetry": "the namespace's telemetry NetworkPolicy",
  "external-secrets-vault": "the ServiceAccount of the namespace's platform secrets",
  workloads: "the namespace's ResourceQuota",
  "data-stores": "the environment's data-store PrometheusRule",
  [INGEST_ENTRY]: "the monitoring environment's ingest host (Ingress, DNS record, rules)",
  "grafana-secrets": "Grafana's Secret",
  "alertmanager-receivers": "Alertmanager's receivers' Secret",
  central: "the central kube-prometheus-stack release",
};

export const reserved: Rule = {
  id: "reserved",
  title: "no entry or environment takes a name the program owns",
  check(c) {
    const clusterWide = new Map<string, string>();
    for (const a of [...ADDONS, OTEL_COLLECTOR, CLOUDWATCH_EXPORTER]) {
      clusterWide.set(a.namespace, `the namespace of the ${a.chart} add-on`);
    }
    const releases = new Map<string, string>([
      ...[...ADDONS, ...CENTRAL_RELEASES].map((a): [string, string] => [
        a.chart,
        `the ${a.chart} Helm release`,
      ]),
      ["otel-collector", "each cluster's OpenTelemetry Collector"],
      ["cloudwatch-exporter", "each cluster's CloudWatch exporter"],
    ]);
    for (const n of c.entryNames) {
      const p = `entries.${n}`;
      // The central releases realize the monitoring entries of their name: those are theirs.
      const release = (CENTRAL_SERVICES as readonly string[]).includes(n) ? undefined : releases.get(n);
      const owner =
        NAMESPACE_OBJECTS[n] ??
        release ??
        (n.startsWith("dashboards-") ? "the dashboards ConfigMaps" : undefined) ??
        (n.endsWith("-sso") ? "the single sign-on proxies (<entry>-sso)" : undefined) ??
        (n.endsWith("-traffic") ? "the central services' NetworkPolicies (<service>-traffic)" : undefined);
      if (owner) c.add(p, `the name "${n}" is the program's: ${owner}`, `rename the entry`);
    }
    for (const en of c.envNames) {
      const owner =
        clusterWide.get(en) ??
        (["default", "kube-system", "kube-public", "kube-node-lease"].includes(en)
          ? "a namespace Kubernetes keeps"
          : undefined);
      if (owner)
        c.add(
          `environments.${en}`,
          `the environment's namespace "${en}" is ${owner}`,
          "rename the environment",
        );
    }
    return `${c.entryNames.length} entries and ${c.envNames.length} environments against ${Object.keys(NAMESPACE_OBJECTS).length + releases.size + clusterWide.size} reserved names`;
  },
};
