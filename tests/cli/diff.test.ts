/**
 * `npm run diff`: what a change does to each stack, from two recordings of plan; a protected
 * resource replaced or removed stops it (exit 1).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runDiff } from "../../cli/diff";
import { changedPaths } from "../../cli/diff-plans";
import { plan, tempDir } from "../helpers/cli";

type Entry = {
  urn: string;
  type: string;
  name: string;
  options: { protect: boolean };
  inputs: Record<string, any>;
};

let before: string;
beforeAll(async () => {
  before = tempDir();
  expect((await plan("us-prod", "--out", before)).code).toBe(0);
});

const copyWith = (edit: (resources: Entry[]) => Entry[]) => {
  const after = tempDir();
  fs.cpSync(before, after, { recursive: true });
  const f = path.join(after, "us-prod", "resources.json");
  fs.writeFileSync(f, JSON.stringify(edit(JSON.parse(fs.readFileSync(f, "utf8")) as Entry[])));
  return after;
};
const run = (a: string, b: string) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = runDiff([a, b], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
};

describe("npm run diff", () => {
  it("no change: exit 0, each stack says so", () => {
    const r = run(
      before,
      copyWith((x) => x),
    );
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(r.out).toContain("### us-prod: no change");
  });

  it("an update, an addition, and a protected database replaced and another removed: exit 1, each named", () => {
    const after = copyWith((rs) => {
      const dbs = rs.filter((r) => r.type === "aws:rds/instance:Instance");
      dbs[0]!.inputs.identifier = "us-dev-orders-renamed";
      const deployment = rs.find((r) => r.type === "kubernetes:apps/v1:Deployment")!;
      deployment.inputs.spec.replicas = 7;
      const added = { ...deployment, urn: `${deployment.urn}-new`, name: `${deployment.name}-new` };
      return [...rs.filter((r) => r !== dbs[1]), added];
    });
    const r = run(before, after);
    expect(r.code).toBe(1);
    expect(r.out).toContain("### us-prod: 1 added, 2 changed, 1 removed");
    expect(r.out).toMatch(
      /\| \*\*replace\*\* \(protected\) \| `aws:rds\/instance:Instance` \S+ \| `identifier` \|/,
    );
    expect(r.out).toMatch(/\| update \| `kubernetes:apps\/v1:Deployment` \S+ \| `spec\.replicas` \|/);
    // Protected first: the replaced database's row comes before the Deployment's.
    expect(r.out.indexOf("**replace**")).toBeLessThan(r.out.indexOf("| update |"));
    expect(r.err.split("\n").filter((l) => l.startsWith("✗"))).toEqual([
      expect.stringMatching(
        /^✗ us-prod: protected aws:rds\/instance:Instance \S+ would be replaced \(identifier\)$/,
      ),
      expect.stringMatching(/^✗ us-prod: protected aws:rds\/instance:Instance \S+ would be removed$/),
    ]);
  });

  it("usage: two folders that hold plans", () => {
    expect(run(before, tempDir()).code).toBe(2);
    const out: string[] = [];
    expect(runDiff([before], { out: (s) => out.push(s), err: (s) => out.push(s) })).toBe(2);
    expect(out.join("\n")).toContain("npm run diff -- <earlier out dir> <new out dir>");
  });

  it("compares objects field by field, anything else whole", () => {
    expect(changedPaths({ a: { b: 1, c: [1] } }, { a: { b: 2, c: [1, 2] }, d: 1 })).toEqual([
      "a.b",
      "a.c",
      "d",
    ]);
  });
});
