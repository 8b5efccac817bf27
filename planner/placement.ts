/** Which environments run an entry. */
import type { Catalog, EntrySpec } from "../config/types";
import { sorted } from "./naming";

/** Environments an entry is placed in, sorted; unknown names in a list are kept (validation reports them). */
export function placementOf(entry: Pick<EntrySpec, "placement">, catalog: Catalog): string[] {
  const p = entry.placement;
  if (p === "regional" || p === "shared") {
    return sorted(Object.keys(catalog.environments).filter((e) => catalog.environments[e]!.role === p));
  }
  return Array.isArray(p) ? sorted(new Set<string>(p as readonly string[])) : [];
}

/** Entry names placed in one environment, sorted. */
export function entriesIn(environment: string, catalog: Catalog): string[] {
  return sorted(
    Object.keys(catalog.entries).filter((n) =>
      placementOf(catalog.entries[n]!, catalog).includes(environment),
    ),
  );
}

/** Environments hosted on a cluster, sorted. */
export function environmentsOnCluster(cluster: string, catalog: Catalog): string[] {
  return sorted(
    Object.keys(catalog.environments).filter((e) => catalog.environments[e]!.cluster === cluster),
  );
}
