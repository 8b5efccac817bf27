/**
 * Reads a `Pulumi.<stack>.yaml` the way the Pulumi CLI hands it to the program: a flat map of
 * `namespace:key` → value, with `secure:` values kept apart (they are never decrypted here).
 */
import * as fs from "node:fs";
import { parse } from "yaml";
import type { Catalog } from "../config/types";
import {
  checkSettingsAgainstCatalog,
  tierOverlapProblems,
  peerEnvironments,
  reachingEnvironments,
} from "../planner/settings-check";
import {
  parseStackSettings,
  PROJECT_NAMESPACE,
  STACK_CONFIG_KEYS,
  StackSettingsError,
  type PeerSettings,
  type SettingsProblem,
  type StackSettings,
} from "../planner/settings";
import { unknownKeyProblems } from "../planner/settings-keys";
import { stackFilePath } from "./project";

export interface StackConfigFile {
  path: string;
  /** Plain values, by full key (`aws:region`, `ecommerce-platform:vaultAddress`). */
  values: Record<string, unknown>;
  /** Keys stored encrypted (`secure: v1:…`). */
  secureKeys: string[];
}

/** Full key: keys without a namespace belong to the project. */
export function fullKey(key: string): string {
  return key.includes(":") ? key : `${PROJECT_NAMESPACE}:${key}`;
}

export function readStackConfig(stack: string, dir?: string): StackConfigFile {
  const file = stackFilePath(stack, dir);
  if (!fs.existsSync(file)) throw new Error(`no stack settings file ${file}`);
  const config = parsedConfig(fs.readFileSync(file, "utf8"));
  const values: Record<string, unknown> = {};
  const secureKeys: string[] = [];
  for (const [k, v] of Object.entries(config)) {
    if (v && typeof v === "object" && !Array.isArray(v) && "secure" in v) secureKeys.push(fullKey(k));
    else values[fullKey(k)] = v;
  }
  return { path: file, values, secureKeys: secureKeys.sort() };
}

/**
 * A stack file's `config`, parsed once per distinct text: a plan reads each file several times
 * (the stack's own settings, its peers' subnets, the zone owner's, every environment's
 * monitoring). Keyed by the text itself, so an edited file is parsed again; each caller gets its
 * own copy.
 */
const parsed = new Map<string, Record<string, unknown>>();
function parsedConfig(text: string): Record<string, unknown> {
  let config = parsed.get(text);
  if (!config) {
    const doc = (parse(text) ?? {}) as { config?: Record<string, unknown> };
    config = doc.config ?? {};
    // A bound on what a long session keeps (a plan has a handful of files).
    if (parsed.size >= 64) parsed.clear();
    parsed.set(text, config);
  }
  return structuredClone(config);
}

/** The valid settings of another stack, read from its own file; undefined when it has none. */
function otherStackSettings(stack: string, dir?: string): Partial<StackSettings> | undefined {
  if (!fs.existsSync(stackFilePath(stack, dir))) return undefined;
  try {
    return parseStackSettings(readStackConfig(stack, dir).values).partial;
  } catch (err) {
    // Another stack's broken file stops this one too (it reads its ranges, its Vault address), by name.
    throw new StackSettingsError(stack, [
      { key: `Pulumi.${stack}.yaml`, message: `cannot be read: ${(err as Error).message.split("\n")[0]}` },
    ]);
  }
}

/**
 * Data subnets of the environments a stack reaches through declared cross-environment needs,
 * read from those stacks' own settings files (one source of truth: nothing is copied between
 * stack files).
 */
export function peerDataSubnets(
  stack: string,
  catalog: Catalog,
  dir?: string,
): { cidrs: Record<string, string[]>; peers: Record<string, PeerSettings>; problems: SettingsProblem[] } {
  const cidrs: Record<string, string[]> = {};
  const peers: Record<string, PeerSettings> = {};
  const problems: SettingsProblem[] = [];
  const reached = new Set(peerEnvironments(stack, catalog));
  const all = [...new Set([...reached, ...reachingEnvironments(stack, catalog)])].sort();
  for (const peer of all) {
    const why = reached.has(peer)
      ? `${stack} reaches ${peer}'s data stores`
      : `${peer} reaches ${stack}'s data stores`;
    const own = otherStackSettings(peer, dir);
    if (!own) {
      problems.push({
        key: `Pulumi.${peer}.yaml`,
        message: `is missing, and ${why} (declared cross-environment needs)`,
      });
      continue;
    }
    const missing = [
      ...(reached.has(peer) && !own.dataSubnetCidrs ? ["dataSubnetCidrs"] : []),
      ...(!own.clusterNodeCidrs ? ["clusterNodeCidrs"] : []),
      ...(!own.awsAccountId ? ["awsAccountId"] : []),
    ];
    if (!own.awsRegion) missing.push("aws:region");
    if (missing.length) {
      problems.push({
        key: `Pulumi.${peer}.yaml`,
        message: `has no valid ${missing.map((m) => (m.includes(":") ? m : `${PROJECT_NAMESPACE}:${m}`)).join(", ")}, and ${why}`,
      });
      continue;
    }
    if (reached.has(peer)) cidrs[peer] = own.dataSubnetCidrs!;
    peers[peer] = {
      awsRegion: own.awsRegion!,
      awsAccountId: own.awsAccountId!,
      clusterNodeCidrs: own.clusterNodeCidrs!,
    };
  }
  return { cidrs, peers, problems };
}

/**
 * The settings of a region's Cloudflare zone (its id): set in the zone owner's stack file only;
 * every other stack of the region reads them from there.
 */
