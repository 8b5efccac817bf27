/**
 * The launcher (cli/bundle.cjs): a bundle is reused only while every file it was built from has
 * the same content (not merely older dates), and rebuilt otherwise; a file that does not compile
 * stops it with a message.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project";
import { tempDir } from "../helpers/cli";

/** A project of its own: the launcher, settings, node_modules linked, and an entry printing `said`. */
function project(): string {
  const dir = tempDir("bundle-");
  fs.mkdirSync(path.join(dir, "cli"));
  fs.copyFileSync(path.join(PROJECT_ROOT, "cli/bundle.cjs"), path.join(dir, "cli/bundle.cjs"));
  for (const f of ["tsconfig.json", "package.json"])
    fs.copyFileSync(path.join(PROJECT_ROOT, f), path.join(dir, f));
  fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "said.ts"), 'export const said = "one";\n');
  fs.writeFileSync(
    path.join(dir, "entry.ts"),
    'import { said } from "./said";\nexport function main(): void {\n  process.stdout.write(`${said} ${process.argv.slice(2).join(" ")}\\n`);\n}\n',
  );
  return dir;
}

const launch = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, ["cli/bundle.cjs", "entry.ts", ...args], { cwd: dir, encoding: "utf8" });

describe("cli/bundle.cjs", () => {
  it("runs the entry's main with its arguments, reuses the bundle, and rebuilds on any change of content", () => {
    const dir = project();
    expect(launch(dir, "a", "b").stdout).toBe("one a b\n");
    const bundle = path.join(dir, "out/.build/entry.js");
    const built = fs.statSync(bundle).mtimeMs;
    expect(launch(dir).stdout).toBe("one \n");
    expect(fs.statSync(bundle).mtimeMs).toBe(built);
    // A changed input whose date is older than the bundle (a copy keeping dates, a skewed clock).
    const said = path.join(dir, "said.ts");
    fs.writeFileSync(said, 'export const said = "two";\n');
    fs.utimesSync(said, new Date(2000, 0, 1), new Date(2000, 0, 1));
    expect(launch(dir).stdout).toBe("two \n");
    // The compiler's settings count too.
    const before = fs.statSync(bundle).mtimeMs;
    fs.appendFileSync(path.join(dir, "tsconfig.json"), "\n");
    expect(launch(dir).stdout).toBe("two \n");
    expect(fs.statSync(bundle).mtimeMs).toBeGreaterThan(before);
  });

  it("stops with a message when the entry does not compile, running nothing", () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, "said.ts"), "export const said = ;\n");
    const r = launch(dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("✗ entry.ts does not compile (above); nothing was run");
  });
});
