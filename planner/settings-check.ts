/** Cross-checks between a stack's settings and the catalog's design of its environment. */
import type { Catalog } from "../config/types";
import { placementOf } from "./placement";
import type { SettingsProblem, StackSettings } from "./settings";

export function checkSettingsAgainstCatalog(
  settings: Partial<StackSettings>,
  environment: string,
  catalog: Catalog,
): SettingsProblem[] {
  const env = catalog.environments[environment];
  if (!env) return [{ key: "stack", message: `"${environment}" is not an environment of the catalog` }];
  const problems: SettingsProblem[] = [];
  const region = settings.awsRegion;
  const zones = catalog.clusters[env.cluster]?.zones ?? [];
  const off = region === undefined ? [] : zones.filter((z) => !z.startsWith(region));
  if (off.length)
    problems.push({
      key: "aws:region",
      message: `is ${region}, but cluster ${env.cluster} runs in zones ${off.join(", ")}`,
    });
  return problems;
}

/** Environments whose data stores this one reaches through declared cross-environment needs. */
export function peerEnvironments(environment: string, catalog: Catalog): string[] {
  const out = new Set<string>();
  for (const e of Object.values(catalog.entries)) {
    if (!placementOf(e, catalog).includes(environment)) continue;
    for (const x of e.crossEnvironmentNeeds ?? [])
      for (const o of x.environments) if (o !== environment) out.add(o);
  }
  return [...out].sort();
}
