/**
 * Property: any single-field corruption of the valid catalog (a required field dropped, a field
 * renamed, its type changed, a number pushed out of range) is either rejected with a problem
 * naming the object and the field, or leaves every environment's plan byte-identical. Fixed
 * seed: the same corruptions on every run.
 */
import * as fc from "fast-check";
import { catalog } from "../../config";
import { CatalogSchema } from "../../config/schema";
import type { Catalog } from "../../config/types";
import { planEnvironment, validateCatalog } from "../../planner";
import { knownFields } from "../../planner/validate/schema-issues";
import { STACKS } from "../helpers/catalog";
import { settingsFor } from "../helpers/runs";

type Path = (string | number)[];
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every field of the catalog (object members and list items), with its value. */
function fields(value: Json, path: Path = []): { path: Path; value: Json }[] {
  if (value === null || typeof value !== "object") return [];
  const out: { path: Path; value: Json }[] = [];
  const children: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  for (const [k, v] of children) {
    out.push({ path: [...path, k], value: v });
    out.push(...fields(v, [...path, k]));
  }
  return out;
}

const plain = JSON.parse(JSON.stringify(catalog)) as Json;
const all = fields(plain);
const plansOf = (c: Catalog) => JSON.stringify(STACKS.map((s) => planEnvironment(c, s, settingsFor(s))));
const baseline = plansOf(catalog);

/** A required field: its object's schema does not mark it optional. */
function required(path: Path): boolean {
  const parent = path.slice(0, -1);
  const key = String(path[path.length - 1]);
  if (typeof path[path.length - 1] === "number") return false;
  // Records (entries, environments…) have no fixed fields: their members are names, not fields.
  if (!knownFields(CatalogSchema, parent).includes(key)) return false;
  const parsed = CatalogSchema.safeParse(withChange(plain, path, "drop"));
  return !parsed.success;
}

type Op = "drop" | "rename" | "retype" | "range";

function withChange(root: Json, path: Path, op: Op): Json {
  const copy = JSON.parse(JSON.stringify(root)) as Json;
  let parent = copy as { [k: string]: Json } | Json[];
  for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[k] as typeof parent;
  const key = path[path.length - 1]!;
  const holder = parent as Record<string | number, Json>;
  const value = holder[key]!;
  if (op === "drop") {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete holder[key];
  } else if (op === "rename") {
    holder[`${String(key)}x`] = value;
    delete holder[key];
  } else if (op === "retype") {
    holder[key] = typeof value === "number" ? String(value) : typeof value === "string" ? 42 : "text";
  } else if (typeof value === "number") {
    holder[key] = value === 0 ? -1 : value * 100000;
  }
  return copy;
}

describe("single-field corruptions of the catalog", () => {
  it("are rejected naming the object and field, or change no plan", () => {
    const candidates = all.filter((f) => typeof f.path[f.path.length - 1] === "string");
    let rejected = 0;
    let unchanged = 0;
    fc.assert(
      fc.property(
        fc.nat(candidates.length - 1),
        fc.constantFrom<Op>("drop", "rename", "retype", "range"),
        (i, op) => {
          const f = candidates[i]!;
          if (op === "range" && typeof f.value !== "number") return;
          if (op === "drop" && !required(f.path)) return;
          // A member of a record (an entry, a route, a variable) is data, not a field: renaming it is an edit.
          if (
            op === "rename" &&
            !knownFields(CatalogSchema, f.path.slice(0, -1)).includes(String(f.path.at(-1)))
          )
            return;
          if (
            op === "retype" &&
            (f.value === null || typeof f.value === "object" || typeof f.value === "boolean")
          )
            return;
          const changed = withChange(plain, f.path, op) as unknown as Catalog;
          const report = validateCatalog(changed, { stackFiles: STACKS });
          const at = f.path.slice(0, -1).join(".");
          const field = String(f.path[f.path.length - 1]);
          if (!report.ok) {
            const named = report.problems.some(
              (p) => p.severity === "error" && p.path.includes(at) && p.path.includes(field),
            );
            if (!named)
              throw new Error(
                `${op} ${f.path.join(".")}: rejected without naming it: ${report.problems.map((p) => p.path).join("; ")}`,
              );
            rejected++;
            return;
          }
          // Accepted: then nothing any stack plans may differ.
          const after = plansOf(changed);
          if (after !== baseline)
            throw new Error(`${op} ${f.path.join(".")}: accepted, but the plans changed`);
          unchanged++;
        },
      ),
      { seed: 20261126, numRuns: 400 },
    );
    // Most draws are real corruptions (the rest drew an operation that does not apply to the field).
    expect(rejected).toBeGreaterThan(150);
    expect(rejected + unchanged).toBeGreaterThan(200);
  });
});
