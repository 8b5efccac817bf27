/** Cross-checks between a stack's settings and the catalog's design of its environment. */
import type { Catalog } from "../config/types";
import { residencyOf } from "./aws-regions";
import { contains, isPrivate, overlaps, parseCidr, SHARED_SPACE } from "./cidr";
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
  const ids = settings.dataSubnetIds;
  const cidrs = settings.dataSubnetCidrs;
  if (ids && cidrs && ids.length !== cidrs.length) {
    problems.push({
      key: "ecommerce-platform:dataSubnetIds",
      message: `lists ${ids.length} subnets but dataSubnetCidrs lists ${cidrs.length}: give one id per data subnet, in the same order`,
    });
  }
  if (ids && (ids.length < 2 || ids.length > zones.length)) {
    problems.push({
      key: "ecommerce-platform:dataSubnetIds",
      message: `lists ${ids.length} subnets: RDS, ElastiCache, OpenSearch and MSK need one subnet in each of 2 to ${zones.length} zones of cluster ${env.cluster} (${zones.join(", ")})`,
    });
  }
  if (ids && new Set(ids).size !== ids.length) {
    problems.push({
      key: "ecommerce-platform:dataSubnetIds",
      message: "names a subnet twice: one subnet per zone",
    });
  }
  const residency = catalog.regions[env.region]?.residency;
  if (region !== undefined && residency !== undefined && residencyOf(region) !== residency) {
    problems.push({
      key: "aws:region",
      message: `is ${region}, outside region ${env.region}'s data residency ${residency}`,
    });
  }
  const dr = catalog.regions[env.region]?.disasterRecoveryRegion;
  if (region !== undefined && dr === region) {
    problems.push({
      key: "aws:region",
      message: `is ${region}, the same as region ${env.region}'s disaster-recovery region: backups must be copied elsewhere`,
    });
  }
  if (ids) {
    for (const [name, e] of Object.entries(catalog.entries)) {
      const brokers = e.kind === "kafka" ? e.store?.sizing[env.tier]?.nodes : undefined;
      if (brokers === undefined || !placementOf(e, catalog).includes(environment)) continue;
      if (brokers % ids.length !== 0) {
        problems.push({
          key: "ecommerce-platform:dataSubnetIds",
          message: `lists ${ids.length} subnets, but ${name} runs ${brokers} brokers in ${env.tier}: MSK needs a multiple of the subnets`,
        });
      }
    }
  }
  if (off.length)
    problems.push({
      key: "aws:region",
      message: `is ${region}, but cluster ${env.cluster} runs in zones ${off.join(", ")}`,
    });
  problems.push(...rangeProblems(settings));
  return problems;
}

/**
 * The ranges that open the stores, Vault and the cluster to their callers must be private
 * (RFC 1918): 0.0.0.0/0 or a public range would admit the world on the stores' ports.
 */
export function rangeProblems(settings: Partial<StackSettings>): SettingsProblem[] {
  const out: SettingsProblem[] = [];
  const lists: [string, readonly string[] | undefined][] = [
    ["ecommerce-platform:vaultCidr", settings.vaultCidr ? [settings.vaultCidr] : undefined],
    ["ecommerce-platform:dataSubnetCidrs", settings.dataSubnetCidrs],
    ["ecommerce-platform:clusterNodeCidrs", settings.clusterNodeCidrs],
  ];
  for (const [key, cidrs] of lists)
    for (const c of cidrs ?? []) {
      const r = parseCidr(c);
      // Node and pod ranges may also be in the shared space (100.64.0.0/10) EKS custom networking uses.
      const allowed = r && (isPrivate(r) || (key.endsWith("clusterNodeCidrs") && contains(SHARED_SPACE, r)));
      if (r && !allowed)
        out.push({
          key,
          message: `${c} is not a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16): it would open the stores and Vault to every address in it`,
        });
    }
  return out;
}

/** Data subnets a production environment shares with a non-production one (either way). */
export function tierOverlapProblems(
  environment: string,
  own: readonly string[] | undefined,
  others: Readonly<Record<string, readonly string[]>>,
  catalog: Catalog,
): SettingsProblem[] {
  const tier = catalog.environments[environment]?.tier;
  const out: SettingsProblem[] = [];
  for (const [other, cidrs] of Object.entries(others)) {
    const otherTier = catalog.environments[other]?.tier;
    if (
      other === environment ||
      !tier ||
      !otherTier ||
      (tier === "production") === (otherTier === "production")
    )
      continue;
    for (const a of own ?? [])
      for (const b of cidrs) {
        const [ra, rb] = [parseCidr(a), parseCidr(b)];
        if (ra && rb && overlaps(ra, rb))
          out.push({
            key: "ecommerce-platform:dataSubnetCidrs",
            message: `${a} overlaps ${b}, a data subnet of ${other} (${otherTier}): production and non-production data never share a subnet`,
          });
      }
  }
  return out;
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

/** Environments whose entries reach this one's data stores through declared cross-environment needs. */
export function reachingEnvironments(environment: string, catalog: Catalog): string[] {
  const out = new Set<string>();
  for (const e of Object.values(catalog.entries)) {
    if (!(e.crossEnvironmentNeeds ?? []).some((x) => x.environments.includes(environment))) continue;
    for (const from of placementOf(e, catalog)) if (from !== environment) out.add(from);
  }
  return [...out].sort();
}
