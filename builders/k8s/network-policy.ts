/**
 * NetworkPolicy rules from the plan's edges: pods by selector for in-cluster callees, address
 * ranges from the stack settings for everything else. A range the plan does not hold is an
 * error, never an empty peer list (which would admit every destination on the port).
 */
import type * as k8s from "@pulumi/kubernetes";
import { CLICKHOUSE_POD_LABEL, KONG, KONG_POD_LABELS, KONG_PROXY_HTTP } from "../../config/addons";
import type { PlatformSpec } from "../../config/types";
import type { EdgePlan, EnvironmentPlan, WorkloadPlan } from "../../planner";
import { sorted } from "../../planner/naming";
import { selectorLabels } from "./meta";

export type NetworkPolicyPeer = k8s.types.input.networking.v1.NetworkPolicyPeer;
export type NetworkPolicyRule = {
  to?: NetworkPolicyPeer[];
  from?: NetworkPolicyPeer[];
  ports: { protocol: string; port: number }[];
};

/** Address ranges never reached through "the internet" peers (the cluster's own and private ones). */
export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/** A NetworkPolicy peer: pods with `labels` (all pods when omitted) in namespace `namespace`. */
export function podsIn(namespace: string, labels?: Record<string, string>): NetworkPolicyPeer {
  return {
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } },
    ...(labels ? { podSelector: { matchLabels: { ...labels } } } : {}),
  };
}

/** The cluster's DNS pods, which every pod may reach. */
export const kubeDns = () => podsIn("kube-system", { "k8s-app": "kube-dns" });

/** Kong's proxy pods: the only way in from outside the cluster. */
export const kongProxy = () => podsIn(KONG.namespace, KONG_POD_LABELS);

type TelemetrySpec = PlatformSpec["telemetry"];

export const tcp = (port: number) => ({ protocol: "TCP", port });

/** Thrown when the plan lacks an address range an egress rule needs. */
export class MissingRangeError extends Error {}

function ranges(cidrs: readonly string[] | undefined, edge: EdgePlan, what: string): NetworkPolicyPeer[] {
  if (!cidrs?.length) {
    throw new MissingRangeError(
      `egress ${edge.from} → ${edge.to}@${edge.toEnvironment}: the plan has no ${what}; an empty peer list would admit every address on port ${edge.port}`,
    );
  }
  return sorted(cidrs).map((cidr) => ({ ipBlock: { cidr } }));
}

/** Peers of an edge: pods for in-cluster callees, address ranges for everything else. */
export function edgePeers(plan: EnvironmentPlan, e: EdgePlan): NetworkPolicyPeer[] {
  const s = plan.settings;
  switch (e.via) {
    case "deployment":
    case "platform":
      return [{ podSelector: { matchLabels: selectorLabels(e.to) } }];
    case "in-cluster-store":
      // The operator labels every pod of an installation with its name (the entry's).
      return [{ podSelector: { matchLabels: { [CLICKHOUSE_POD_LABEL]: e.to } } }];
    case "managed":
      return e.toEnvironment === plan.environment
        ? ranges(s.dataSubnetCidrs, e, "data subnets (dataSubnetCidrs)")
        : ranges(
            s.peerDataSubnetCidrs?.[e.toEnvironment],
            e,
            `data subnets of ${e.toEnvironment} (its stack file)`,
          );
    case "vault":
      return ranges([s.vaultCidr], e, "Vault address range (vaultCidr)");
    // An AWS API, or a third-party API: the internet's public addresses on its port, for its
    // declared callers only (none publishes fixed addresses; an external entry says so in `ranges`).
    case "aws-endpoint":
    case "external-api":
      return [{ ipBlock: { cidr: "0.0.0.0/0", except: PRIVATE_RANGES } }];
    case "gateway":
      // In the cluster: Kong's proxy pods, never out to the internet and back through the public host.
      return [kongProxy()];
  }
}

/** Who may reach a workload: its callers, Kong for public and routed ones, the scraper on the metrics port. */
export function ingressRules(w: WorkloadPlan, telemetry: TelemetrySpec): NetworkPolicyRule[] {
  const rules: NetworkPolicyRule[] = [];
  for (const caller of w.callers) {
    if (caller === "gateway") rules.push({ from: [kongProxy()], ports: [tcp(w.port.port)] });
    else
      rules.push({
        from: [{ podSelector: { matchLabels: selectorLabels(caller) } }],
        ports: [tcp(w.port.port)],
      });
  }
  if (w.metrics) {
    rules.push({
      from: [podsIn(telemetry.namespace, telemetry.scraperLabels)],
      ports: [tcp(w.metrics.port)],
    });
  }
  return rules;
}

/** What a workload may reach: exactly its planned edges, each on its port. */
export function egressRules(plan: EnvironmentPlan, w: WorkloadPlan): NetworkPolicyRule[] {
  return w.egress.map((e) => ({
    to: edgePeers(plan, e),
    ports: [tcp(e.via === "gateway" ? KONG_PROXY_HTTP.containerPort : e.port)],
  }));
}
