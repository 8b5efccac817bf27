/**
 * The catalog against its one schema (config/schema.ts), in two rules. `schema`: structure (a
 * field unknown, with the nearest known one suggested; missing; of the wrong type): no other rule
 * runs until it passes, so none meets a field of the wrong type. `values`: enumerated fields,
 * numbers in their ranges, names and addresses in their form: the other rules still run beside it,
 * so every problem is reported at once.
 */
import type { z } from "zod";
import type * as Schema from "../../../config/schema";
import { fieldProblems } from "../schema-issues";
import type { Rule } from "../types";

/** Issues of structure: no other rule runs on them. */
const STRUCTURAL = new Set([
  "unrecognized_keys",
  "invalid_type",
  "invalid_union",
  "invalid_key",
  "invalid_element",
]);

/** Enumerations every other rule branches on: an unknown kind, tier or role is structure too. */
const DRIVING = new Set(["kind", "tier", "role"]);
const isStructural = (i: { code: string; path: PropertyKey[] }) =>
  STRUCTURAL.has(i.code) || (i.code === "invalid_value" && DRIVING.has(String(i.path[i.path.length - 1])));

/**
 * The schema, loaded on the first validation: zod is a megabyte of modules that only validation
 * needs (the planner's other users, and test files that only plan, never load it).
 */
let loaded: typeof Schema.CatalogSchema | undefined;
function catalogSchema(): typeof Schema.CatalogSchema {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  loaded ??= (require("../../../config/schema") as typeof Schema).CatalogSchema;
  return loaded;
}

/**
 * The catalog's issues, parsed once per validation: `schema` (always the first rule) parses and
 * keeps them; `values`, later in the same run, reads them for the same catalog.
 */
let last: { catalog: unknown; issues: readonly z.core.$ZodIssue[] } | undefined;

function issues(catalog: unknown, structural: boolean, fresh: boolean) {
  if (fresh || !last || last.catalog !== catalog) {
    const r = catalogSchema().safeParse(catalog, { reportInput: true });
    last = { catalog, issues: r.success ? [] : r.error.issues };
  }
  return last.issues.filter((i) => isStructural(i) === structural);
}

export const schema: Rule = {
  id: "schema",
  title: "every object of the catalog has known fields of the right types",
  check(c) {
    for (const p of fieldProblems(catalogSchema(), issues(c.catalog, true, true)))
      c.add(p.path, p.message, p.fix);
    const entries = Object.keys((c.catalog as { entries?: object }).entries ?? {}).length;
    return `${entries} entries and the platform, regions, environments, clusters and certificates`;
  },
};

export const values: Rule = {
  id: "values",
  title: "enumerated fields hold a known value, numbers lie in their ranges, names and addresses their form",
  check(c) {
    for (const p of fieldProblems(catalogSchema(), issues(c.catalog, false, false)))
      c.add(p.path, p.message, p.fix);
    return "every field config/catalog.schema.json describes";
  },
};
