/**
 * The layers stay as the README draws them: the catalog and the pure layers (planner, builders)
 * import provider packages for their types only, and no file there outgrows a reader.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../lib/project";

const PURE_LAYERS = ["config", "planner", "builders"];
const MAX_LINES = 300;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(PROJECT_ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.join(dir, d.name);
    if (d.isDirectory()) return filesUnder(rel);
    return d.name.endsWith(".ts") ? [rel] : [];
  });
}

/** Import and require statements that load a module at run time (not `import type`). */
export function runtimeImports(source: string): string[] {
  const out: string[] = [];
  const statement = /^\s*import\s+(?!type\s)([^;]*?)\s+from\s+"([^"]+)"/gm;
  for (const m of source.matchAll(statement)) {
    const clause = m[1]!.trim();
    // `import { type A, type B } from "x"` loads nothing either.
    const named = /^\{([^}]*)\}$/.exec(clause);
    if (named && named[1]!.split(",").every((n) => n.trim() === "" || n.trim().startsWith("type "))) continue;
    out.push(m[2]!);
  }
  for (const m of source.matchAll(/^\s*import\s+"([^"]+)"/gm)) out.push(m[1]!);
  for (const m of source.matchAll(/require\(\s*"([^"]+)"\s*\)/g)) out.push(m[1]!);
  return out;
}

describe("architecture", () => {
  const files = PURE_LAYERS.flatMap(filesUnder);

  it("finds the pure layers' files", () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files).toContain(path.join("builders", "k8s", "workload.ts"));
  });

  it("the pure layers import @pulumi packages for their types only", () => {
    const offending = files.flatMap((f) =>
      runtimeImports(fs.readFileSync(path.join(PROJECT_ROOT, f), "utf8"))
        .filter((m) => m.startsWith("@pulumi/"))
        .map((m) => `${f}: ${m}`),
    );
    expect(offending).toEqual([]);
  });

  it("the check sees a runtime import, and lets type imports pass", () => {
    expect(
      runtimeImports('import * as k8s from "@pulumi/kubernetes";\nimport type * as aws from "@pulumi/aws";'),
    ).toEqual(["@pulumi/kubernetes"]);
    expect(
      runtimeImports('import { type A, type B } from "@pulumi/pulumi";\nimport { c, type D } from "./x";'),
    ).toEqual(["./x"]);
    expect(runtimeImports('const x = require("@pulumi/pulumi");')).toEqual(["@pulumi/pulumi"]);
  });

  it(`no file of the pure layers exceeds ${MAX_LINES} lines`, () => {
    const long = files
      .map((f) => [f, fs.readFileSync(path.join(PROJECT_ROOT, f), "utf8").split("\n").length] as const)
      .filter(([, n]) => n > MAX_LINES);
    expect(long).toEqual([]);
  });
});
