/**
 * Makes the folder where the built-in catalog's stacks are recorded once per test run. The first
 * test file that needs them records all of them under the mock engine (tests/helpers/runs.ts);
 * the others read the recordings instead of registering the same resources again.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export default function globalSetup(): void {
  process.env.RECORDED_RUNS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "ecommerce-platform-runs-"));
}
