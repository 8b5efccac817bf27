/** How many pods a workload runs in an environment, and how far its autoscaler may take it. */
import type { EntrySpec, EnvironmentSpec } from "../config/types";

/** Replicas: the entry's own minimum, or the environment's; at least one. */
export function replicasOf(
  entry: Pick<EntrySpec, "replicas">,
  env: Pick<EnvironmentSpec, "replicas">,
): number {
  return Math.max(entry.replicas ?? env.replicas, 1);
}

/** The autoscaler of production and staging workloads (none in development). */
export function autoscalingOf(replicas: number, env: Pick<EnvironmentSpec, "tier">) {
  if (env.tier !== "production" && env.tier !== "staging") return undefined;
  return { minReplicas: replicas, maxReplicas: Math.max(replicas * 3, replicas + 2), targetCpuPercent: 70 };
}

/** Pods at full scale: the autoscaler's maximum, or the fixed replica count. */
export function maxPodsOf(
  entry: Pick<EntrySpec, "replicas">,
  env: Pick<EnvironmentSpec, "replicas" | "tier">,
): number {
  const replicas = replicasOf(entry, env);
  return autoscalingOf(replicas, env)?.maxReplicas ?? replicas;
}
