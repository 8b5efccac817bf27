/** Helpers for tests that change the catalog: a deep copy to edit, and the problems it yields. */
import { catalog as builtin } from "../../config";
import type { Catalog, EntrySpec } from "../../config/types";
import { validateCatalog, type Problem, type ValidateOptions } from "../../planner";

export { STACKS } from "./stacks";
import { STACKS } from "./stacks";

/** A deep, mutable copy of the built-in catalog, changed by `edit`. */
export function editCatalog(edit: (c: Catalog) => void = () => {}): Catalog {
  const c = structuredClone<Catalog>(builtin);
  edit(c);
  return c;
}

/** Replaces fields of one entry. */
export function patchEntry(c: Catalog, name: string, patch: Partial<EntrySpec>): void {
  const e = c.entries[name];
  if (!e) throw new Error(`test setup: no entry ${name}`);
  c.entries[name] = { ...e, ...patch };
}

export function errorsOf(c: Catalog, options: ValidateOptions = { stackFiles: STACKS }): Problem[] {
  return validateCatalog(c, options).problems.filter((p) => p.severity === "error");
}

export function warningsOf(c: Catalog, options: ValidateOptions = { stackFiles: STACKS }): Problem[] {
  return validateCatalog(c, options).problems.filter((p) => p.severity === "warning");
}

/** `[rule] path: message. Fix: fix` lines, for readable `toEqual` assertions. */
export function lines(problems: readonly Problem[]): string[] {
  return problems.map((p) => `[${p.rule}] ${p.path}: ${p.message}. Fix: ${p.fix}`);
}
