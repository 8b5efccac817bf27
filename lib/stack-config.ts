/**
 * Reads a `Pulumi.<stack>.yaml` the way the Pulumi CLI hands it to the program: a flat map of
 * `namespace:key` → value, with `secure:` values kept apart (they are never decrypted here).
 */
import * as fs from "node:fs";
import { parse } from "yaml";
import type { Catalog } from "../config/types";
import { peerEnvironments } from "../planner/settings-check";
import { parseStackSettings, PROJECT_NAMESPACE, type SettingsProblem } from "../planner/settings";
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
export function peerDataSubnets(stack: string, catalog: Catalog, dir?: string): { cidrs: Record<string, string[]>; problems: SettingsProblem[] } {
  const cidrs: Record<string, string[]> = {};
  const problems: SettingsProblem[] = [];
  for (const peer of peerEnvironments(stack, catalog)) {
    const file = stackFilePath(peer, dir);
    if (!fs.existsSync(file)) {
      problems.push({ key: `Pulumi.${peer}.yaml`, message: `is missing, and ${stack} reaches ${peer}'s data stores (declared cross-environment needs)` });
      continue;
    }
    const own = parseStackSettings(readStackConfig(peer, dir).values).partial.dataSubnetCidrs;
    if (own) cidrs[peer] = own;
    else problems.push({ key: `Pulumi.${peer}.yaml`, message: `has no valid ${PROJECT_NAMESPACE}:dataSubnetCidrs, and ${stack} reaches ${peer}'s data stores` });
  }
  return { cidrs, problems };
}
