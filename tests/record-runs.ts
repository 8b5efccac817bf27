/**
 * Records every stack of the built-in catalog for the test suite, in a process of its own that
 * jest's global setup starts and does not wait for (`node cli/bundle.cjs tests/record-runs.ts`):
 * the programs run bundled on plain Node, beside the test files that need no recording, instead
 * of inside one test file under jest's module sandbox at twice the cost. Writes
 * `<RECORDED_RUNS_DIR>/<stack>.json`, fills the run cache (harness/run-cache.ts), then `done`, or
 * `failed` with the reason.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runPrograms } from "../harness/engine";
import { saveRun } from "../harness/run";
import { STACKS } from "./helpers/stacks";

export function main(): void {
  const dir = process.env.RECORDED_RUNS_DIR;
  if (!dir) throw new Error("record-runs: no RECORDED_RUNS_DIR (tests/global-setup.ts sets it)");
  runPrograms(STACKS).then(
    (runs) => {
      for (const run of runs) saveRun(run, dir);
      fs.writeFileSync(path.join(dir, "done"), "");
    },
    (err: unknown) => {
      fs.writeFileSync(path.join(dir, "failed"), err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
