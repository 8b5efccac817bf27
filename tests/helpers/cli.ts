/**
 * Runs the plan command in-process, capturing what it prints, once the stacks are recorded: its
 * runs of the built-in stacks are read back from the run cache instead of made again here.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runPlan } from "../../cli/plan";
import { stacksRecorded } from "./runs";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  run: Awaited<ReturnType<typeof runPlan>>;
}

export async function plan(...argv: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  await stacksRecorded();
  const run = await runPlan(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }, { keepRuns: true });
  return { code: run.code, stdout: out.join("\n"), stderr: err.join("\n"), run };
}

export function tempDir(prefix = "plan-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
