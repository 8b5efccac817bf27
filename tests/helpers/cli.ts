/**
 * Runs the plan command in-process, capturing what it prints; its runs of the built-in stacks are
 * read back from the run cache (which waits for the recorder) instead of made again here.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runPlan } from "../../cli/plan";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  run: Awaited<ReturnType<typeof runPlan>>;
}

export async function plan(...argv: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const run = await runPlan(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }, { keepRuns: true });
  return { code: run.code, stdout: out.join("\n"), stderr: err.join("\n"), run };
}

/** `plan` whose every run must be read back from the run cache (a scenario's): a miss fails. */
export async function planRecorded(...argv: string[]): Promise<CliResult> {
  process.env.HARNESS_RUN_CACHE_MISS = "fail";
  try {
    return await plan(...argv);
  } finally {
    delete process.env.HARNESS_RUN_CACHE_MISS;
  }
}

export function tempDir(prefix = "plan-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
