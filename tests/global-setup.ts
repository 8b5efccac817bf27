/**
 * Makes the folder where the built-in catalog's stacks are recorded once per test run, and starts
 * the recording in a process of its own (tests/record-runs.ts) without waiting for it: the test
 * files that read recordings wait for it (tests/helpers/runs.ts), the others run meanwhile. Any
 * other run of the same inputs is read back from the run cache beside the recordings
 * (harness/run-cache.ts).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export default function globalSetup(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecommerce-platform-runs-"));
  process.env.RECORDED_RUNS_DIR = dir;
  process.env.HARNESS_RUN_CACHE = path.join(dir, "cache");
  const log = fs.openSync(path.join(dir, "recorder.log"), "w");
  const recorder = spawn(process.execPath, ["cli/bundle.cjs", "tests/record-runs.ts"], {
    cwd: path.resolve(__dirname, ".."),
    env: process.env,
    stdio: ["ignore", log, log],
  });
  fs.writeFileSync(path.join(dir, "recorder.pid"), String(recorder.pid));
  // A recorder that fails before it says so (it cannot start, a signal stops it) fails the files
  // that wait for it, with the reason, instead of leaving them waiting.
  recorder.on("exit", (code, signal) => {
    const failed = path.join(dir, "failed");
    if ((code || signal) && fs.existsSync(dir) && !fs.existsSync(failed))
      fs.writeFileSync(
        failed,
        `the recorder stopped (${signal ?? `exit ${code}`}): ${fs.readFileSync(path.join(dir, "recorder.log"), "utf8")}`,
      );
  });
  recorder.unref();
}
