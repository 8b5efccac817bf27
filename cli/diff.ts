/**
 * `npm run diff -- <earlier out dir> <new out dir>`: what a change does to each stack, from two
 * recordings of `plan`, as Markdown for a pull-request comment. Exit codes: 0 nothing dangerous,
 * 1 a protected resource would be replaced or removed, 2 wrong usage.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { dangers, diffMarkdown, diffStack, type RecordedEntry } from "./diff-plans";

const read = (dir: string, stack: string): RecordedEntry[] => {
  const f = path.join(dir, stack, "resources.json");
  return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, "utf8")) as RecordedEntry[]) : [];
};
const stacksIn = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((s) => !s.startsWith(".") && fs.existsSync(path.join(dir, s, "resources.json")))
    : [];

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

const stdio: Io = {
  out: (s) => process.stdout.write(s + "\n"),
  err: (s) => process.stderr.write(s + "\n"),
};

export function runDiff(argv: readonly string[], io: Io = stdio): number {
  if (argv.length !== 2 || argv.some((a) => a.startsWith("-"))) {
    io.err(
      "✗ give the earlier out/ folder and the new one\n\nUsage:\n  npm run diff -- <earlier out dir> <new out dir>",
    );
    return 2;
  }
  const [before, after] = argv as [string, string];
  for (const d of [before, after])
    if (!stacksIn(d).length) {
      io.err(`✗ ${d} holds no plan (no <stack>/resources.json): run npm run plan -- --all --out ${d}`);
      return 2;
    }
  const stacks = [...new Set([...stacksIn(before), ...stacksIn(after)])].sort();
  const diffs = stacks.map((s) => diffStack(s, read(before, s), read(after, s)));
  io.out(diffMarkdown(diffs));
  const stop = diffs.flatMap(dangers);
  for (const x of stop) io.err(`✗ ${x}`);
  return stop.length ? 1 : 0;
}

if (require.main === module) process.exitCode = runDiff(process.argv.slice(2));
