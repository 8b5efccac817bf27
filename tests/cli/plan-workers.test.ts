/**
 * `npm run plan` as a user runs it: the launcher bundles the command (cli/bundle.cjs) and the
 * programs run in a worker thread while the main thread checks and writes; with PLAN_WORKERS=0
 * everything runs in one thread. Both must write the same files, byte for byte.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { workerOptions, UsageError } from "../../cli/plan";
import { PROJECT_ROOT } from "../../lib/project";
import { tempDir } from "../helpers/cli";

function launch(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ["cli/bundle.cjs", "cli/plan.ts", ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
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
    // The first launch may build the bundle; the second reuses it.
    const a = await launch(["us-dev", "--out", inWorker], { PLAN_WORKERS: "1" });
    const b = await launch(["us-dev", "--out", inThread], { PLAN_WORKERS: "0" });
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
    const strip = (s: string) =>
      s
        .replace(/in \d+ ms/, "in N ms")
        .replaceAll(inWorker, "OUT")
        .replaceAll(inThread, "OUT");
    expect(strip(a.stdout)).toBe(strip(b.stdout));
    expect(a.stdout).toMatch(/Planned 1 stack \(\d+ resources\) in \d+ ms\./);
  });
});

describe("workerOptions", () => {
  const bundle = "/x/out/build/cli-plan.js";
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
