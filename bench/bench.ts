/**
 * `npm run bench`: the cost of `plan` as a user runs it (`npm run plan -- us-prod` and `--all`:
 * wall time, CPU time, peak memory) beside its floor (bench/floor.ts: the same resources under the
 * same mock engine, nothing else, launched the same way: `npm run floor`, bundled by
 * cli/bundle.cjs), from paired runs, and their ratio. Then `--all` over catalogs of 1×, 4× and 16×
 * the deployable entries, with the cost per resource and per resource past 1×. Prints Markdown.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT } from "../lib/project";

interface Sample {
  wall: number;
  cpu: number;
  rssMiB: number;
}

/** One run under /usr/bin/time: wall seconds, user+system seconds, peak resident MiB. */
function measure(args: string[]): Sample {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", ...args], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed:\n${r.stderr}`);
  const [wall, user, sys, kib] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number) as [
    number,
    number,
    number,
    number,
  ];
  return { wall, cpu: user + sys, rssMiB: kib / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The median of each measure over paired runs. */
const medianSample = (xs: Sample[]): Sample => ({
  wall: median(xs.map((x) => x.wall)),
  cpu: median(xs.map((x) => x.cpu)),
  rssMiB: median(xs.map((x) => x.rssMiB)),
});

/** One run of a floor (bench/floor.ts), launched as `plan` is. */
const floorRun = (kind: "typed" | "generic", out: string, stacks: string[]) =>
  measure(["env", `FLOOR=${kind}`, "npm", "run", "-s", "floor", "--", out, ...stacks]);

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

function main() {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const rows: string[] = [
    "| case | plan wall | typed floor | ratio | generic floor | ratio | plan CPU | typed floor CPU | plan peak | typed floor peak |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const [label, stacks] of [
    ["one stack (us-prod)", ["us-prod"]],
    ["all stacks", ["--all"]],
  ] as const) {
    const plan: Sample[] = [];
    const typed: Sample[] = [];
    const generic: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      plan.push(measure(["npm", "run", "-s", "plan", "--", ...stacks, "--out", out]));
      const recorded =
        stacks[0] === "--all" ? fs.readdirSync(out).filter((s) => !s.startsWith(".")) : [...stacks];
      typed.push(floorRun("typed", out, recorded));
      generic.push(floorRun("generic", out, recorded));
    }
    const [p, t, g] = [medianSample(plan), medianSample(typed), medianSample(generic)];
    rows.push(
      `| ${label} | ${p.wall.toFixed(2)} s | ${t.wall.toFixed(2)} s | ${ratio(p.wall, t.wall)} | ${g.wall.toFixed(2)} s | ${ratio(p.wall, g.wall)} | ${p.cpu.toFixed(2)} s | ${t.cpu.toFixed(2)} s | ${p.rssMiB.toFixed(0)} MiB | ${t.rssMiB.toFixed(0)} MiB |`,
    );
  }
  process.stdout.write(
    `${rows.join("\n")}\n\n(${runs} paired runs each, medians; ${os.cpus().length} CPUs, Node ${process.version})\n\n`,
  );

  // How cost grows: synthetic catalogs of 1×, 4× and 16× the deployable entries (bench/scaled.ts).
  const scales = (process.env.BENCH_SCALES ?? "1,4,16").split(",").map(Number);
  const scaledRuns = Number(process.env.BENCH_SCALED_RUNS ?? 1);
  const grow: string[] = [
    "| catalog | resources | plan wall | per resource | marginal | typed floor | ratio | generic floor | ratio | plan peak | typed floor peak | ratio | generic floor peak | ratio |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  let first: { resources: number; wall: number } | undefined;
  for (const f of scales) {
    const file = path.join(out, `catalog-${f}.json`);
    const made = spawnSync("npx", ["tsx", "bench/scaled.ts", String(f)], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
    });
    fs.writeFileSync(file, made.stdout);
    const dir = path.join(out, `scaled-${f}`);
    const plans: Sample[] = [];
    const typeds: Sample[] = [];
    const generics: Sample[] = [];
    let stacks: string[] = [];
    for (let i = 0; i < scaledRuns; i++) {
      plans.push(measure(["npm", "run", "-s", "plan", "--", "--all", "--catalog", file, "--out", dir]));
      stacks = fs.readdirSync(dir).filter((s) => !s.startsWith("."));
      typeds.push(floorRun("typed", dir, stacks));
      generics.push(floorRun("generic", dir, stacks));
    }
    const [p, typed, generic] = [medianSample(plans), medianSample(typeds), medianSample(generics)];
    const resources = stacks.reduce(
      (n, s) =>
        n + (JSON.parse(fs.readFileSync(path.join(dir, s, "resources.json"), "utf8")) as unknown[]).length,
      0,
    );
    // What each resource past the smallest catalog costs: (wall − wall at 1×) ÷ (resources − resources at 1×).
    const marginal = first
      ? `${(((p.wall - first.wall) * 1000) / (resources - first.resources)).toFixed(2)} ms`
      : "–";
    first ??= { resources, wall: p.wall };
    grow.push(
      `| ${f}× | ${resources} | ${p.wall.toFixed(2)} s | ${((p.wall * 1000) / resources).toFixed(2)} ms | ${marginal} | ${typed.wall.toFixed(2)} s | ${ratio(p.wall, typed.wall)} | ${generic.wall.toFixed(2)} s | ${ratio(p.wall, generic.wall)} | ${p.rssMiB.toFixed(0)} MiB | ${typed.rssMiB.toFixed(0)} MiB | ${ratio(p.rssMiB, typed.rssMiB)} | ${generic.rssMiB.toFixed(0)} MiB | ${ratio(p.rssMiB, generic.rssMiB)} |`,
    );
  }
  process.stdout.write(
    `${grow.join("\n")}\n\n(${scaledRuns} paired run${scaledRuns === 1 ? "" : "s"} each, medians)\n`,
  );
}

main();
