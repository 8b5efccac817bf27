/**
 * `npm run plan -- <stack> | --all [--catalog file.json] [--out dir] [--stacks-dir dir]`
 * `npm run plan -- --print-catalog`
 *
 * The offline plan: validates the catalog and the stack settings, plans each stack and shows
 * what it will build, with no cloud account. Writes `<out>/<stack>/summary.md` (a pull-request
 * comment) and `<out>/<stack>/graph.mmd` (Mermaid). Exit codes: 0 planned, 1 invalid catalog or
 * config, 2 wrong usage.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { catalog as builtinCatalog } from "../config";
import type { Catalog } from "../config/types";
import { listStackFiles, PROJECT_ROOT, stackFilePath } from "../lib/project";
import { checkoutCommit, outDirProblem, provenance, stageOut } from "./out-dir";
import { runStacks, servePlanWorker, WriteError, type StackRuns } from "./plan-worker";
import {
  formatChecksText,
  formatPlanMarkdown,
  formatPlanMermaid,
  formatPlanText,
  formatProblems,
  parseCatalogJson,
  planEnvironment,
  planFigures,
  STACK_CONFIG_KEYS,
  validateCatalog,
  type EnvironmentPlan,
  type StackSettings,
  type ValidationReport,
} from "../planner";
import { SCHEMA_VERSION } from "../contract/schema";
import { supportWarnings } from "../planner/addon-support";
import { sorted } from "../planner/naming";
import { readStackConfig, resolveStackSettings } from "../lib/stack-config";
import { collisions } from "../harness/collisions";
import type { ProgramRun } from "../harness/run";

export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export const USAGE = `Usage:
  npm run plan -- <stack>            plan one stack (an environment of the catalog)
  npm run plan -- --all              plan every stack
  npm run plan -- --print-catalog    print the built-in catalog as JSON
Options:
  --catalog <file.json>   plan this catalog instead of the built-in one
  --out <dir>             write the reports here (default: out/)
  --stacks-dir <dir>      where the Pulumi.<stack>.yaml files are (default: the project root)
Exit codes: 0 planned, 1 invalid catalog or config, 2 wrong usage.`;

export interface PlanArgs {
  stacks: string[] | "all";
  catalogFile?: string;
  out: string;
  stacksDir: string;
  printCatalog: boolean;
  help: boolean;
}

export class UsageError extends Error {}

/** Options npm takes for itself when they come before `--` (`npm run plan --all`). */
const NPM_SWALLOWED = { all: "--all", print_catalog: "--print-catalog" } as const;

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): PlanArgs {
  const args: PlanArgs = {
    stacks: [],
    out: path.join(PROJECT_ROOT, "out"),
    stacksDir: PROJECT_ROOT,
    printCatalog: false,
    help: false,
  };
  let all = false;
  let outGiven = false;
  const stacks: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--all") all = true;
    else if (a === "--catalog") args.catalogFile = value();
    else if (a === "--out") {
      args.out = path.resolve(value());
      outGiven = true;
    } else if (a === "--stacks-dir") args.stacksDir = path.resolve(value());
    else if (a === "--print-catalog") args.printCatalog = true;
    else if (a === "--help" || a === "-h") args.help = true;
    else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
    else stacks.push(a);
  }
  if (args.help) return args;
  if (!argv.length) {
    for (const [key, flag] of Object.entries(NPM_SWALLOWED))
      if (env[`npm_config_${key}`] === "true")
        throw new UsageError(`npm took ${flag} for itself: put it after --, as in npm run plan -- ${flag}`);
  }
  if (args.printCatalog) {
    if (all || stacks.length || args.catalogFile || outGiven)
      throw new UsageError(
        "--print-catalog prints to standard output and takes no stack, no --catalog and no --out: npm run plan -- --print-catalog > catalog.json",
      );
    return args;
  }
  const twice = stacks.filter((s, i) => stacks.indexOf(s) !== i);
  if (twice.length)
    throw new UsageError(`stack ${[...new Set(twice)].join(", ")} named twice: name each stack once`);
  if (all && stacks.length) throw new UsageError("give either stack names or --all, not both");
  if (!all && !stacks.length) throw new UsageError("name a stack, or --all");
  args.stacks = all ? "all" : stacks;
  return args;
}

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

const stdio: Io = { out: (s) => process.stdout.write(s + "\n"), err: (s) => process.stderr.write(s + "\n") };

