/**
 * `plan` writes all or nothing, and says where its files came from: the staging and move of
 * cli/out-dir.ts, a failing write leaving the output folder as it was, and provenance files
 * beside byte-identical reports.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkoutCommit, outDirProblem, stageOut } from "../../cli/out-dir";
import { PROJECT_ROOT } from "../../lib/project";
import { plan, tempDir } from "../helpers/cli";

const tree = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
};

describe("all or nothing", () => {
  it("a plan that fails leaves the output folder as it was, and removes what it staged", () => {
    const out = tempDir();
    fs.mkdirSync(path.join(out, "us-prod"));
    fs.writeFileSync(path.join(out, "us-prod", "summary.md"), "the last plan");
    const before = tree(out);
    // What plan does when a write fails: us-prod staged, eu-prod failing, the staging aborted.
    const staging = stageOut(out);
    fs.writeFileSync(path.join(staging.stackDir("us-prod"), "summary.md"), "a new plan");
    staging.stackDir("eu-prod");
    staging.abort();
    expect(tree(out)).toEqual(before);
    expect(fs.readdirSync(out)).toEqual(["us-prod"]);
    // A folder it had to make is gone again.
    const fresh = path.join(tempDir(), "new-out");
    const nothing = stageOut(fresh);
    nothing.stackDir("us-prod");
    expect(fs.existsSync(fresh)).toBe(true);
    nothing.abort();
    expect(fs.existsSync(fresh)).toBe(false);
  });

  it("a move that fails puts back every folder it moved: the output folder keeps what it held", () => {
    const out = tempDir();
    for (const s of ["a", "b"]) {
      fs.mkdirSync(path.join(out, s));
      fs.writeFileSync(path.join(out, s, "summary.md"), `the last plan of ${s}`);
    }
    const before = tree(out);
    let calls = 0;
    const failingThird = (from: string, to: string) => {
      // a aside, a in, then b aside fails (a device busy, a second run holding it).
      if (++calls === 3) throw new Error("EBUSY");
      fs.renameSync(from, to);
    };
    const staging = stageOut(out);
    for (const s of ["a", "b"]) fs.writeFileSync(path.join(staging.stackDir(s), "summary.md"), "new");
    expect(() => staging.commit(["a", "b"], failingThird)).toThrow("EBUSY");
    expect(tree(out)).toEqual(before);
    expect(fs.readdirSync(out).sort()).toEqual(["a", "b"]);
  });

  it("--out that is or holds the project or the stack files is refused", () => {
    expect(outDirProblem(PROJECT_ROOT, [PROJECT_ROOT])).toMatch(/is or holds .*name a folder of its own$/);
    expect(outDirProblem(path.dirname(PROJECT_ROOT), [PROJECT_ROOT])).toMatch(/is or holds/);
    expect(outDirProblem(path.join(PROJECT_ROOT, "out"), [PROJECT_ROOT])).toBeUndefined();
  });

  it("a successful write replaces each stack's folder whole, and keeps the others", () => {
    const out = tempDir();
    fs.mkdirSync(path.join(out, "us-prod", "manifests"), { recursive: true });
    fs.writeFileSync(path.join(out, "us-prod", "manifests", "stale.yaml"), "old");
    fs.mkdirSync(path.join(out, "asia-prod"));
    const staging = stageOut(out);
    fs.writeFileSync(path.join(staging.stackDir("us-prod"), "summary.md"), "new");
    staging.commit(["us-prod"]);
    expect(tree(out)).toEqual({ "us-prod/summary.md": "new" });
    expect(fs.readdirSync(out).sort()).toEqual(["asia-prod", "us-prod"]);
  });

  it("an invalid stack file writes nothing over the last plan", async () => {
    // The last plan's files (any content: plan must leave them as they are).
    const out = tempDir();
    fs.mkdirSync(path.join(out, "us-dev", "manifests"), { recursive: true });
    fs.writeFileSync(path.join(out, "us-dev", "summary.md"), "the last plan");
    fs.writeFileSync(path.join(out, "us-dev", "manifests", "x.yaml"), "kind: X");
    const before = tree(out);
    const stacks = tempDir();
    for (const f of fs.readdirSync(PROJECT_ROOT).filter((x) => /^Pulumi\..+\.yaml$/.test(x)))
      fs.copyFileSync(path.join(PROJECT_ROOT, f), path.join(stacks, f));
    fs.appendFileSync(path.join(stacks, "Pulumi.us-dev.yaml"), "  ecommerce-platform:vpcid: x\n");
    const r = await plan("us-dev", "--out", out, "--stacks-dir", stacks);
    expect(r.code).toBe(1);
    expect(tree(out)).toEqual(before);
  });
});

describe("provenance", () => {
  it("names the commit and the digests of the catalog and the stack file; the reports are byte-identical from run to run", async () => {
    const [a, b] = [tempDir(), tempDir()];
    expect((await plan("us-dev", "--out", a)).code).toBe(0);
    expect((await plan("us-dev", "--out", b)).code).toBe(0);
    expect(tree(a)).toEqual(tree(b));
    const p = JSON.parse(fs.readFileSync(path.join(a, "us-dev", "provenance.json"), "utf8")) as Record<
      string,
      string
    >;
    const head = spawnSync("git", ["rev-parse", "HEAD"], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
    }).stdout.trim();
    expect(p.commit).toBe(checkoutCommit(PROJECT_ROOT));
    expect(p.commit!.startsWith(head)).toBe(true);
    const stackFile = fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.us-dev.yaml"));
    expect(p.stackFile).toBe(`sha256:${createHash("sha256").update(stackFile).digest("hex")}`);
    expect(p.catalog).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(checkoutCommit(tempDir())).toBe("not a git checkout");
  });
});
