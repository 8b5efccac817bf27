/**
 * A synthetic catalog with `factor` times the deployable entries: each service, worker and web
 * front end gets `factor - 1` copies (`<name>-x<i>`), private, calling the same in-cluster
 * dependencies but no database (whose connection budget the copies would exhaust) and no topic.
 * `tsx bench/scaled.ts <factor> > catalog.json`, then `npm run plan -- --all --catalog catalog.json`.
 */
import { catalog } from "../config";
import type { Catalog, EntrySpec } from "../config/types";
import { hostingOf } from "../planner/kinds";

export function scaledCatalog(factor: number): Catalog {
  const c = structuredClone<Catalog>(catalog);
  const stores = new Set(Object.keys(c.entries).filter((n) => hostingOf(c.entries[n]!) !== "deployment"));
  for (const [name, e] of Object.entries<EntrySpec>(catalog.entries)) {
    if (hostingOf(e) !== "deployment") continue;
    for (let i = 1; i < factor; i++) {
      const copy: EntrySpec = { ...structuredClone(e), expose: "cluster" };
      delete copy.subdomain;
      delete copy.path;
      delete copy.tls;
      delete copy.produces;
      delete copy.consumes;
      delete copy.objectAccess;
      delete copy.crossEnvironmentNeeds;
      copy.needs = (e.needs ?? []).filter((d) => !stores.has(d) || hostingOf(c.entries[d]!) === "vault");
      copy.secrets = [];
      c.entries[`${name}-x${i}`] = copy;
    }
  }
  return c;
}

if (require.main === module)
  process.stdout.write(JSON.stringify(scaledCatalog(Number(process.argv[2] ?? 1))));
