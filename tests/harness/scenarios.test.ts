/**
 * The scenarios (tests/scenarios.ts) the recorders run beforehand are the runs the test files
 * make: each is read back from the run cache, so no test file loads the SDK to make it again.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runProgram } from "../../harness/programs";
import { scenarioRun } from "../helpers/runs";
import { scenarioOrder } from "../record-runs";
import { SCENARIOS, type ScenarioName } from "../scenarios";

const names = Object.keys(SCENARIOS) as ScenarioName[];

/** Every test file's text. */
function testFiles(dir = path.join(__dirname, "..")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return testFiles(p);
    return e.name.endsWith(".test.ts") && p !== __filename ? [fs.readFileSync(p, "utf8")] : [];
  });
}

async function withMissesFailing<T>(f: () => Promise<T>): Promise<T> {
  process.env.HARNESS_RUN_CACHE_MISS = "fail";
  try {
    return await f();
  } finally {
    delete process.env.HARNESS_RUN_CACHE_MISS;
  }
}

describe("scenarios", () => {
  it("each is read by a test file", () => {
    const texts = testFiles();
    expect(names.filter((n) => !texts.some((t) => t.includes(`"${n}"`)))).toEqual([]);
  });

  it("are taken with those that read no recording first", () => {
    const order = scenarioOrder();
    expect(new Set(order)).toEqual(new Set(names));
    const firstReading = order.findIndex((n) => "reads" in SCENARIOS[n]);
    expect(order.slice(firstReading).every((n) => "reads" in SCENARIOS[n])).toBe(true);
  });

  it.each(names)("%s is read back from the run cache, as its recorder left it", async (name) => {
    const run = await withMissesFailing(() => scenarioRun(name));
    expect(run.stack).toBe(SCENARIOS[name].stack);
  });

  it("a run the cache does not hold fails under HARNESS_RUN_CACHE_MISS=fail", async () => {
    await expect(
      withMissesFailing(() => runProgram("us-dev", { config: { "aws:profile": "x" } })),
    ).rejects.toThrow("the run cache has no run of us-dev with these inputs (HARNESS_RUN_CACHE_MISS=fail)");
  });
});
