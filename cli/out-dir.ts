/**
 * Where `plan` writes, all or nothing: `--out` is checked before any work (a file, a path under a
 * file, a place that cannot be written fail at once, with the reason), each stack's files are
 * written to a staging folder inside the output folder and moved into place only when every stack
 * was written, and a failure leaves the output folder as it was. Beside each stack's files, a
 * provenance file says what they came from.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Why `out` cannot be the output folder, or undefined when it can. `keep` are folders it may not
 * be, nor lie above (the project, the stack files): a stack's folder there would be replaced.
 */
export function outDirProblem(out: string, keep: readonly string[] = []): string | undefined {
  const resolved = path.resolve(out);
  for (const k of keep.map((x) => path.resolve(x)))
    if (resolved === k || k.startsWith(resolved + path.sep))
      return `--out ${out} is or holds ${k}, where plan would replace folders named like the stacks: name a folder of its own`;
  if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) return `--out ${out} is a file: name a folder`;
  let existing = out;
  while (!fs.existsSync(existing)) existing = path.dirname(existing);
  if (!fs.statSync(existing).isDirectory())
    return `--out ${out} lies under the file ${existing}: name a folder`;
  try {
    // A probe where the folder would be made: fails at once where nothing can be written (/proc, a read-only mount).
    fs.rmdirSync(fs.mkdtempSync(path.join(existing, ".plan-probe-")));
  } catch (err) {
    return `--out ${out} cannot be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message} in ${existing}): name a folder you can write`;
  }
  return undefined;
}

/** A staging folder inside the output folder, whose stacks' folders move into place together. */
export interface Staging {
  /** The staging folder of a stack (made on first use). */
  stackDir(stack: string): string;
  /**
   * Moves each old `<out>/<stack>` aside and the staged one in; on a failure it puts back what it
   * moved, removes what it made and rethrows. `rename` is `fs.renameSync` (a test passes one that fails).
   */
  commit(stacks: readonly string[], rename?: (from: string, to: string) => void): void;
  /** Removes everything staged (and the output folder, when staging made it). */
  abort(): void;
}

/** Starts staging inside `out`: nothing in `out` changes until `commit`. */
export function stageOut(out: string): Staging {
  const created = !fs.existsSync(out);
  fs.mkdirSync(out, { recursive: true });
  const staging = fs.mkdtempSync(path.join(out, ".plan-staging-"));
  const abort = () => {
    fs.rmSync(staging, { recursive: true, force: true });
    if (created) fs.rmSync(out, { recursive: true, force: true });
  };
  return {
    stackDir(stack) {
      const dir = path.join(staging, stack);
      fs.mkdirSync(dir, { recursive: true });
      return dir;
    },
    commit(stacks, rename = fs.renameSync) {
      const old = path.join(staging, ".old");
      const moved: { stack: string; hadOld: boolean }[] = [];
      try {
        fs.mkdirSync(old);
        for (const s of stacks) {
          const hadOld = fs.existsSync(path.join(out, s));
          if (hadOld) rename(path.join(out, s), path.join(old, s));
          moved.push({ stack: s, hadOld });
          rename(path.join(staging, s), path.join(out, s));
        }
      } catch (err) {
        for (const m of moved.reverse()) {
          const target = path.join(out, m.stack);
          const previous = path.join(old, m.stack);
          // The new folder out, the old one back (when it had been moved aside).
          if (fs.existsSync(target) && (!m.hadOld || fs.existsSync(previous)))
            fs.rmSync(target, { recursive: true, force: true });
          if (m.hadOld && fs.existsSync(previous)) fs.renameSync(previous, target);
        }
        abort();
        throw err;
      }
      fs.rmSync(staging, { recursive: true, force: true });
    },
    abort,
  };
}

export interface Provenance {
  /** The commit the plan came from, or that it came from uncommitted changes on it. */
  commit: string;
  /** sha256 of the catalog planned (its JSON). */
  catalog: string;
  /** sha256 of the stack's settings file. */
  stackFile: string;
}

const sha256 = (data: string | Buffer) => `sha256:${createHash("sha256").update(data).digest("hex")}`;

/** The commit of the project's checkout: `<sha>`, `<sha> with uncommitted changes`, or that there is none. */
export function checkoutCommit(root: string): string {
  const git = (...a: string[]) => spawnSync("git", a, { cwd: root, encoding: "utf8" });
  const head = git("rev-parse", "HEAD");
  if (head.status !== 0) return "not a git checkout";
  const dirty = git("status", "--porcelain", "--untracked-files=no").stdout.trim() !== "";
  return `${head.stdout.trim()}${dirty ? " with uncommitted changes" : ""}`;
}

export function provenance(commit: string, catalog: unknown, stackFile: string): Provenance {
  return {
    commit,
    catalog: sha256(JSON.stringify(catalog)),
    stackFile: fs.existsSync(stackFile) ? sha256(fs.readFileSync(stackFile)) : "none",
  };
}
