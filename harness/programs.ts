/**
 * Runs of the real program, by stack: each given the outputs of exactly the stacks it reads, and
 * under the test suite's run cache (harness/run-cache.ts) read back when the same inputs ran
 * before. The Pulumi SDK loads only when a program really runs (harness/engine.ts), so a test file
 * whose runs were all recorded beforehand (tests/record-runs.ts) never loads it.
 */
import type { Catalog } from "../config/types";
import { catalog as builtinCatalog } from "../config";
import { deploymentOrder, stacksReadBy } from "../planner/deploy-order";
import { cachedRun } from "./run-cache";
import { harnessStackName, referencesRead, type ProgramRun } from "./run";

export interface RunOptions {
  /** Catalog to deploy instead of the built-in one. */
  catalog?: Catalog;
  /** Config to set or override (full keys, plain values). */
  config?: Record<string, unknown>;
  /** Where the Pulumi.<stack>.yaml files are. */
  stacksDir?: string;
  /** Outputs of other stacks, by fully qualified name, that StackReferences read. */
  stackReferences?: Record<string, Record<string, unknown>>;
}

/**
 * Runs the program for one stack and returns everything it registered. It is given the outputs of
 * exactly the stacks it reads (run first when not given); under the test suite's run cache
 * (harness/run-cache.ts) a run of the same inputs is read back instead of run again.
 */
export async function runProgram(stack: string, options: RunOptions = {}): Promise<ProgramRun> {
  const catalog = options.catalog ?? builtinCatalog;
  const run: RunOptions = {
    ...options,
    stackReferences: referencesRead(catalog, stack, await ownerOutputs(stack, options)),
  };
  // The SDK is loaded on the first run that is not read back (harness/engine.ts).
  return cachedRun(stack, run, async () => (await import("./engine")).recordProgram(stack, run));
}

/**
 * Runs several stacks in the order a first deployment takes (each cluster's add-on owner first),
 * each reading the outputs of those run before it; returns the runs in the order asked, and hands
 * each to `onRun` as soon as it is made.
 */
export async function runPrograms(
  stacks: readonly string[],
  options: RunOptions = {},
  onRun: (run: ProgramRun) => void = () => undefined,
): Promise<ProgramRun[]> {
  const catalog = options.catalog ?? builtinCatalog;
  const order = deploymentOrder(catalog, stacks);
  const refs: Record<string, Record<string, unknown>> = { ...(options.stackReferences ?? {}) };
  const runs = new Map<string, ProgramRun>();
  for (const s of order) {
    const run = await runProgram(s, { ...options, stackReferences: refs });
    refs[harnessStackName(s)] = run.outputs;
    runs.set(s, run);
    onRun(run);
  }
  return stacks.map((s) => runs.get(s)!);
}

/**
 * The outputs of the stacks this one reads (its cluster's add-on owner for the ingress load
 * balancer; an owner, the monitoring stack's ingest host): those given, or each run first under
 * the same catalog and settings, as a first deployment would have it.
 */
async function ownerOutputs(
  stack: string,
  options: RunOptions,
): Promise<Record<string, Record<string, unknown>>> {
  let refs = options.stackReferences ?? {};
  const catalog = options.catalog ?? builtinCatalog;
  // The stacks read run with their own settings: overrides given are this stack's.
  const shared: RunOptions = { ...options };
  delete shared.config;
  for (const other of stacksReadBy(catalog, stack)) {
    const name = harnessStackName(other);
    if (refs[name]) continue;
    const run = await runProgram(other, { ...shared, stackReferences: refs });
    refs = { ...refs, [name]: run.outputs };
  }
  return refs;
}
