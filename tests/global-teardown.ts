/** Stops the recorders that still run, and removes the recordings of the global setup. */
import * as fs from "node:fs";
import * as path from "node:path";
import { RECORDER_PARTS } from "./global-setup";

export default function globalTeardown(): void {
  const dir = process.env.RECORDED_RUNS_DIR;
  if (!dir) return;
  for (const part of RECORDER_PARTS) {
    // Still recording (it has not exited): stop it (an exited recorder's pid may be reused).
    if (fs.existsSync(path.join(dir, `recorder-${part}.exited`))) continue;
    try {
      process.kill(Number(fs.readFileSync(path.join(dir, `recorder-${part}.pid`), "utf8")));
    } catch {
      // It has just finished.
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
