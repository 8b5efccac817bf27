/** Stops the recorder if it still runs, and removes the recordings of the global setup. */
import * as fs from "node:fs";
import * as path from "node:path";

export default function globalTeardown(): void {
  const dir = process.env.RECORDED_RUNS_DIR;
  if (!dir) return;
  try {
    process.kill(Number(fs.readFileSync(path.join(dir, "recorder.pid"), "utf8")));
  } catch {
    // Done already.
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
