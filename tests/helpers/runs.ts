/**
 * The built-in catalog's stacks as the real program registers them, recorded once per test run
 * by a process of their own (tests/record-runs.ts, started by the global setup): each test file
 * that needs them waits for the recording and reads it, without loading the Pulumi SDK. Plans
 * and settings are recomputed from the same stack files (pure and fast).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { catalog } from "../../config";
import { kubernetesObjects } from "../../harness/manifests";
import { loadRun, type ProgramRun, type RecordedResource } from "../../harness/run";
import { readStackConfig, resolveStackSettings } from "../../lib/stack-config";
import { planEnvironment, type EnvironmentPlan, type StackSettings } from "../../planner";
import { STACKS } from "./stacks";
import { runProgram, type RunOptions } from "../../harness/programs";
import { SCENARIOS, scenarioOptions, type ScenarioName } from "../scenarios";

export type Obj = Record<string, any>;

const runs = new Map<string, ProgramRun>();
const settings = new Map<string, StackSettings>();
const plans = new Map<string, EnvironmentPlan>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for a recorder's marker (tests/record-runs.ts) in the recordings' folder, and returns the
 * folder; throws the recorder's reason when the stacks, or this marker's scenario, failed.
 */
export async function recorded(marker: string): Promise<string> {
  const dir = process.env.RECORDED_RUNS_DIR;
  if (!dir)
    throw new Error("no RECORDED_RUNS_DIR: run the tests through jest (tests/global-setup.ts makes it)");
  const failed = path.join(dir, "failed");
  const failedHere = path.join(dir, `${marker}.failed`);
  for (const started = Date.now(); !fs.existsSync(path.join(dir, marker)); await sleep(20)) {
    if (fs.existsSync(failed))
      throw new Error(`recording the stacks failed: ${fs.readFileSync(failed, "utf8")}`);
    if (fs.existsSync(failedHere))
      throw new Error(`recording ${marker} failed: ${fs.readFileSync(failedHere, "utf8")}`);
    if (Date.now() - started > 120_000) throw new Error(`no ${marker} in ${dir} after 120 s`);
  }
  return dir;
}

/**
 * Waits for the recording of every stack (tests/record-runs.ts): from then on, a run of a stack
 * of the built-in catalog is read back from the run cache.
 */
export async function stacksRecorded(): Promise<void> {
  await recorded("done");
}

/** Waits for the recording of every stack (tests/record-runs.ts) and reads it; call in `beforeAll`. */
export async function loadRecordedRuns(): Promise<void> {
  const dir = await recorded("done");
  for (const stack of STACKS) if (!runs.has(stack)) runs.set(stack, loadRun(stack, dir));
}

/**
 * A scenario's run options (tests/scenarios.ts), once its recorder has made its run: a run with
 * them is read back from the run cache, without loading the SDK.
 */
export async function scenarioReady(name: ScenarioName): Promise<RunOptions> {
  await recorded(`scenario-${name}`);
  if ("reads" in SCENARIOS[name]) await loadRecordedRuns();
  return scenarioOptions(name, (s) => recordedRun(s).outputs);
}

/** A scenario's run (tests/scenarios.ts), as its recorder made it. */
export async function scenarioRun(name: ScenarioName): Promise<ProgramRun> {
  return runProgram(SCENARIOS[name].stack, await scenarioReady(name));
}

/** What the program registered for a stack of the built-in catalog (after `loadRecordedRuns`). */
export function recordedRun(stack: string): ProgramRun {
  const run = runs.get(stack);
  if (!run) throw new Error(`no recording of ${stack}: call loadRecordedRuns() in beforeAll`);
  return run;
}

/** A stack's settings as the program resolves them (peers' data subnets included). */
export function settingsFor(stack: string): StackSettings {
  if (!settings.has(stack)) {
    const { settings: s, problems } = resolveStackSettings(stack, readStackConfig(stack).values, catalog);
    if (!s) throw new Error(`test setup: ${stack}'s settings are invalid: ${JSON.stringify(problems)}`);
    settings.set(stack, s);
  }
  return settings.get(stack)!;
}

/** A stack's plan, from the built-in catalog and its settings. */
export function planFor(stack: string): EnvironmentPlan {
  if (!plans.has(stack)) plans.set(stack, planEnvironment(catalog, stack, settingsFor(stack)));
  return plans.get(stack)!;
}

/** The Kubernetes objects a stack registers, optionally of one kind. */
export function objects(stack: string, kind?: string): Obj[] {
  return (kubernetesObjects(recordedRun(stack)) as Obj[]).filter((o) => !kind || o.kind === kind);
}

/** The object of a kind and name, or a failing test. */
export function named(stack: string, kind: string, name: string): Obj {
  const o = objects(stack, kind).find((x) => x.metadata?.name === name);
  if (!o) throw new Error(`${stack}: no ${kind} ${name}`);
  return o;
}

/** A recorded resource by `type::name`, or a failing test. */
export function resource(stack: string, key: string): RecordedResource {
  const r = recordedRun(stack).byKey.get(key);
  if (!r) throw new Error(`${stack}: no resource ${key}`);
  return r;
}
