/**
 * Reads a `Pulumi.<stack>.yaml` the way the Pulumi CLI hands it to the program: a flat map of
 * `namespace:key` → value, with `secure:` values kept apart (they are never decrypted here).
 */
import * as fs from "node:fs";
import { parse } from "yaml";
import { stackFilePath } from "../lib/project";
import { PROJECT_NAMESPACE } from "../planner/settings";

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
