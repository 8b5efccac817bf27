/**
 * `npm run plan` as a user runs it: the launcher bundles the command (cli/bundle.cjs) and the
 * programs run in a worker thread while the main thread checks and writes; with PLAN_WORKERS=0
 * everything runs in one thread. Both must write the same files, byte for byte.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { workerOptions, UsageError } from "../../cli/plan";
import { runStacks, WriteError } from "../../cli/plan-worker";
import { catalog } from "../../config";
import { PROJECT_ROOT } from "../../lib/project";
import { tempDir } from "../helpers/cli";
import { loadRecordedRuns } from "../helpers/runs";

function launch(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ["cli/bundle.cjs", "cli/plan.ts", ...args], { cwd: PROJECT_ROOT, env });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function withoutRunCache(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.HARNESS_RUN_CACHE;
  return env;
}

/** Every file under a folder, relative, with its content. */
function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}

describe("npm run plan through the launcher", () => {
  it("writes the same files with the programs in a worker as in one thread", async () => {
    // us-dev reads platform-shared's outputs: the worker runs it first and hands them on.
    const [inWorker, inThread] = [tempDir(), tempDir()];
    // In one thread (the default) as a user runs it: without the test suite's run cache
    // (harness/run-cache.ts), so that its programs really run. In the worker the runs are read back
    // from the cache (a miss would fail), as the recorder made them with the same program
    // (harness/programs.ts): what is compared is the worker's path against the in-process one.
    // The first launch may build the bundle; the second, once the recordings are there, reuses it.
    const inThreadRun = launch(["us-dev", "--out", inThread], { ...withoutRunCache(), PLAN_WORKERS: "0" });
    await loadRecordedRuns();
    const a = await launch(["us-dev", "--out", inWorker], {
      ...process.env,
      PLAN_WORKERS: "1",
      HARNESS_RUN_CACHE_MISS: "fail",
    });
    const b = await inThreadRun;
    expect(a.stderr).toBe("");
    expect([a.code, b.code]).toEqual([0, 0]);
    const [x, y] = [files(inWorker), files(inThread)];
    expect([...x.keys()].sort()).toEqual([
      "us-dev/charts.yaml",
      "us-dev/graph.mmd",
      "us-dev/manifests.yaml",
      "us-dev/outputs.json",
      "us-dev/provenance.json",
      "us-dev/resources.json",
      "us-dev/summary.md",
    ]);
    for (const [f, content] of x) expect([f, content]).toEqual([f, y.get(f)]);
    // Each run names its own folder (as given, and relative to the project in the "wrote" lines).
    const strip = (s: string) =>
      [inWorker, inThread]
        .flatMap((d) => [d, path.relative(PROJECT_ROOT, d)])
        .reduce((x, d) => x.replaceAll(d, "OUT"), s.replace(/in \d+ ms/, "in N ms"));
    expect(strip(a.stdout)).toBe(strip(b.stdout));
    expect(a.stdout).toMatch(/Planned 1 stack \(\d+ resources\) in \d+ ms\./);
  });
});

describe("workerOptions", () => {
  const bundle = "/x/out/.build/cli-plan.js";
  it("runs the programs in PLAN_WORKERS threads from the bundle, and in-process from source", () => {
    expect(workerOptions({ PLAN_WORKERS: "2" }, bundle)).toEqual({ workers: { script: bundle, count: 2 } });
    expect(workerOptions({ PLAN_WORKERS: "0" }, bundle)).toEqual({});
    expect(workerOptions({ PLAN_WORKERS: "2" }, "/x/cli/plan.ts")).toEqual({});
    // By default (and when empty) one thread.
    expect(workerOptions({}, bundle)).toEqual({});
    expect(workerOptions({ PLAN_WORKERS: "" }, bundle)).toEqual(workerOptions({}, bundle));
  });

  it("refuses a PLAN_WORKERS that is not a count", () => {
    for (const v of ["two", "-1", "1.5", "Infinity"])
      expect(() => workerOptions({ PLAN_WORKERS: v }, bundle)).toThrow(UsageError);
    expect(() => workerOptions({ PLAN_WORKERS: "two" }, bundle)).toThrow(
      "PLAN_WORKERS=two is not a number of worker threads: give 0 or more",
    );
  });
});

describe("runStacks", () => {
  it("reports a file it cannot write as a WriteError, after the programs and checks went through", async () => {
    const missing = path.join(tempDir(), "gone", "platform-shared");
    const ran = runStacks(["platform-shared"], {
      catalog,
      stacksDir: PROJECT_ROOT,
      dirOf: () => missing,
      accountOf: () => undefined,
    });
    await expect(ran).rejects.toThrow(WriteError);
    await expect(ran).rejects.toThrow(/ENOENT.*gone/);
  });
});

describe("the worker scheduler's failures", () => {
  /** A stand-in worker script: answers each job as `answer` says (plain JS, run as a worker). */
  function fakeWorker(answer: string): string {
    const file = path.join(tempDir("fake-worker-"), "worker.js");
    fs.writeFileSync(
      file,
      `const { parentPort } = require("node:worker_threads");\nparentPort.on("message", (j) => { ${answer} });\n`,
    );
    return file;
  }
  const run = (script: string) =>
    runStacks(["platform-shared"], {
      catalog,
      stacksDir: PROJECT_ROOT,
      dirOf: () => tempDir(),
      accountOf: () => undefined,
      workers: { script, count: 1 },
    });

  it("rejects with the worker's failure", async () => {
    await expect(run(fakeWorker('parentPort.postMessage({ error: "boom in " + j.stack });'))).rejects.toThrow(
      "boom in platform-shared",
    );
  });

  it("rejects when the last stack's checks throw, instead of resolving without its result", async () => {
    const broken = '{ key: "x", type: "kubernetes:core/v1:ConfigMap", custom: true, inputs: null }';
    await expect(
      run(fakeWorker(`parentPort.postMessage({ resources: [${broken}], outputs: {} });`)),
    ).rejects.toThrow(TypeError);
  });

  it("rejects when a worker exits while it holds a stack, even with exit code 0", async () => {
    await expect(run(fakeWorker("process.exit(0);"))).rejects.toThrow("a plan worker stopped (exit 0)");
  });
});
