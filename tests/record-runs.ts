/**
 * Records the program runs the test suite reads, in processes of their own that jest's global
 * setup starts and does not wait for (`node cli/bundle.cjs tests/record-runs.ts <part>`): the
 * programs run bundled on plain Node, beside the test files that need no recording, instead of
 * inside the test files under jest's module sandbox, which also loads the Pulumi SDK once per file.
 *
 * - `stacks`: every stack of the built-in catalog in deployment order, each written to
 *   `<RECORDED_RUNS_DIR>/<stack>.json` and marked `stack-<stack>`, then `done`;
 * - `scenarios`: the scenarios of tests/scenarios.ts, those that read no recording first.
 *
 * Whichever recorder is free takes the next scenario (claimed by creating `claim-<name>`): the
 * stacks' recorder joins in when it is done. Each run goes to the run cache
 * (harness/run-cache.ts), where the test files' own runs of the same inputs find it, and each
 * scenario is marked `scenario-<name>` when it is there, or `scenario-<name>.failed` with the
 * reason; a failure of the stacks writes `failed`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { catalog } from "../config";
import { runProgram, runPrograms } from "../harness/programs";
import { loadRun, saveRun } from "../harness/run";
import { stacksReadBy } from "../planner/deploy-order";
import { recorded as waitFor } from "./helpers/runs";
import { STACKS } from "./helpers/stacks";
import { SCENARIOS, scenarioOptions, type ScenarioName } from "./scenarios";

export const PARTS = ["stacks", "scenarios"] as const;

/** The scenarios in the order they are taken: those that read the stacks' recordings last. */
export function scenarioOrder(): ScenarioName[] {
  const names = Object.keys(SCENARIOS) as ScenarioName[];
  return [
    ...names.filter((n) => !("reads" in SCENARIOS[n])),
    ...names.filter((n) => "reads" in SCENARIOS[n]),
  ];
}

/** Whether this process takes a scenario (the first to create its claim, naming its part, does). */
function claim(dir: string, name: string, part: string): boolean {
  try {
    fs.writeFileSync(path.join(dir, `claim-${name}`), part, { flag: "wx" });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
}

async function record(part: (typeof PARTS)[number], dir: string): Promise<void> {
  if (part === "stacks") {
    await runPrograms(STACKS, {}, (run) => {
      saveRun(run, dir);
      fs.writeFileSync(path.join(dir, `stack-${run.stack}`), "");
    });
    fs.writeFileSync(path.join(dir, "done"), "");
  }
  for (const name of scenarioOrder()) {
    if (!claim(dir, name, part)) continue;
    // A scenario that fails fails the tests that read it alone (they read why).
    try {
      await recordScenario(name);
      fs.writeFileSync(path.join(dir, `scenario-${name}`), "");
    } catch (err) {
      fs.writeFileSync(
        path.join(dir, `scenario-${name}.failed`),
        err instanceof Error ? err.message : String(err),
      );
    }
  }
}

async function recordScenario(name: ScenarioName): Promise<void> {
  // What the test files read: the recordings as written.
  const reads = "reads" in SCENARIOS[name] ? stacksReadBy(catalog, SCENARIOS[name].stack) : [];
  const recorded = new Map<string, Record<string, unknown>>();
  // Once the stacks' recorder has written them (tests/helpers/runs.ts waits as the test files do).
  for (const s of reads) recorded.set(s, loadRun(s, await waitFor(`stack-${s}`)).outputs);
  const options = scenarioOptions(name, (s) => {
    const outputs = recorded.get(s);
    if (!outputs)
      throw new Error(`scenario ${name} reads ${s}, which ${SCENARIOS[name].stack} does not read`);
    return outputs;
  });
  try {
    await runProgram(SCENARIOS[name].stack, options);
  } finally {
    if (options.stacksDir) fs.rmSync(options.stacksDir, { recursive: true, force: true });
  }
}

export function main(): void {
  const dir = process.env.RECORDED_RUNS_DIR;
  if (!dir) throw new Error("record-runs: no RECORDED_RUNS_DIR (tests/global-setup.ts sets it)");
  if (!process.env.HARNESS_RUN_CACHE)
    throw new Error("record-runs: no HARNESS_RUN_CACHE (the global setup sets it)");
  const part = process.argv[2] as (typeof PARTS)[number];
  if (!PARTS.includes(part)) throw new Error(`record-runs: give one of ${PARTS.join(", ")}, not ${part}`);
  record(part, dir).catch((err: unknown) => {
    fs.writeFileSync(
      path.join(dir, "failed"),
      `${part}: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exitCode = 1;
  });
}