/** Loads the catalog named by the arguments, or reports why it cannot. */
function loadCatalog(args: PlanArgs, io: Io): Catalog | undefined {
  if (!args.catalogFile) return builtinCatalog;
  let text: string;
  try {
    text = fs.readFileSync(args.catalogFile, "utf8");
  } catch (err) {
    io.err(`✗ cannot read catalog ${args.catalogFile}: ${(err as Error).message}`);
    return undefined;
  }
  const { catalog, problems } = parseCatalogJson(text, args.catalogFile);
  if (!catalog) {
    io.err(`Invalid catalog ${args.catalogFile}: ${problems.length} problems\n${formatProblems(problems)}`);
    return undefined;
  }
  return catalog;
}

export interface PlanRun {
  code: number;
  plans: EnvironmentPlan[];
  /** What the real program registered for each planned stack, under the mock engine (with `keepRuns`). */
  runs: ProgramRun[];
  report?: ValidationReport;
}

/** The whole command, with its output sent to `io`. Returns the exit code and the plans made. */
export interface PlanOptions {
  /** Run the stacks in worker threads running this script (the CLI's bundle), instead of in-process. */
  workers?: { script: string; count: number };
  /** Return what each stack registered (`PlanRun.runs`; in-process only): the tests read it. */
  keepRuns?: boolean;
}

