/**
 * The test suite's run cache: a run is read back only for exactly the inputs it was made from
 * (stack, catalog, config, outputs read, every stack file), and never outside the test suite.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { catalog } from "../../config";
import { cachedRun, runKey } from "../../harness/run-cache";
import { programRun, saveRun } from "../../harness/run";
import { PROJECT_ROOT } from "../../lib/project";
import { tempDir } from "../helpers/cli";
import { stacksRecorded } from "../helpers/runs";

function stacksCopy(): string {
  const dir = tempDir("stacks-");
  for (const f of fs.readdirSync(PROJECT_ROOT).filter((f) => /^Pulumi\..*\.yaml$/.test(f)))
    fs.copyFileSync(path.join(PROJECT_ROOT, f), path.join(dir, f));
  return dir;
}

describe("run cache", () => {
  it("keys a run by every input it depends on", () => {
    const dir = stacksCopy();
    const base = runKey("us-prod", { catalog, stacksDir: dir });
    expect(runKey("us-prod", { catalog: structuredClone(catalog), stacksDir: dir })).toBe(base);
    expect(runKey("us-prod", { catalog, stacksDir: PROJECT_ROOT })).toBe(base);
    const changed = structuredClone(catalog);
    changed.environments["us-prod"]!.replicas = 7;
    const others = [
      runKey("us-staging", { catalog, stacksDir: dir }),
      runKey("us-prod", { catalog: changed, stacksDir: dir }),
      runKey("us-prod", { catalog, stacksDir: dir, config: { "aws:region": "us-west-2" } }),
      runKey("us-prod", {
        catalog,
        stacksDir: dir,
        stackReferences: { "acme/ecommerce-platform/us-dev": {} },
      }),
    ];
    // Another stack's file counts too: the program reads its peers' files.
    fs.appendFileSync(path.join(dir, "Pulumi.eu-prod.yaml"), "# changed\n");
    others.push(runKey("us-prod", { catalog, stacksDir: dir }));
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it("in a test worker, waits for the stacks' recorder before making a run, and reads back its run", async () => {
    const saved = { ...process.env };
    try {
      const cache = tempDir("cache-");
      process.env.HARNESS_RUN_CACHE = cache;
      process.env.RECORDED_RUNS_DIR = tempDir("recording-");
      process.env.JEST_WORKER_ID ??= "1";
      let made = 0;
      const run = () => Promise.resolve(programRun("us-dev", [], { made: ++made }));
      const waiting = cachedRun("us-dev", { catalog }, run);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(made).toBe(0);
      // The recorder records it, then says it is done.
      saveRun(programRun("us-dev", [], { recorded: true }), cache, runKey("us-dev", { catalog }));
      expect((await waiting).outputs).toEqual({ recorded: true });
      fs.writeFileSync(path.join(process.env.RECORDED_RUNS_DIR, "done"), "");
      // A run it did not record is made once the recorder is done.
      expect((await cachedRun("us-dev", { catalog, config: { x: 1 } }, run)).outputs).toEqual({ made: 1 });
    } finally {
      process.env = saved;
    }
  });

  it("reads back what it remembered, only with HARNESS_RUN_CACHE set", async () => {
    await stacksRecorded();
    const saved = process.env.HARNESS_RUN_CACHE;
    try {
      process.env.HARNESS_RUN_CACHE = tempDir("cache-");
      const inputs = { catalog, stacksDir: stacksCopy() };
      // Each call of `run` is a run made (not read back): counted by its outputs.
      let made = 0;
      const run = () =>
        Promise.resolve(programRun("us-dev", [], { platform: { environment: "us-dev" }, made: ++made }));
      expect((await cachedRun("us-dev", inputs, run)).outputs).toEqual({
        platform: { environment: "us-dev" },
        made: 1,
      });
      expect(made).toBe(1);
      const back = await cachedRun("us-dev", inputs, run);
      expect([made, back.stack, back.outputs]).toEqual([
        1,
        "us-dev",
        { platform: { environment: "us-dev" }, made: 1 },
      ]);
      expect((await cachedRun("us-dev", { ...inputs, config: { x: 1 } }, run)).outputs.made).toBe(2);
      delete process.env.HARNESS_RUN_CACHE;
      expect((await cachedRun("us-dev", inputs, run)).outputs.made).toBe(3);
    } finally {
      process.env.HARNESS_RUN_CACHE = saved;
    }
  });
});
