/**
 * Runs remembered by everything they depend on, for the test suite alone: `HARNESS_RUN_CACHE`
 * names the folder (jest's global setup sets it; `plan` and the bench never do). The program is
 * deterministic (plan writes byte-identical files from run to run, tested), so a stack run with
 * the same catalog, the same stack files, the same config overrides and the same outputs of the
 * stacks it reads registers the same resources. Each distinct run still happens once per test
 * run, under the mock engine; what the cache saves is the dozens of identical runs the test
 * files made of the stacks others read (platform-shared, each cluster's owner).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { threadId } from "node:worker_threads";
import { catalog as builtinCatalog } from "../config";
import type { Catalog } from "../config/types";
import { listStackFiles, PROJECT_ROOT, stackFilePath } from "../lib/project";
import { loadRun, programRun, type ProgramRun } from "./run";

export interface CacheableRun {
  catalog?: Catalog;
  config?: Record<string, unknown>;
  stacksDir?: string;
  stackReferences?: Record<string, Record<string, unknown>>;
}

/** What a run depends on, hashed: the stack, catalog, config, references and every stack file. */
export function runKey(stack: string, o: CacheableRun): string {
  const dir = o.stacksDir ?? PROJECT_ROOT;
  const files = fs.existsSync(dir)
    ? listStackFiles(dir).map((s) => [s, fs.readFileSync(stackFilePath(s, dir), "utf8")])
    : [];
  return createHash("sha256")
    .update(
      JSON.stringify([stack, o.catalog ?? builtinCatalog, o.config ?? {}, o.stackReferences ?? {}, files]),
    )
    .digest("hex");
}

/** The run remembered for these inputs, if the cache is on and has it. */
export function cachedRun(stack: string, o: CacheableRun): ProgramRun | undefined {
  const dir = process.env.HARNESS_RUN_CACHE;
  if (!dir) return undefined;
  const key = runKey(stack, o);
  if (!fs.existsSync(path.join(dir, `${key}.json`))) return undefined;
  const run = loadRun(key, dir);
  return programRun(stack, run.resources, run.outputs);
}

/** Remembers a run (written whole, then renamed into place: a reader never sees half of one). */
export function rememberRun(stack: string, o: CacheableRun, run: ProgramRun): void {
  const dir = process.env.HARNESS_RUN_CACHE;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const key = runKey(stack, o);
  const tmp = path.join(dir, `.${key}.${process.pid}.${threadId}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify({ stack, resources: run.resources, outputs: run.outputs }));
  fs.renameSync(tmp, path.join(dir, `${key}.json`));
}
