/**
 * What one run of the program registered, as plain data: JSON-safe, so that a run recorded once
 * (by the test suite's global setup, or by `plan`) can be read back without the Pulumi SDK.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { threadId } from "node:worker_threads";
import type { Catalog } from "../config/types";
import { stacksReadBy } from "../planner/deploy-order";

/**
 * The value a secret config key gets under the harness: recognisable wherever it leaks. A
 * kubeconfig gets a document of the right shape (the program reads its cluster CA for Vault),
 * whose every value is the marker or plainly a stand-in.
 */
export const SECRET_PLACEHOLDER = (key: string, server?: string): string => {
  const marker = `<secret ${key}>`;
  if (!key.endsWith(":kubeconfig")) return marker;
  const ca = Buffer.from(
    "-----BEGIN CERTIFICATE-----\nstand-in CA of the harness\n-----END CERTIFICATE-----\n",
  ).toString("base64");
  return [
    `# ${marker}`,
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "  - name: harness",
    "    cluster:",
    `      server: "${server ?? marker}"`,
    `      certificate-authority-data: ${ca}`,
    "",
  ].join("\n");
};

/** The organization the harness runs stacks in (what `pulumi.getOrganization()` answers). */
export const HARNESS_ORGANIZATION = "acme";

/** A stack's fully qualified name under the harness. */
export const harnessStackName = (stack: string) => `${HARNESS_ORGANIZATION}/ecommerce-platform/${stack}`;

export interface RecordedOptions {
  protect: boolean;
  retainOnDelete: boolean;
  deleteBeforeReplace: boolean;
  dependsOn: string[];
  ignoreChanges: string[];
  replaceOnChanges: string[];
  aliases: number;
}

export interface RecordedResource {
  /** `type::name`: unique in a stack (the harness fails on a duplicate). */
  key: string;
  urn: string;
  type: string;
  name: string;
  /** Key of the parent (`pulumi:pulumi:Stack::…` for top-level resources). */
  parent?: string;
  /** Key of the explicit provider, if any. */
  provider?: string;
  custom: boolean;
  /** Read from the cloud (`<Resource>.get`), not created: no manifest, nothing to validate. */
  read?: boolean;
  /** The ID it is read by (`kong/kong-proxy`). */
  readId?: string;
  /** Inputs as the engine receives them; secrets appear as `{ secret: value }`-marked paths. */
  inputs: Record<string, unknown>;
  /** Input paths holding secrets (e.g. `kubeconfig`). */
  secretPaths: string[];
  options: RecordedOptions;
}

export interface ProgramRun {
  stack: string;
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
  byKey: Map<string, RecordedResource>;
  /** Resources of a type, in registration order. */
  ofType(type: string): RecordedResource[];
}

/** A run from its resources and outputs, with its indexes. */
export function programRun(
  stack: string,
  resources: RecordedResource[],
  outputs: Record<string, unknown>,
): ProgramRun {
  const byKey = new Map(resources.map((r) => [r.key, r]));
  const byType = new Map<string, RecordedResource[]>();
  for (const r of resources) {
    const list = byType.get(r.type);
    if (list) list.push(r);
    else byType.set(r.type, [r]);
  }
  return { stack, resources, outputs, byKey, ofType: (type) => [...(byType.get(type) ?? [])] };
}

/**
 * Writes a run as `<dir>/<name>.json` (by default its stack's name), whole and then renamed into
 * place: a reader in another process never sees half of one.
 */
export function saveRun(run: ProgramRun, dir: string, name: string = run.stack): void {
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${name}.${process.pid}.${threadId}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify({ stack: run.stack, resources: run.resources, outputs: run.outputs }));
  fs.renameSync(tmp, path.join(dir, `${name}.json`));
}

/** Reads a stack's run written by `saveRun` under `name` (by default the stack's name). */
export function loadRun(stack: string, dir: string, name: string = stack): ProgramRun {
  const data = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), "utf8")) as {
    resources: RecordedResource[];
    outputs: Record<string, unknown>;
  };
  return programRun(stack, data.resources, data.outputs);
}

/** Of other stacks' outputs (by fully qualified name), those of the stacks `stack` reads. */
export function referencesRead(
  catalog: Catalog,
  stack: string,
  outputs: Record<string, Record<string, unknown>>,
): Record<string, Record<string, unknown>> {
  const reads = new Set(stacksReadBy(catalog, stack).map(harnessStackName));
  return Object.fromEntries(Object.entries(outputs).filter(([name]) => reads.has(name)));
}
