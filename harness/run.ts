/**
 * What one run of the program registered, as plain data: JSON-safe, so that a run recorded once
 * (by the test suite's global setup, or by `plan`) can be read back without the Pulumi SDK.
 */
import * as fs from "node:fs";
import * as path from "node:path";

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

/** Writes a run as `<dir>/<stack>.json`. */
export function saveRun(run: ProgramRun, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `${run.stack}.json`),
    JSON.stringify({ stack: run.stack, resources: run.resources, outputs: run.outputs }),
  );
}

/** Reads a run written by `saveRun`. */
export function loadRun(stack: string, dir: string): ProgramRun {
  const data = JSON.parse(fs.readFileSync(path.join(dir, `${stack}.json`), "utf8")) as {
    resources: RecordedResource[];
    outputs: Record<string, unknown>;
  };
  return programRun(stack, data.resources, data.outputs);
}
