/**
 * What a stack's run registered, as files: every Kubernetes object as YAML laid out as the
 * provider's `renderYamlToDirectory` would (`1-manifest/<apiVersion>-<kind>-<namespace>-<name>.yaml`),
 * the Helm charts with their pinned versions and values, and every resource with its inputs and
 * options (secrets redacted) in `resources.json`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import type { ProgramRun, RecordedResource } from "./engine";
import type { ManifestObject } from "./schemas";

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
  return [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Writes manifests/, helm/ and resources.json under `dir`; returns the number of manifest files. */
export function writeRunFiles(run: ProgramRun, dir: string): number {
  const manifests = path.join(dir, "manifests");
  fs.rmSync(manifests, { recursive: true, force: true });
  fs.mkdirSync(path.join(manifests, "1-manifest"), { recursive: true });
  const objects = kubernetesObjects(run);
  for (const o of objects)
    fs.writeFileSync(
      path.join(manifests, "1-manifest", manifestFileName(o)),
      stringify(o, { sortMapEntries: true }),
    );
  const charts = helmCharts(run);
  if (charts.length) {
    fs.mkdirSync(path.join(manifests, "helm"), { recursive: true });
    for (const c of charts) {
      // Charts are rendered by the provider at deploy time (their templates are not fetched
      // offline); the pinned chart, version and values are what the stack sends.
      fs.writeFileSync(
        path.join(manifests, "helm", `${c.name}.yaml`),
        stringify({ name: c.name, ...redactedInputs(c) }, { sortMapEntries: true }),
      );
    }
  }
  const resources = run.resources.map((r) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    ...(r.parent ? { parent: r.parent } : {}),
    ...(r.provider ? { provider: r.provider } : {}),
    // Read from the cloud by this ID (`Service.get`), not created.
    ...(r.read ? { read: r.readId } : {}),
    options: r.options,
    inputs: redactedInputs(r),
  }));
  fs.writeFileSync(path.join(dir, "resources.json"), JSON.stringify(resources, null, 2) + "\n");
  return objects.length;
}
