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
import { catalog as builtinCatalog } from "../config";
import type { Catalog } from "../config/types";
import { listStackFiles, PROJECT_ROOT, stackFilePath } from "../lib/project";
import { loadRun, saveRun, type ProgramRun } from "./run";

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

/**
 * The run for these inputs: read back when the cache (on under jest only) has it, else made by
 * `run` and remembered. Without the cache, `run` alone.
 */
export async function cachedRun(
  stack: string,
  o: CacheableRun,
  run: () => Promise<ProgramRun>,
): Promise<ProgramRun> {
  const dir = process.env.HARNESS_RUN_CACHE;
  if (!dir) return run();
  const key = runKey(stack, o);
  const cached = path.join(dir, `${key}.json`);
  // A test that runs a program while the recorder still records the stacks waits for it (and
  // for its run of the stack, when it is one of them) instead of making it again under jest
  // (tests/record-runs.ts).
  const recordings = process.env.RECORDED_RUNS_DIR;
  if (process.env.JEST_WORKER_ID && recordings) {
    while (
      !fs.existsSync(cached) &&
      !fs.existsSync(path.join(recordings, "done")) &&
      !fs.existsSync(path.join(recordings, "failed"))
    )
      await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (fs.existsSync(cached)) return loadRun(stack, dir, key);
  // The test that every recorded scenario is read back (tests/harness/scenarios.test.ts).
  if (process.env.HARNESS_RUN_CACHE_MISS === "fail")
    throw new Error(`the run cache has no run of ${stack} with these inputs (HARNESS_RUN_CACHE_MISS=fail)`);
  const made = await run();
  saveRun(made, dir, key);
  return made;
}