export function zoneOwnerSettings(
  stack: string,
  values: Readonly<Record<string, unknown>>,
  catalog: Catalog,
  dir?: string,
): { values: Partial<StackSettings>; problems: SettingsProblem[] } {
  const region = catalog.environments[stack]?.region;
  const owner = region === undefined ? undefined : catalog.regions[region]?.zone?.owner;
  const keys = STACK_CONFIG_KEYS.filter((k) => k.zoneOwnerOnly);
  if (owner === undefined || !(owner in catalog.environments)) return { values: {}, problems: [] };
  const problems: SettingsProblem[] = [];
  if (owner === stack) {
    for (const k of keys)
      if (values[k.key] === undefined)
        problems.push({
          key: k.key,
          message: `is not set: ${k.description} (${stack} owns region ${region}'s zone)`,
        });
    return { values: {}, problems };
  }
  for (const k of keys)
    if (values[k.key] !== undefined)
      problems.push({
        key: k.key,
        message: `belongs to the zone's owner: remove it here, ${stack} reads it from Pulumi.${owner}.yaml`,
      });
  const own = otherStackSettings(owner, dir);
  if (!own) {
    problems.push({
      key: `Pulumi.${owner}.yaml`,
      message: `is missing, and ${stack} reads region ${region}'s zone settings from it`,
    });
    return { values: {}, problems };
  }
  const out: Partial<Record<keyof StackSettings, unknown>> = {};
  for (const k of keys) {
    const v = own[k.field as keyof StackSettings];
    if (v === undefined)
      problems.push({
        key: `Pulumi.${owner}.yaml`,
        message: `has no valid ${k.key}, and ${stack} reads region ${region}'s zone settings from it`,
      });
    else out[k.field as keyof StackSettings] = v;
  }
  return { values: out as Partial<StackSettings>, problems };
}

/**
 * A stack's settings from its config values (as `pulumi.Config` or a stack file gives them):
 * parsed, cross-checked with the catalog, with the peers' data subnets added; or every problem.
 * The program and the offline `plan` both resolve settings through here.
 */
export function resolveStackSettings(
  stack: string,
  values: Readonly<Record<string, unknown>>,
  catalog: Catalog,
  dir?: string,
): { settings?: StackSettings; problems: SettingsProblem[] } {
  const { settings, partial, problems } = parseStackSettings(values);
  // Every key the stack sets, in its file (secure ones included) and as given: none unknown.
  const file = fs.existsSync(stackFilePath(stack, dir)) ? readStackConfig(stack, dir) : undefined;
  const keys = new Set([
    ...Object.keys(values),
    ...Object.keys(file?.values ?? {}),
    ...(file?.secureKeys ?? []),
  ]);
  problems.push(...unknownKeyProblems([...keys]));
  // Every other stack's settings, each read from its own file once.
  const otherSettings = new Map(
    Object.keys(catalog.environments)
      .filter((e) => e !== stack)
      .map((e) => [e, otherStackSettings(e, dir)] as const),
  );
  // Production and non-production data subnets never overlap.
  const others: Record<string, string[]> = {};
  for (const [e, o] of otherSettings) if (o?.dataSubnetCidrs) others[e] = o.dataSubnetCidrs;
  problems.push(...tierOverlapProblems(stack, partial.dataSubnetCidrs, others, catalog));
  // The cluster's add-on owner makes each environment's ClusterSecretStore with that environment's Vault address.
  const env = catalog.environments[stack];
  const clusterVaultAddresses: Record<string, string> = {};
  const clusterVaultCaBundles: Record<string, string> = {};
  // A private CA for External Secrets needs the same CA for the Vault provider (a file, on the runner).
  if (partial.vaultCaBundle && !keys.has("vault:caCertFile"))
    problems.push({
      key: "vault:caCertFile",
      message:
        "is not set, but vaultCaBundle is: the Vault provider needs the CA too (pulumi config set vault:caCertFile /path/to/vault-ca.pem)",
    });
  if (env && catalog.clusters[env.cluster]?.addonOwner === stack)
    for (const e of Object.keys(catalog.environments))
      if (e !== stack && catalog.environments[e]!.cluster === env.cluster) {
        const other = otherSettings.get(e);
        const address = other?.vaultAddress;
        if (other?.vaultCaBundle) clusterVaultCaBundles[e] = other.vaultCaBundle;
        if (address) clusterVaultAddresses[e] = address;
        else
          problems.push({
            key: "stack",
            message: `${e} runs on ${env.cluster} but its stack file sets no valid vaultAddress, which its ClusterSecretStore needs`,
          });
      }
  const peers = peerDataSubnets(stack, catalog, dir);
  const zone = zoneOwnerSettings(stack, values, catalog, dir);
  const all = [
    ...problems,
    ...checkSettingsAgainstCatalog(partial, stack, catalog),
    ...peers.problems,
    ...zone.problems,
  ];
  if (!settings || all.length) return { problems: all };
  return {
    settings: {
      ...settings,
      ...zone.values,
      ...(Object.keys(peers.cidrs).length ? { peerDataSubnetCidrs: peers.cidrs } : {}),
      ...(Object.keys(peers.peers).length ? { peers: peers.peers } : {}),
      ...(Object.keys(clusterVaultAddresses).length ? { clusterVaultAddresses } : {}),
      ...(Object.keys(clusterVaultCaBundles).length ? { clusterVaultCaBundles } : {}),
    },
    problems: [],
  };
}
