/**
 * `node cli/bundle.cjs <entry.ts> [args…]`: runs one of this project's TypeScript commands with
 * plain Node. The entry and the project's modules it imports are bundled by esbuild into
 * `out/build/<entry>.js` (packages stay in node_modules, loaded as they are), and the bundle is
 * reused while none of its inputs changed; then the entry's exported `main()` runs. Against
 * `tsx`, which hooks and re-reads every module each run, this is the cost of Node alone, and
 * the bundle is a file worker threads can load (cli/plan-worker.ts).
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const [entry, ...args] = process.argv.slice(2);
if (!entry || !entry.endsWith(".ts")) {
  process.stderr.write("usage: node cli/bundle.cjs <entry.ts> [args…]\n");
  process.exit(2);
}
const outfile = path.join(root, "out", "build", `${entry.replace(/\.ts$/, "").replace(/[\\/]/g, "-")}.js`);
const inputsFile = `${outfile}.inputs.json`;
const esbuildVersion = () => require("esbuild/package.json").version;

/** Whether the bundle is newer than every input it was built from (this script and esbuild included). */
function fresh() {
  try {
    const { esbuild, inputs } = JSON.parse(fs.readFileSync(inputsFile, "utf8"));
    if (esbuild !== esbuildVersion()) return false;
    const built = fs.statSync(outfile).mtimeMs;
    return [__filename, ...inputs.map((f) => path.join(root, f))].every(
      (f) => fs.statSync(f).mtimeMs < built,
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
  const tmp = `${outfile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, result.outputFiles[0].contents);
  fs.renameSync(tmp, outfile);
  fs.writeFileSync(
    `${inputsFile}.${process.pid}.tmp`,
    JSON.stringify({ esbuild: esbuildVersion(), inputs: Object.keys(result.metafile.inputs) }),
  );
  fs.renameSync(`${inputsFile}.${process.pid}.tmp`, inputsFile);
}
process.argv = [process.argv[0], outfile, ...args];
const { main } = require(outfile);
if (typeof main !== "function") {
  process.stderr.write(`${entry} exports no main()\n`);
  process.exit(2);
}
main();