export async function runPlan(
  argv: readonly string[],
  io: Io = stdio,
  options: PlanOptions = {},
): Promise<PlanRun> {
  let args: PlanArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`✗ ${err.message}\n\n${USAGE}`);
    return { code: EXIT.usage, plans: [], runs: [] };
  }
  if (args.help) {
    io.out(USAGE);
    return { code: EXIT.ok, plans: [], runs: [] };
  }
  if (args.printCatalog) {
    io.out(JSON.stringify(builtinCatalog, null, 2));
    return { code: EXIT.ok, plans: [], runs: [] };
  }

  const outProblem = outDirProblem(args.out, [PROJECT_ROOT, args.stacksDir]);
  if (outProblem) {
    io.err(`✗ ${outProblem} (nothing was planned)`);
    return { code: EXIT.usage, plans: [], runs: [] };
  }

  const catalog = loadCatalog(args, io);
  if (!catalog) return { code: EXIT.invalid, plans: [], runs: [] };

  const started = process.hrtime.bigint();
  const stackFiles = fs.existsSync(args.stacksDir) ? listStackFiles(args.stacksDir) : [];
  const report = validateCatalog(catalog, { stackFiles });
  if (!report.ok) {
    const errors = report.problems.filter((p) => p.severity === "error");
    io.err(
      `Invalid catalog: ${errors.length} problem${errors.length === 1 ? "" : "s"} (nothing was planned)\n${formatProblems(report.problems)}`,
    );
    io.err("");
    io.err(formatChecksText(report));
    return { code: EXIT.invalid, plans: [], runs: [], report };
  }

  const envNames = sorted(Object.keys(catalog.environments));
  const stacks = args.stacks === "all" ? envNames : args.stacks;
  const unknown = stacks.filter((s) => !envNames.includes(s));
  if (unknown.length) {
    io.err(
      `✗ unknown stack ${unknown.map((s) => `"${s}"`).join(", ")}: the stacks are ${envNames.join(", ")}\n\n${USAGE}`,
    );
    return { code: EXIT.usage, plans: [], runs: [], report };
  }

  // Stack settings: every problem of every stack at once.
  const settingsProblems: string[] = [];
  const settingsByStack = new Map<string, StackSettings>();
  const unsetSecrets = new Map<string, string[]>();
  for (const s of stacks) {
    let file;
    try {
      file = readStackConfig(s, args.stacksDir);
    } catch (err) {
      settingsProblems.push(`✗ ${s}: ${(err as Error).message}`);
      continue;
    }
    const { settings, problems } = resolveStackSettings(s, file.values, catalog, args.stacksDir);
    for (const p of problems) settingsProblems.push(`✗ ${path.basename(file.path)}: ${p.key} ${p.message}`);
    if (settings) settingsByStack.set(s, settings);
    for (const k of STACK_CONFIG_KEYS.filter((k) => k.secret)) {
      if (!file.secureKeys.includes(k.key)) unsetSecrets.set(k.key, [...(unsetSecrets.get(k.key) ?? []), s]);
    }
    for (const k of Object.keys(file.values)) {
      if (STACK_CONFIG_KEYS.some((c) => c.key === k && c.secret))
        settingsProblems.push(
          `✗ ${path.basename(file.path)}: ${k} is a secret but is stored in plain text: use pulumi config set --secret`,
        );
    }
  }
  if (settingsProblems.length) {
    io.err(
      `Invalid stack settings: ${settingsProblems.length} problem${settingsProblems.length === 1 ? "" : "s"} (nothing was planned)\n${settingsProblems.join("\n")}`,
    );
    return { code: EXIT.invalid, plans: [], runs: [], report };
  }

  const plans = stacks.map((s) => planEnvironment(catalog, s, settingsByStack.get(s)!));

  // The real program, for each stack, under the mock engine (each after the stacks it reads, as in
  // a first deployment), checked, its recording staged inside the output folder.
  const staging = stageOut(args.out);
  let ran: StackRuns;
  try {
    ran = await runStacks(stacks, {
      catalog,
      stacksDir: args.stacksDir,
      dirOf: (s) => staging.stackDir(s),
      accountOf: (s) => settingsByStack.get(s)?.awsAccountId,
      ...(options.workers ? { workers: options.workers } : {}),
      ...(options.keepRuns ? { keepRuns: true } : {}),
    });
  } catch (err) {
    staging.abort();
    io.err(
      err instanceof WriteError
        ? `✗ cannot write ${args.out}: ${err.message} (nothing was written): name a folder you can write`
        : `✗ the program failed before registering everything (nothing was written):\n${(err as Error).message}`,
    );
    return { code: EXIT.invalid, plans: [], runs: [], report };
  }
  const { results, runs } = ran;
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const schemaProblems = results.flatMap((r) => r.schemaProblems);
  const podProblems = results.flatMap((r) => r.podProblems);
  const contractErrors = results.flatMap((r) => r.contractProblems);
  const objectCount = results.reduce((n, r) => n + r.kubernetesObjects, 0);
  const podTemplates = results.reduce((n, r) => n + r.podTemplates, 0);

  // All or nothing: a failed check writes nothing, and the files move into place only once all are written.
  const failedChecks = [
    ...schemaProblems,
    ...podProblems,
    ...contractErrors,
    ...collisions(results.map((r) => r.claims)),
  ];
  if (failedChecks.length) {
    staging.abort();
    io.err(
      `✗ ${failedChecks.length} check${failedChecks.length === 1 ? "" : "s"} failed (nothing was written):`,
    );
    for (const p of failedChecks) io.err(`✗ ${p}`);
    return { code: EXIT.invalid, plans, runs, report };
  }
  const commit = checkoutCommit(PROJECT_ROOT);
  try {
    for (const [i, s] of stacks.entries()) {
      const dir = staging.stackDir(s);
      fs.writeFileSync(
        path.join(dir, "summary.md"),
        formatPlanMarkdown(plans[i]!, report, results[i]!.countsByType),
      );
      fs.writeFileSync(path.join(dir, "graph.mmd"), formatPlanMermaid(plans[i]!));
      const p = provenance(commit, catalog, stackFilePath(s, args.stacksDir));
      fs.writeFileSync(path.join(dir, "provenance.json"), JSON.stringify(p, null, 2) + "\n");
    }
    staging.commit(stacks);
  } catch (err) {
    staging.abort();
    io.err(
      `✗ cannot write ${args.out}: ${(err as Error).message} (nothing was written): name a folder you can write`,
    );
    return { code: EXIT.invalid, plans, runs, report };
  }
  for (const [i, plan] of plans.entries()) {
    const r = results[i]!;
    const dir = path.join(args.out, plan.environment);
    io.out(formatPlanText(plan, catalog));
    io.out(
      `  resources       ${r.resources} (${r.kubernetesObjects} Kubernetes objects, ${r.protected} protected)`,
    );
    for (const [type, n] of r.countsByType) io.out(`    ${String(n).padStart(4)}  ${type}`);
    io.out(
      `  wrote ${path.relative(process.cwd(), dir) || "."}/summary.md, graph.mmd, resources.json, outputs.json, provenance.json, manifests.yaml${r.countsByType.some(([t]) => t === "kubernetes:helm.sh/v4:Chart") ? ", charts.yaml" : ""}`,
    );
    io.out("");
  }
  if (plans.length > 1) {
    io.out("All stacks:");
    io.out(
      `  ${"stack".padEnd(16)} ${"workloads".padStart(9)} ${"pods".padStart(5)} ${"stores".padStart(6)} ${"hosts".padStart(5)} ${"edges".padStart(5)}`,
    );
    for (const p of plans) {
      const { pods } = planFigures(p);
      io.out(
        `  ${p.environment.padEnd(16)} ${String(p.workloads.length).padStart(9)} ${String(pods).padStart(5)} ${String(p.dataStores.length).padStart(6)} ${String(p.publicHosts.length).padStart(5)} ${String(p.edges.length).padStart(5)}`,
      );
    }
    io.out("");
  }
  io.out(formatChecksText(report));
  const deploymentCount = results.reduce((n, r) => n + r.deployments, 0);
  io.out(
    `  ${schemaProblems.length ? "✗" : "✓"} Kubernetes objects valid against their OpenAPI and CRD schemas (${objectCount} objects)${schemaProblems.length ? ` — ${schemaProblems.length} errors` : ""}`,
  );
  io.out(
    `  ${podProblems.length ? "✗" : "✓"} Pod templates pass Pod Security "restricted", Deployments the workload hygiene rules (${podTemplates} pod templates, ${deploymentCount} Deployments)${podProblems.length ? ` — ${podProblems.length} errors` : ""}`,
  );
  io.out(
    `  ✓ no two resources claim one unique name: Kubernetes objects and Helm releases per cluster, IAM roles per account, buckets, Vault policies and roles, DNS records per zone (${results.length} stacks)`,
  );
  io.out(
    `  ${contractErrors.length ? "✗" : "✓"} outputs follow the contract, schema version ${SCHEMA_VERSION} (${results.length} stacks)${contractErrors.length ? ` — ${contractErrors.length} errors` : ""}`,
  );
  if (plans.some((p) => p.addonOwner)) for (const w of supportWarnings()) io.out(`  ! ${w}`);
  for (const w of report.problems.filter((p) => p.severity === "warning"))
    io.out(`  ! ${w.path}: ${w.message}. Fix: ${w.fix}`);
  for (const [key, stacksWithout] of unsetSecrets) {
    io.out(
      `  note: secret ${key} is not set yet for ${stacksWithout.join(", ")}: pulumi config set --secret ${key.split(":")[1]} < file --stack <stack>`,
    );
  }
  io.out(
    `Planned ${plans.length} stack${plans.length === 1 ? "" : "s"} (${results.reduce((n, r) => n + r.resources, 0)} resources) in ${elapsedMs.toFixed(0)} ms.`,
  );
  return { code: EXIT.ok, plans, runs, report };
}

