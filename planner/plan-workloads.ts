/** The workloads of an environment: replicas, ports, probes, env vars, callers, scaling. */
import type { Catalog, EnvironmentSpec, Protocol } from "../config/types";
import { deriveEnv } from "./env-vars";
import { hostingOf } from "./kinds";
import { clusterHost, sorted } from "./naming";
import type { EdgePlan, PortPlan, PublicHostPlan, WorkloadPlan } from "./plan-types";
import { autoscalingOf, replicasOf } from "./scale";
import type { StackSettings } from "./settings";

export interface WorkloadContext {
  catalog: Catalog;
  environment: string;
  env: EnvironmentSpec;
  settings: StackSettings;
  /** Entries placed in the environment, sorted. */
  names: readonly string[];
  /** The environment's edges, sorted. */
  edges: readonly EdgePlan[];
  /** Public hosts by entry. */
  hostByEntry: ReadonlyMap<string, PublicHostPlan>;
  /** Services the gateway routes to. */
  routedByGateway: ReadonlySet<string>;
}

/** Every Deployment-hosted entry placed in the environment, in name order. */
export function planWorkloads(ctx: WorkloadContext): WorkloadPlan[] {
  const { catalog, environment, env, settings, names, hostByEntry, routedByGateway } = ctx;
  const sortedEdges = ctx.edges;
  const workloads: WorkloadPlan[] = [];
  for (const n of names) {
    const e = catalog.entries[n]!;
    if (hostingOf(e) !== "deployment") continue;
    const replicas = replicasOf(e, env);
    const autoscaling = autoscalingOf(replicas, env);
    const callers = sorted(
      new Set([
        ...sortedEdges
          .filter(
            (x) =>
              x.to === n &&
              x.toEnvironment === environment &&
              hostingOf(catalog.entries[x.from]!) === "deployment",
          )
          .map((x) => x.from),
        ...(hostByEntry.has(n) || routedByGateway.has(n) ? ["gateway"] : []),
      ]),
    );
    const { vars } = deriveEnv(catalog, n, environment, { vaultAddress: settings.vaultAddress });
    const ports: PortPlan[] = sorted(
      [
        { name: e.protocol === "grpc" ? "grpc" : "http", port: e.port, protocol: e.protocol },
        ...(e.extraPorts ?? []).map((p) => ({ ...p })),
        ...(e.metrics ? [{ name: "metrics", port: e.metrics.port, protocol: "http" as Protocol }] : []),
      ],
      (p) => p.name,
    );
    workloads.push({
      name: n,
      kind: e.kind,
      description: e.description,
      owner: e.owner,
      image: `${e.image!.repository}:${e.image!.tag}`,
      replicas,
      resources: e.resources!,
      port: { name: e.protocol === "grpc" ? "grpc" : "http", port: e.port, protocol: e.protocol },
      ports,
      health: {
        liveness: e.health!.liveness,
        readiness: e.health!.readiness,
        startupSeconds: e.health!.startupSeconds ?? 60,
      },
      ...(e.metrics ? { metrics: { port: e.metrics.port, path: e.metrics.path } } : {}),
      service: callers.length > 0,
      ...(callers.length > 0 ? { serviceHost: clusterHost(n, environment) } : {}),
      callers,
      ...(hostByEntry.has(n) ? { public: hostByEntry.get(n)! } : {}),
      env: vars,
      vaultPolicyPaths: sorted(new Set(vars.flatMap((v) => (v.secret ? [v.secret.policyPath] : [])))),
      egress: sortedEdges.filter((x) => x.from === n),
      ...(autoscaling ? { autoscaling } : {}),
      ...(replicas >= 2 ? { disruptionBudget: { maxUnavailable: 1 } } : {}),
      needsKubernetesApi: e.needsKubernetesApi ?? false,
    });
  }
  return workloads;
}
