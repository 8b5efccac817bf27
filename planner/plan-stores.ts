/** The data stores of an environment: engine, sizing by tier, backups, consumers. */
import type { Catalog, EnvironmentSpec } from "../config/types";
import { hostingOf } from "./kinds";
import { sorted } from "./naming";
import type { DataStorePlan, EdgePlan } from "./plan-types";
import { placementOf } from "./placement";
import { vaultLocation } from "./secrets";

/** Every entry with store settings placed in the environment, in name order. */
export function planDataStores(
  catalog: Catalog,
  environment: string,
  env: EnvironmentSpec,
  names: readonly string[],
  sortedEdges: readonly EdgePlan[],
): DataStorePlan[] {
  const dataStores: DataStorePlan[] = [];
  const remoteConsumersOf = (store: string): string[] => {
    const out: string[] = [];
    for (const [n, e] of Object.entries(catalog.entries)) {
      for (const x of e.crossEnvironmentNeeds ?? []) {
        if (x.entry !== store || !x.environments.includes(environment)) continue;
        for (const from of placementOf(e, catalog)) if (from !== environment) out.push(`${n}@${from}`);
      }
    }
    return sorted(new Set(out));
  };
  for (const n of names) {
    const e = catalog.entries[n]!;
    if (!e.store) continue;
    dataStores.push({
      name: n,
      kind: e.kind,
      description: e.description,
      owner: e.owner,
      hosting: hostingOf(e),
      engineVersion: e.store.engineVersion,
      sizing: e.store.sizing[env.tier],
      encrypted: e.store.encrypted,
      backupRetentionDays: e.store.backupRetentionDays[env.tier],
      deletionProtection: env.tier === "production",
      port: e.port,
      protocol: e.protocol,
      connections: (e.provides ?? []).map((p) => ({
        env: p.env,
        vault: vaultLocation(p.ref, environment, catalog),
      })),
      consumers: sorted(
        new Set(sortedEdges.filter((x) => x.to === n && x.toEnvironment === environment).map((x) => x.from)),
      ),
      remoteConsumers: remoteConsumersOf(n),
    });
  }
  return dataStores;
}