/** What an unexpected failure prints: a message, never a trace (PLAN_DEBUG=1 adds the trace). */
export function reportFailure(err: unknown, io: Io = stdio, debug = Boolean(process.env.PLAN_DEBUG)): number {
  const message = err instanceof Error ? err.message : String(err);
  io.err(`✗ plan failed: ${message}`);
  if (debug && err instanceof Error && err.stack) io.err(err.stack);
  return EXIT.invalid;
}

/**
 * Worker threads when this module runs as the built bundle (`npm run plan`, through
 * cli/bundle.cjs) and `PLAN_WORKERS` asks for them: the programs run in that many threads while
 * this one checks and writes what they registered. By default (and with 0) everything runs in
 * this thread, as `tsx cli/plan.ts` and the tests do: on the 2-CPU machines this project is
 * measured on, one thread was faster (README, "What planning costs").
 */
export function workerOptions(
  env: NodeJS.ProcessEnv = process.env,
  script: string = __filename,
): PlanOptions {
  const given = env.PLAN_WORKERS;
  const count = given === undefined || given === "" ? 0 : Number(given);
  if (!Number.isInteger(count) || count < 0)
    throw new UsageError(`PLAN_WORKERS=${given} is not a number of worker threads: give 0 or more`);
  return script.endsWith(".js") && count > 0 ? { workers: { script, count } } : {};
}

/** The command as the CLI runs it. */
export function main(): void {
  let options: PlanOptions;
  try {
    options = workerOptions();
  } catch (err) {
    process.stderr.write(`✗ ${(err as Error).message}\n`);
    process.exitCode = EXIT.usage;
    return;
  }
  runPlan(process.argv.slice(2), stdio, options).then(
    (r) => (process.exitCode = r.code),
    (err: unknown) => (process.exitCode = reportFailure(err)),
  );
}

// In a plan worker thread this module serves jobs (cli/plan-worker.ts); run directly, it is the command.
if (!servePlanWorker() && require.main === module) main();
