/** Stops the recorder if it still runs, and removes the recordings of the global setup. */
import * as fs from "node:fs";
import * as path from "node:path";

export default function globalTeardown(): void {
  const dir = process.env.RECORDED_RUNS_DIR;
  if (!dir) return;
  // Still recording (neither done nor failed): stop it (a finished recorder's pid may be reused).
  if (!fs.existsSync(path.join(dir, "done")) && !fs.existsSync(path.join(dir, "failed"))) {
    try {
      process.kill(Number(fs.readFileSync(path.join(dir, "recorder.pid"), "utf8")));
    } catch {
      // It has just finished.
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
