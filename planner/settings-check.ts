/** Cross-checks between a stack's settings and the catalog's design of its environment. */
import type { Catalog } from "../config/types";
import { placementOf } from "./placement";
import type { SettingsProblem, StackSettings } from "./settings";

export function checkSettingsAgainstCatalog(settings: Partial<StackSettings>, environment: string, catalog: Catalog): SettingsProblem[] {
  const env = catalog.environments[environment];
  if (!env) return [{ key: "stack", message: `"${environment}" is not an environment of the catalog` }];
  const problems: SettingsProblem[] = [];
  const region = settings.awsRegion;
  const zones = catalog.clusters[env.cluster]?.zones ?? [];
  const off = region === undefined ? [] : zones.filter((z) => !z.startsWith(region));
  if (off.length) problems.push({ key: "aws:region", message: `is ${region}, but cluster ${env.cluster} runs in zones ${off.join(", ")}` });

  const peers = peerEnvironments(environment, catalog);
  const given = settings.peerDataSubnetCidrs ?? {};
  const missing = peers.filter((p) => !given[p]);
  if (missing.length) {
    problems.push({
      key: "ecommerce-platform:peerDataSubnetCidrs",
      message: `has no data subnets for ${missing.join(", ")}, which ${environment} reaches across environments (set them to those stacks' dataSubnetCidrs)`,
    });
  }
  const extra = Object.keys(given).filter((p) => !peers.includes(p));
  if (extra.length) {
    problems.push({ key: "ecommerce-platform:peerDataSubnetCidrs", message: `lists ${extra.join(", ")}, which ${environment} does not reach: remove them` });
  }
  return problems;
}

/** Environments whose data stores this one reaches through declared cross-environment needs. */
export function peerEnvironments(environment: string, catalog: Catalog): string[] {
  const out = new Set<string>();
  for (const e of Object.values(catalog.entries)) {
    if (!placementOf(e, catalog).includes(environment)) continue;
    for (const x of e.crossEnvironmentNeeds ?? []) for (const o of x.environments) if (o !== environment) out.add(o);
  }
  return [...out].sort();
}

/**
 * Stack files that disagree with each other: a peer's subnets as another stack lists them must be
 * that peer's own `dataSubnetCidrs`.
 */
export function checkPeerAgreement(all: Readonly<Record<string, Partial<StackSettings>>>): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  for (const [stack, s] of Object.entries(all).sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const [peer, cidrs] of Object.entries(s.peerDataSubnetCidrs ?? {})) {
      const own = all[peer]?.dataSubnetCidrs;
      if (own && JSON.stringify([...cidrs].sort()) !== JSON.stringify([...own].sort())) {
        problems.push({
          key: "ecommerce-platform:peerDataSubnetCidrs",
          message: `of ${stack} lists ${cidrs.join(", ")} for ${peer}, but Pulumi.${peer}.yaml has ${own.join(", ")}`,
        });
      }
    }
  }
  return problems;
}
