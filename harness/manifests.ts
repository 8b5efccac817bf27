/**
 * What a stack's run registered, as files: every Kubernetes object as YAML (`manifests.yaml`, named
 * as the provider's `renderYamlToDirectory` names its files), the Helm charts with their pinned
 * versions and values (`charts.yaml`), and every resource with its inputs and options (secrets
 * redacted) in `resources.json`.
 */
import * as path from "node:path";
import type { ProgramRun, RecordedResource } from "./engine";
import type { ManifestObject } from "./schemas";
import { sorted } from "../planner/naming";
import { toYaml } from "./yaml";
import { SYNC_FILES, type FileSink } from "./file-queue";

const HELM_CHART = "kubernetes:helm.sh/v4:Chart";

/** Kubernetes objects a run registered (Helm charts and providers excluded), in registration order. */
export function kubernetesObjects(run: ProgramRun): ManifestObject[] {
  return run.resources
    .filter((r) => r.type.startsWith("kubernetes:") && r.type !== HELM_CHART && r.custom && !r.read)
    .map((r) => r.inputs as ManifestObject);
}

export function helmCharts(run: ProgramRun): RecordedResource[] {
  return run.ofType(HELM_CHART);
}

/** The file name `renderYamlToDirectory` gives an object. */
export function manifestFileName(o: ManifestObject): string {
  const ns = o.metadata?.namespace ?? "";
  return `${o.apiVersion.replace(/\//g, "_")}-${o.kind.toLowerCase()}-${ns ? `${ns}-` : ""}${o.metadata?.name ?? "unnamed"}.yaml`;
}

/** Inputs with every secret path replaced by "[secret]". */
export function redactedInputs(r: RecordedResource): Record<string, unknown> {
  // Most resources hold no secret: their inputs as they are (callers only read them).
  if (!r.secretPaths.length) return r.inputs;
  const copy = JSON.parse(JSON.stringify(r.inputs)) as Record<string, unknown>;
  for (const p of r.secretPaths) {
    const parts = p.split(".");
    let cur: Record<string, unknown> | undefined = copy;
    for (const k of parts.slice(0, -1)) cur = cur?.[k] as Record<string, unknown> | undefined;
    if (cur && parts.length) cur[parts[parts.length - 1]!] = "[secret]";
  }
  return copy;
}

/** Resource counts by type, sorted by type. */
export function countsByType(run: ProgramRun): [string, number][] {
  const m = new Map<string, number>();
  for (const r of run.resources) m.set(r.type, (m.get(r.type) ?? 0) + 1);
  return sorted(m, ([type]) => type);
}

/** Documents as one multi-document YAML stream, each after a comment naming it. */
function yamlStream(docs: readonly (readonly [string, unknown])[]): string {
  return docs.map(([name, doc]) => `---\n# ${name}\n${toYaml(doc)}`).join("");
}

/**
 * Writes a run's recording under `dir` (through `files`: at once, or queued): `manifests.yaml`
 * (every Kubernetes object, one document each, in the order of the file names the provider's
 * `renderYamlToDirectory` gives them, each after a comment with that name), `charts.yaml` (the
 * Helm charts, when there are any) and `resources.json` (one resource per line). Returns the
 * number of Kubernetes objects. Three files a stack, not one per object: on a real disk, creating
 * (and later removing) a file per object cost plan more than everything it checks.
 */
export function writeRunFiles(run: ProgramRun, dir: string, files: FileSink = SYNC_FILES): number {
  const objects = sorted(
    kubernetesObjects(run).map((o) => [manifestFileName(o), o] as const),
    ([file]) => file,
  );
  files.write(path.join(dir, "manifests.yaml"), yamlStream(objects));
  // Charts are rendered by the provider at deploy time (their templates are not fetched offline);
  // the pinned chart, version and values are what the stack sends.
  const charts = sorted(
    helmCharts(run).map((c) => [c.name, { name: c.name, ...redactedInputs(c) }] as const),
    ([name]) => name,
  );
  if (charts.length) files.write(path.join(dir, "charts.yaml"), yamlStream(charts));
  const lines = run.resources.map((r) =>
    JSON.stringify({
      urn: r.urn,
      type: r.type,
      name: r.name,
      ...(r.parent ? { parent: r.parent } : {}),
      ...(r.provider ? { provider: r.provider } : {}),
      // Read from the cloud by this ID (`Service.get`), not created.
      ...(r.read ? { read: r.readId } : {}),
      options: r.options,
      inputs: redactedInputs(r),
    }),
  );
  files.write(path.join(dir, "resources.json"), `[\n${lines.join(",\n")}\n]\n`);
  return objects.length;
}
