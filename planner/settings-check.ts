/** Cross-checks between a stack's settings and the catalog's design of its environment. */
import type { Catalog } from "../config/types";
import type { SettingsProblem, StackSettings } from "./settings";

export function checkSettingsAgainstCatalog(settings: Partial<StackSettings>, environment: string, catalog: Catalog): SettingsProblem[] {
  const env = catalog.environments[environment];
  if (!env) return [{ key: "stack", message: `"${environment}" is not an environment of the catalog` }];
  const region = settings.awsRegion;
  if (region === undefined) return [];
  const zones = catalog.clusters[env.cluster]?.zones ?? [];
  const off = zones.filter((z) => !z.startsWith(region));
  return off.length
    ? [{ key: "aws:region", message: `is ${region}, but cluster ${env.cluster} runs in zones ${off.join(", ")}` }]
    : [];
}
