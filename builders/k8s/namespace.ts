/**
 * The environment's namespace and what guards it: Pod Security `restricted`, default-deny
 * NetworkPolicies with DNS and telemetry egress, the Vault reader ServiceAccount, and a quota
 * and limit range computed from the plan.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { Catalog, ResourceSpec } from "../../config/types";
import type { EnvironmentPlan } from "../../planner";
import { cpuMillis, formatCpu, formatMemory, memoryBytes } from "../../planner/quantity";
import { clickhousePods } from "./clickhouse";
import { VAULT_READER_SA } from "./external-secret";
import { meta, platformLabels, podSecurityLabels, type Typed } from "./meta";
import { kubeDns, podsIn } from "./network-policy";

/** A Namespace object with plain metadata. */
export type NamespaceObject = Typed<k8s.core.v1.NamespaceArgs, "v1", "Namespace">;
export type NetworkPolicyObject = Typed<
  k8s.networking.v1.NetworkPolicyArgs,
  "networking.k8s.io/v1",
  "NetworkPolicy"
>;

export interface NamespaceObjects {
  namespace: NamespaceObject;
  defaultDeny: NetworkPolicyObject;
  allowDns: NetworkPolicyObject;
  allowTelemetry: NetworkPolicyObject;
  vaultReader: Typed<k8s.core.v1.ServiceAccountArgs, "v1", "ServiceAccount">;
  /** Caps the namespace at what its workloads need at full scale (only where there are workloads). */
  quota?: Typed<k8s.core.v1.ResourceQuotaArgs, "v1", "ResourceQuota">;
  /** Defaults and bounds for containers that declare no resources (one-off and debug pods). */
  limits?: Typed<k8s.core.v1.LimitRangeArgs, "v1", "LimitRange">;
}

/** Room in the quota for pods outside the plan (one-off jobs), and their default size. */
export const QUOTA_HEADROOM = { pods: 10, container: { cpu: "100m", memory: "128Mi" } } as const;

/** Pods of the stores the cluster runs for the environment. */
const inClusterPods = (plan: EnvironmentPlan) =>
  plan.data?.clickhouse ? clickhousePods(plan.data.clickhouse) : [];

/**
 * What a namespace's workloads need at full scale: each at its autoscaler's maximum plus the
 * rolling update's surge (25%, rounded up), plus headroom for pods outside the plan.
 */
export function namespaceCapacity(plan: EnvironmentPlan) {
  let pods = QUOTA_HEADROOM.pods;
  let cpuRequests = QUOTA_HEADROOM.pods * cpuMillis(QUOTA_HEADROOM.container.cpu);
  let cpuLimits = cpuRequests;
  let memRequests = QUOTA_HEADROOM.pods * memoryBytes(QUOTA_HEADROOM.container.memory);
  let memLimits = memRequests;
  const add = (n: number, r: ResourceSpec) => {
    pods += n;
    cpuRequests += n * cpuMillis(r.cpu.request);
    cpuLimits += n * cpuMillis(r.cpu.limit);
    memRequests += n * memoryBytes(r.memory.request);
    memLimits += n * memoryBytes(r.memory.limit);
  };
  for (const w of plan.workloads) {
    const max = w.autoscaling?.maxReplicas ?? w.replicas;
    add(max + Math.ceil(max * 0.25), w.resources);
  }
  // Stores the cluster runs for the environment (ClickHouse and its Keeper, their backup job).
  for (const p of inClusterPods(plan)) add(p.count, p.resources);
  return { pods, cpuRequests, cpuLimits, memRequests, memLimits };
}

/** The OTLP port of the platform's telemetry endpoint. */
export function otlpPort(catalog: Catalog): number {
  const m = /:(\d+)$/.exec(catalog.platform.telemetry.otlpEndpoint);
  if (!m)
    throw new Error(
      `platform.telemetry.otlpEndpoint "${catalog.platform.telemetry.otlpEndpoint}" names no port`,
    );
  return Number(m[1]);
}

export function namespaceObjects(plan: EnvironmentPlan, catalog: Catalog): NamespaceObjects {
  const labels = platformLabels(plan.environment);
  const policy = (
    name: string,
    spec: k8s.types.input.networking.v1.NetworkPolicySpec,
  ): NetworkPolicyObject => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: meta(plan, name, labels),
    spec,
  });
  const objects: NamespaceObjects = {
    namespace: {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name: plan.namespace,
        labels: { ...labels, "ecommerce.example.com/tier": plan.tier, ...podSecurityLabels("restricted") },
      },
    },
    defaultDeny: policy("default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
    allowDns: policy("allow-dns", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [kubeDns()],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    }),
    allowTelemetry: policy("allow-telemetry", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [podsIn(catalog.platform.telemetry.namespace)],
          ports: [{ protocol: "TCP", port: otlpPort(catalog) }],
        },
      ],
    }),
    vaultReader: {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: meta(plan, VAULT_READER_SA, labels),
      automountServiceAccountToken: false,
    },
  };
  if (plan.workloads.length) {
    const cap = namespaceCapacity(plan);
    objects.quota = {
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: meta(plan, "workloads", labels),
      spec: {
        hard: {
          pods: String(cap.pods),
          "requests.cpu": formatCpu(cap.cpuRequests),
          "limits.cpu": formatCpu(cap.cpuLimits),
          "requests.memory": formatMemory(cap.memRequests),
          "limits.memory": formatMemory(cap.memLimits),
          "services.loadbalancers": "0",
          "services.nodeports": "0",
        },
      },
    };
    const sizes = [...plan.workloads.map((w) => w.resources), ...inClusterPods(plan).map((p) => p.resources)];
    const maxCpu = Math.max(...sizes.map((r) => cpuMillis(r.cpu.limit)));
    const maxMem = Math.max(...sizes.map((r) => memoryBytes(r.memory.limit)));
    objects.limits = {
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: meta(plan, "container-defaults", labels),
      spec: {
        limits: [
          {
            type: "Container",
            default: { ...QUOTA_HEADROOM.container },
            defaultRequest: { ...QUOTA_HEADROOM.container },
            max: { cpu: formatCpu(maxCpu), memory: formatMemory(maxMem) },
          },
        ],
      },
    };
  }
  return objects;
}
