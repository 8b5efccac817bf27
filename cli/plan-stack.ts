/**
 * One stack of `plan`: the real program under the mock engine (`runStack`, in the CLI's thread or
 * a worker's), then every check of what it registered (the output contract, the Kubernetes
 * schemas, Pod Security and workload hygiene, the unique names it claims) and its recording
 * written to the stack's staging folder (`checkStack`, in the CLI's thread). The result is plain
 * data, so that a stack's resources can be dropped as soon as they are written.
 */
import * as path from "node:path";
import type { Catalog } from "../config/types";
import { contractProblems } from "../contract/validate";
import { nameClaims, type Claim } from "../harness/collisions";
import { referencesRead, type ProgramRun } from "../harness/run";
import { cachedRun } from "../harness/run-cache";
import { SYNC_FILES, type FileSink } from "../harness/file-queue";
import { countsByType, kubernetesObjects, writeRunFiles } from "../harness/manifests";
import { hygieneViolations, podTemplatesOf, restrictedViolations } from "../harness/pod-security";
import { validateManifests } from "../harness/schemas";

export interface StackJob {
  stack: string;
  catalog: Catalog;
  stacksDir: string;
  /** Outputs of the stacks it reads, by fully qualified name (all run before it). */
  stackReferences: Record<string, Record<string, unknown>>;
  /** Where its files go (its staging folder); absent for a stack run only for its outputs. */
  dir?: string;
  /** Its AWS account (for the names IAM roles claim). */
  account?: string;
}

export interface StackResult {
  stack: string;
  outputs: Record<string, unknown>;
  resources: number;
  kubernetesObjects: number;
  protected: number;
  deployments: number;
  podTemplates: number;
  countsByType: [string, number][];
  schemaProblems: string[];
  podProblems: string[];
  contractProblems: string[];
  claims: Claim[];
}

/**
 * Runs one stack's program under the mock engine (the Pulumi SDK is loaded on first use: a plan's
 * main thread that leaves the programs to a worker never loads it).
 */
export function runStack(job: StackJob): Promise<ProgramRun> {
  const options = {
    catalog: job.catalog,
    stacksDir: job.stacksDir,
    stackReferences: referencesRead(job.catalog, job.stack, job.stackReferences),
  };
  // The test suite's run cache is looked up before the SDK is loaded (harness/run-cache.ts).
  return cachedRun(job.stack, options, async () =>
    (await import("../harness/engine")).recordProgram(job.stack, options),
  );
}

/** Checks what a stack registered, and writes its recording when it has a folder and passed. */
export function checkStack(run: ProgramRun, job: StackJob, files: FileSink = SYNC_FILES): StackResult {
  const { stack: s, catalog } = job;
  const objects = kubernetesObjects(run);
  const kubernetesVersion = catalog.clusters[catalog.environments[s]!.cluster]!.kubernetesVersion;
  const podProblems: string[] = [];
  let podTemplates = 0;
  for (const d of objects.filter((o) => o.kind === "Deployment")) {
    for (const v of hygieneViolations(d)) podProblems.push(`${s}: Deployment ${d.metadata?.name}: ${v}`);
  }
  for (const o of objects) {
    for (const t of podTemplatesOf(o)) {
      podTemplates++;
      for (const v of restrictedViolations(t.deployment)) podProblems.push(`${s}: ${t.name}: ${v}`);
    }
  }
  const result: StackResult = {
    stack: s,
    outputs: run.outputs,
    resources: run.resources.length,
    kubernetesObjects: objects.length,
    protected: run.resources.filter((r) => r.options.protect).length,
    deployments: run.ofType("kubernetes:apps/v1:Deployment").length,
    podTemplates,
    countsByType: countsByType(run),
    schemaProblems: validateManifests(objects, { kubernetesVersion }).map((p) => `${s}: ${p}`),
    podProblems,
    contractProblems: contractProblems(run.outputs.platform).map((p) => `${s}: outputs.platform ${p}`),
    claims: nameClaims(run, catalog, job.account),
  };
  const failed = result.schemaProblems.length + result.podProblems.length + result.contractProblems.length;
  if (job.dir && !failed) {
    writeRunFiles(run, job.dir, files);
    files.write(path.join(job.dir, "outputs.json"), JSON.stringify(run.outputs, null, 2) + "\n");
  }
  return result;
}
