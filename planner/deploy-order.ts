/**
 * Which stacks read which (through their `platform` outputs), and the order of a first
 * deployment that follows: the monitoring stack (its ingest host), then each cluster's add-on
 * owner (its ingress load balancer, its collectors shipping to the monitoring stack), then the
 * rest. Pure.
 */
import type { Catalog } from "../config/types";
import { monitoringEnvironment } from "./monitoring-central";
import { sorted } from "./naming";

/** The stacks whose outputs a stack reads: its cluster's add-on owner; an owner, the monitoring stack. */
export function stacksReadBy(catalog: Catalog, stack: string): string[] {
  const cluster = catalog.environments[stack]?.cluster;
  const owner = cluster ? catalog.clusters[cluster]?.addonOwner : undefined;
  if (!owner || !Object.hasOwn(catalog.environments, owner)) return [];
  if (owner !== stack) return [owner];
  const monitoring = monitoringEnvironment(catalog);
  return monitoring && monitoring !== stack ? [monitoring] : [];
}

/**
 * `stacks` with every stack after those it reads (ties in name order); throws on a cycle. With
 * `withReads`, the stacks they read (transitively) are in the order too.
 */
export function deploymentOrder(catalog: Catalog, stacks: readonly string[], withReads = false): string[] {
  const out: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (s: string, path: string[]) => {
    if (state.get(s) === "done") return;
    if (state.get(s) === "visiting")
      throw new Error(`stacks read each other in a cycle: ${[...path, s].join(" → ")}`);
    state.set(s, "visiting");
    for (const r of stacksReadBy(catalog, s)) visit(r, [...path, s]);
    state.set(s, "done");
    out.push(s);
  };
  for (const s of sorted(stacks)) visit(s, []);
  if (withReads) return out;
  const asked = new Set(stacks);
  return out.filter((s) => asked.has(s));
}
