/** Removes the recordings of the global setup. */
import * as fs from "node:fs";

export default function globalTeardown(): void {
  const dir = process.env.RECORDED_RUNS_DIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
