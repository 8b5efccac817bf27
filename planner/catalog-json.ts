/** Reading a catalog from JSON: the same shape as the built-in one, checked before validation. */
import type { Catalog } from "../config/types";
import type { Problem } from "./validate";

const SECTIONS = ["platform", "regions", "environments", "clusters", "certificates", "entries"] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Parses catalog JSON. Returns the catalog, or the problems that keep it from having the
 * catalog's shape (each a `shape` problem naming the section, entry and field).
 */
export function parseCatalogJson(
  text: string,
  source = "catalog",
): { catalog?: Catalog; problems: Problem[] } {
  const problems: Problem[] = [];
  const add = (path: string, message: string, fix: string) =>
    problems.push({ rule: "shape", severity: "error", path, message, fix });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    add(
      source,
      `is not valid JSON (${(err as Error).message})`,
      "fix the JSON syntax (npm run plan -- --print-catalog shows a valid catalog)",
    );
    return { problems };
  }
  if (!isRecord(data)) {
    add(
      source,
      "is not a JSON object",
      "write the catalog as an object with platform, regions, environments, clusters, certificates and entries",
    );
    return { problems };
  }
  for (const s of SECTIONS) {
    if (!isRecord(data[s]))
      add(s, "is missing or not an object", `add "${s}": { … } (see npm run plan -- --print-catalog)`);
  }
  for (const k of Object.keys(data)) {
    if (!(SECTIONS as readonly string[]).includes(k))
      add(k, "is not a catalog section", `remove it; sections are ${SECTIONS.join(", ")}`);
  }
  if (problems.length) return { problems };
  const entries = data.entries as Record<string, unknown>;
  for (const [name, e] of Object.entries(entries)) {
    if (!isRecord(e)) {
      add(`entries.${name}`, "is not an object", "describe the entry as an object");
      continue;
    }
    for (const field of ["kind", "description", "owner", "protocol"]) {
      if (typeof e[field] !== "string")
        add(`entries.${name}.${field}`, "is missing or not a string", `set ${field}`);
    }
    if (typeof e.port !== "number")
      add(`entries.${name}.port`, "is missing or not a number", "set port to the entry's main port");
    if (e.placement === undefined)
      add(
        `entries.${name}.placement`,
        "is missing",
        'set placement: "regional", "shared" or a list of environments',
      );
  }
  const envs = data.environments as Record<string, unknown>;
  for (const [name, e] of Object.entries(envs)) {
    if (
      !isRecord(e) ||
      typeof e.region !== "string" ||
      typeof e.cluster !== "string" ||
      typeof e.tier !== "string" ||
      typeof e.replicas !== "number"
    ) {
      add(
        `environments.${name}`,
        "needs region, cluster, tier (strings) and replicas (a number)",
        "complete the environment",
      );
    }
  }
  const clusters = data.clusters as Record<string, unknown>;
  for (const [name, c] of Object.entries(clusters)) {
    if (
      !isRecord(c) ||
      typeof c.apiServer !== "string" ||
      typeof c.addonOwner !== "string" ||
      !Array.isArray(c.zones)
    ) {
      add(
        `clusters.${name}`,
        "needs apiServer, addonOwner (strings) and zones (a list)",
        "complete the cluster",
      );
    }
  }
  const regions = data.regions as Record<string, unknown>;
  for (const [name, r] of Object.entries(regions)) {
    if (!isRecord(r) || typeof r.domain !== "string")
      add(`regions.${name}.domain`, "is missing", "set the region's domain");
  }
  return problems.length ? { problems } : { catalog: data as unknown as Catalog, problems };
}
