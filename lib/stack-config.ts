/**
 * Reads a `Pulumi.<stack>.yaml` the way the Pulumi CLI hands it to the program: a flat map of
 * `namespace:key` → value, with `secure:` values kept apart (they are never decrypted here).
 */
import * as fs from "node:fs";
import { parse } from "yaml";
import type { Catalog } from "../config/types";
import {
  checkSettingsAgainstCatalog,
  peerEnvironments,
  reachingEnvironments,
} from "../planner/settings-check";
import {
  parseStackSettings,
  PROJECT_NAMESPACE,
  type PeerSettings,
  type SettingsProblem,
  type StackSettings,
} from "../planner/settings";
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
  const doc = (parse(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  const values: Record<string, unknown> = {};
  const secureKeys: string[] = [];
  for (const [k, v] of Object.entries(doc.config ?? {})) {
    if (v && typeof v === "object" && !Array.isArray(v) && "secure" in v) secureKeys.push(fullKey(k));
    else values[fullKey(k)] = v;
  }
  return { path: file, values, secureKeys: secureKeys.sort() };
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
    const file = stackFilePath(peer, dir);
    const why = reached.has(peer)
      ? `${stack} reaches ${peer}'s data stores`
      : `${peer} reaches ${stack}'s data stores`;
    if (!fs.existsSync(file)) {
      problems.push({
        key: `Pulumi.${peer}.yaml`,
        message: `is missing, and ${why} (declared cross-environment needs)`,
      });
      continue;
    }
    const own = parseStackSettings(readStackConfig(peer, dir).values).partial;
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
  const peers = peerDataSubnets(stack, catalog, dir);
  const all = [...problems, ...checkSettingsAgainstCatalog(partial, stack, catalog), ...peers.problems];
  if (!settings || all.length) return { problems: all };
  return {
    settings: {
      ...settings,
      ...(Object.keys(peers.cidrs).length ? { peerDataSubnetCidrs: peers.cidrs } : {}),
      ...(Object.keys(peers.peers).length ? { peers: peers.peers } : {}),
    },
    problems: [],
  };
}
