/**
 * The NetworkPolicies of the central monitoring services: in a namespace that denies everything
 * by default, exactly the paths between them, from Kong (the UIs and the ingest host's routes),
 * and out to the OIDC provider and the receivers (PagerDuty, Slack). Pure.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { Catalog } from "../../config/types";
import type { CentralMonitoringPlan, EnvironmentPlan } from "../../planner";
import { GRAFANA_PORT, serviceLabels } from "./central-values";
import { meta, platformLabels, type Typed } from "../k8s/meta";
import { kongProxy, PRIVATE_RANGES, tcp, type NetworkPolicyRule } from "../k8s/network-policy";

export type PolicyObject = Typed<
  k8s.networking.v1.NetworkPolicyArgs,
  "networking.k8s.io/v1",
  "NetworkPolicy"
>;

const INTERNET = { ipBlock: { cidr: "0.0.0.0/0", except: PRIVATE_RANGES } };

export function centralPolicies(
  plan: EnvironmentPlan,
  catalog: Catalog,
  c: CentralMonitoringPlan,
): Record<string, PolicyObject> {
  const labels = platformLabels(plan.environment);
  const s = c.services;
  const pods = (entry: string) => ({ podSelector: { matchLabels: serviceLabels(entry) } });
  /** Kong on the service's ingest ports; none where it has no route (an empty port list would admit every port). */
  const fromIngest = (svc: string): NetworkPolicyRule[] => {
    const ports = Object.values(c.ingest.routes)
      .filter((r) => r.service === svc)
      .map((r) => tcp(r.port));
    return ports.length ? [{ from: [kongProxy()], ports }] : [];
  };
  // The Kubernetes API: Grafana's dashboard sidecar lists ConfigMaps, Prometheus discovers its Alertmanager.
  const kubernetesApi: NetworkPolicyRule = {
    to: plan.settings.clusterNodeCidrs.map((cidr) => ({ ipBlock: { cidr } })),
    ports: [tcp(443)],
  };
  const policy = (name: string, ingress: NetworkPolicyRule[], egress: NetworkPolicyRule[]): PolicyObject => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: meta(plan, `${name}-traffic`, labels),
    spec: { podSelector: pods(name).podSelector, policyTypes: ["Ingress", "Egress"], ingress, egress },
  });
  const grafanaPort = GRAFANA_PORT;
  const policies: Record<string, PolicyObject> = {
    grafana: policy(
      "grafana",
      [{ from: [kongProxy()], ports: [tcp(grafanaPort)] }],
      [
        ...(["prometheus", "alertmanager", "loki", "tempo"] as const).map((x) => ({
          to: [pods(x)],
          ports: [tcp(s[x].port)],
        })),
        // The OIDC provider's token and user-info endpoints; the sidecar's Kubernetes API.
        { to: [INTERNET], ports: [tcp(443)] },
        kubernetesApi,
      ],
    ),
    prometheus: policy(
      "prometheus",
      [
        ...fromIngest("prometheus"),
        {
          from: [pods("grafana"), ...c.sso.clients.filter((x) => x.proxy).map((x) => pods(x.proxy!.service))],
          ports: [tcp(s.prometheus.port)],
        },
      ],
      [{ to: [pods("alertmanager")], ports: [tcp(s.alertmanager.port)] }, kubernetesApi],
    ),
    alertmanager: policy(
      "alertmanager",
      [
        ...fromIngest("alertmanager"),
        { from: [pods("prometheus"), pods("grafana")], ports: [tcp(s.alertmanager.port)] },
        // The replicas gossip to each other.
        { from: [pods("alertmanager")], ports: [tcp(9094), { protocol: "UDP", port: 9094 }] },
      ],
      [
        { to: [pods("alertmanager")], ports: [tcp(9094), { protocol: "UDP", port: 9094 }] },
        // PagerDuty and Slack.
        { to: [INTERNET], ports: [tcp(443)] },
      ],
    ),
    loki: policy("loki", [...fromIngest("loki"), { from: [pods("grafana")], ports: [tcp(s.loki.port)] }], []),
    tempo: policy(
      "tempo",
      [...fromIngest("tempo"), { from: [pods("grafana")], ports: [tcp(s.tempo.port)] }],
      [],
    ),
  };
  for (const client of c.sso.clients.filter((x) => x.proxy)) {
    const p = client.proxy!;
    policies[p.service] = policy(
      p.service,
      [{ from: [kongProxy()], ports: [tcp(p.port)] }],
      [
        { to: [pods(client.entry)], ports: [tcp(catalog.entries[client.entry]!.port)] },
        { to: [INTERNET], ports: [tcp(443)] },
      ],
    );
  }

  return policies;
}
