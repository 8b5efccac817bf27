/**
 * Makes the folder where the program runs of the test suite are recorded once per test run, and
 * starts the recorders (tests/record-runs.ts: the built-in stacks, and the scenarios of
 * tests/scenarios.ts), one process each, without waiting for them: the test files that read
 * recordings wait for the ones they read (tests/helpers/runs.ts), the others run meanwhile. Any
 * other run of the same inputs is read back from the run cache beside the recordings
 * (harness/run-cache.ts).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const RECORDER_PARTS = ["stacks", "scenarios"];

export default function globalSetup(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecommerce-platform-runs-"));
  process.env.RECORDED_RUNS_DIR = dir;
  process.env.HARNESS_RUN_CACHE = path.join(dir, "cache");
  for (const part of RECORDER_PARTS) {
    const log = path.join(dir, `recorder-${part}.log`);
    // One descriptor for both streams: neither overwrites the other.
    const out = fs.openSync(log, "w");
    // Not a test worker (harness/run-cache.ts tells a test that runs a program too early).
    const env = { ...process.env };
    delete env.JEST_WORKER_ID;
    // A larger young generation: the runs make short-lived objects by the million (8% less CPU).
    const recorder = spawn(
      process.execPath,
      ["--max-semi-space-size=32", "cli/bundle.cjs", "tests/record-runs.ts", part],
      {
        cwd: path.resolve(__dirname, ".."),
        env,
        stdio: ["ignore", out, out],
      },
    );
    fs.writeFileSync(path.join(dir, `recorder-${part}.pid`), String(recorder.pid));
    // A recorder that fails before it says so (it cannot start, a signal stops it) fails the files
    // that wait for what it had not recorded, with the reason, instead of leaving them waiting:
    // every file while the stacks were not recorded, else the readers of the scenarios it held.
    recorder.on("exit", (code, signal) => {
      // After the teardown removed the folder (it stops the recorders still running): nothing waits.
      if (!fs.existsSync(dir)) return;
      fs.writeFileSync(path.join(dir, `recorder-${part}.exited`), "");
      if (!code && !signal) return;
      const reason = `the recorder of ${part} stopped (${signal ?? `exit ${code}`}): ${fs.readFileSync(log, "utf8")}`;
      const failed = path.join(dir, "failed");
      if (part === "stacks" && !fs.existsSync(path.join(dir, "done"))) {
        if (!fs.existsSync(failed)) fs.writeFileSync(failed, reason);
        return;
      }
      for (const claim of fs.readdirSync(dir).filter((f) => f.startsWith("claim-"))) {
        const name = claim.slice("claim-".length);
        const marker = path.join(dir, `scenario-${name}`);
        if (fs.readFileSync(path.join(dir, claim), "utf8") === part && !fs.existsSync(marker))
          fs.writeFileSync(`${marker}.failed`, reason);
      }
    });
    recorder.unref();
  }
}
