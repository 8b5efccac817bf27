/**
 * `node cli/bundle.cjs <entry.ts> [args…]`: runs one of this project's TypeScript commands with
 * plain Node. The entry and the project's modules it imports are bundled by esbuild into
 * `out/.build/<entry>.js` (packages stay in node_modules, loaded as they are), and the bundle is
 * reused while every file it was built from (and this script, tsconfig.json, package.json) has the
 * same content; then the entry's exported `main()` runs. Against
 * `tsx`, which hooks and re-reads every module each run, this is the cost of Node alone, and
 * the bundle is a file worker threads can load (cli/plan-worker.ts).
 */
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const [entry, ...args] = process.argv.slice(2);
if (!entry || !entry.endsWith(".ts")) {
  process.stderr.write("usage: node cli/bundle.cjs <entry.ts> [args…]\n");
  process.exit(2);
}
// A dot folder: `out/` also holds one folder per planned stack, and no stack's name starts with a dot.
const outfile = path.join(root, "out", ".build", `${entry.replace(/\.ts$/, "").replace(/[\\/]/g, "-")}.js`);
const inputsFile = `${outfile}.inputs.json`;
const esbuildVersion = () => require("esbuild/package.json").version;

/** What the bundle also depends on besides its inputs: this script and the compiler's settings. */
const SETTINGS = ["cli/bundle.cjs", "tsconfig.json", "package.json"];

/** The sha256 of files' names and contents (relative to the project). */
function digest(files) {
  const h = createHash("sha256");
  for (const f of files)
    h.update(`${f}\0`)
      .update(fs.readFileSync(path.join(root, f)))
      .update("\0");
  return h.digest("hex");
}

/** Whether the bundle was built by this esbuild from exactly the files there are now (by content, not dates). */
function fresh() {
  try {
    const built = JSON.parse(fs.readFileSync(inputsFile, "utf8"));
    return (
      built.esbuild === esbuildVersion() &&
      fs.existsSync(outfile) &&
      built.digest === digest([...SETTINGS, ...built.inputs])
    );
  } catch {
    return false;
  }
}

if (!fresh()) {
  const { buildSync } = require("esbuild");
  let result;
  try {
    result = buildSync({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      packages: "external",
      metafile: true,
      write: false,
      logLevel: "warning",
    });
  } catch {
    // esbuild has printed what does not compile, with its place.
    process.stderr.write(`✗ ${entry} does not compile (above); nothing was run\n`);
    process.exit(1);
  }
  // Written whole and renamed into place: another run starting meanwhile never reads half a bundle.
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const inputs = Object.keys(result.metafile.inputs);
  const tag = `${process.pid}.tmp`;
  fs.writeFileSync(`${outfile}.${tag}`, result.outputFiles[0].contents);
  fs.writeFileSync(
    `${inputsFile}.${tag}`,
    JSON.stringify({ esbuild: esbuildVersion(), inputs, digest: digest([...SETTINGS, ...inputs]) }),
  );
  fs.renameSync(`${outfile}.${tag}`, outfile);
  fs.renameSync(`${inputsFile}.${tag}`, inputsFile);
}
process.argv = [process.argv[0], outfile, ...args];
const { main } = require(outfile);
if (typeof main !== "function") {
  process.stderr.write(`${entry} exports no main()\n`);
  process.exit(2);
}
main();
