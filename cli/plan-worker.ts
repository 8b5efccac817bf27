/**
 * Runs the stacks of a plan, each after the stacks it reads (whose outputs answer its
 * StackReferences, as in a first deployment), and checks and writes each (cli/plan-stack.ts):
 * either all in this thread, one after another, or with the programs in worker threads, each
 * running one stack at a time and handing back what it registered, while this thread checks and
 * writes the stacks already run. Both give the same files and results
 * (tests/cli/plan-workers.test.ts).
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Catalog } from "../config/types";
import { deploymentOrder, stacksReadBy } from "../planner/deploy-order";
import { harnessStackName, programRun, type ProgramRun, type RecordedResource } from "../harness/run";
import { FileQueue } from "../harness/file-queue";
import type { StackJob, StackResult } from "./plan-stack";

export interface RunStacksOptions {
  catalog: Catalog;
  stacksDir: string;
  /** The staging folder of a stack whose files are written (the stacks asked for). */
  dirOf: (stack: string) => string;
  accountOf: (stack: string) => string | undefined;
  /** Worker threads running this script (a bundle that calls `servePlanWorker`), or none: in-process. */
  workers?: { script: string; count: number };
  /** Keep what each asked stack registered (tests read it), else drop it once written. */
  keepRuns?: boolean;
}

export interface StackRuns {
  /** The results of the stacks asked for, in the order asked. */
  results: StackResult[];
  /** What each asked stack registered, with `keepRuns` (else none). */
  runs: ProgramRun[];
}

/** A file of the recording could not be written (the programs and checks went through). */
export class WriteError extends Error {}

/** Runs the stacks asked for (and those they read); throws the first stack's failure. */
export async function runStacks(stacks: readonly string[], o: RunStacksOptions): Promise<StackRuns> {
  // Loaded here, not with the command: usage errors and invalid catalogs never load the checks'
  // schemas (kubernetes-models, ajv) or the SDK.
  const { checkStack, runStack } = await import("./plan-stack");
  const asked = new Set(stacks);
  // The stacks asked for and every stack they read, transitively, in a first deployment's order.
  const order = deploymentOrder(o.catalog, stacks, true);
  const refs: StackJob["stackReferences"] = {};
  const job = (s: string): StackJob => ({
    stack: s,
    catalog: o.catalog,
    stacksDir: o.stacksDir,
    stackReferences: { ...refs },
    ...(asked.has(s) ? { dir: o.dirOf(s) } : {}),
    ...(o.accountOf(s) ? { account: o.accountOf(s) } : {}),
  });
  const results = new Map<string, StackResult>();
  const runs = new Map<string, ProgramRun>();
  // Each stack's files are written while the next stack runs.
  const files = new FileQueue();
  // A stack's run is back: its outputs answer the stacks that read it (at once: the next jobs
  // carry them), and an asked stack is checked and written.
  const returned = (j: StackJob, run: ProgramRun) => (refs[harnessStackName(j.stack)] = run.outputs);
  const ran = (j: StackJob, run: ProgramRun) => {
    if (!asked.has(j.stack)) return;
    results.set(j.stack, checkStack(run, j, files));
    if (o.keepRuns) runs.set(j.stack, run);
  };
  try {
    if (o.workers && o.workers.count > 0) await inWorkers(order, o, job, { returned, ran }, o.workers);
    else
      for (const s of order) {
        const j = job(s);
        const run = await runStack(j);
        returned(j, run);
        ran(j, run);
      }
  } catch (err) {
    // Nothing may still be writing when the caller removes the staging folder.
    await files.drain().catch(() => undefined);
    throw err;
  }
  await files.drain().catch((err: unknown) => {
    throw new WriteError(err instanceof Error ? err.message : String(err));
  });
  return {
    results: stacks.map((s) => results.get(s)!),
    runs: o.keepRuns ? stacks.map((s) => runs.get(s)!) : [],
  };
}

/** What a worker hands back: a run's plain data (its indexes are rebuilt here). */
interface WorkerAnswer {
  resources?: RecordedResource[];
  outputs?: Record<string, unknown>;
  error?: string;
}

/**
 * Each stack, once the stacks it reads have run, to the next free worker; a run handed back
 * frees its worker for the next stack before it is checked here. The first failure stops all.
 */
async function inWorkers(
  order: readonly string[],
  o: RunStacksOptions,
  job: (s: string) => StackJob,
  on: { returned: (j: StackJob, run: ProgramRun) => void; ran: (j: StackJob, run: ProgramRun) => void },
  spec: { script: string; count: number },
): Promise<void> {
  const waiting = [...order];
  const done = new Set<string>();
  const workers = Array.from(
    { length: Math.min(spec.count, order.length) },
    () => new Worker(spec.script, { workerData: { planWorker: true } }),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      // Stacks handed to a worker and not yet checked here: a run counts until its checks are done.
      let open = 0;
      const busy = new Set<Worker>();
      const idle: Worker[] = [];
      const fail = (err: unknown) => reject(err instanceof Error ? err : new Error(String(err)));
      const ready = () => waiting.findIndex((s) => stacksReadBy(o.catalog, s).every((r) => done.has(r)));
      const settle = () => {
        if (open) return;
        if (waiting.length) fail(new Error(`stacks ${waiting.join(", ")} never became ready`));
        else resolve();
      };
      const next = (w: Worker) => {
        const i = ready();
        if (i < 0) {
          // Nothing ready: wait for a running stack to finish (or, none left, be done).
          idle.push(w);
          return settle();
        }
        const j = job(waiting.splice(i, 1)[0]!);
        open++;
        busy.add(w);
        w.once("message", (m: WorkerAnswer) => {
          busy.delete(w);
          try {
            if (m.error !== undefined) throw new Error(m.error);
            const run = programRun(j.stack, m.resources!, m.outputs!);
            done.add(j.stack);
            on.returned(j, run);
            // The workers go on with the stacks now ready, then this thread checks and writes.
            const wake = idle.splice(0);
            next(w);
            wake.forEach(next);
            on.ran(j, run);
            open--;
            settle();
          } catch (err) {
            fail(err);
          }
        });
        w.postMessage(j);
      };
      for (const w of workers) {
        w.on("error", fail);
        // A worker that stops while it holds a stack (whatever its exit code) fails the plan.
        w.on("exit", (code) => {
          if (code !== 0 || busy.has(w)) fail(new Error(`a plan worker stopped (exit ${code})`));
        });
      }
      workers.forEach(next);
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The worker side: runs the program of each job it is sent and hands back what it registered. */
export function servePlanWorker(): boolean {
  if (isMainThread || !(workerData as { planWorker?: boolean } | undefined)?.planWorker) return false;
  parentPort!.on("message", (j: StackJob) => {
    import("./plan-stack")
      .then(({ runStack }) => runStack(j))
      .then(
        (run) =>
          parentPort!.postMessage({ resources: run.resources, outputs: run.outputs } satisfies WorkerAnswer),
        (err: unknown) =>
          parentPort!.postMessage({
            error: err instanceof Error ? err.message : String(err),
          } satisfies WorkerAnswer),
      );
  });
  return true;
}
