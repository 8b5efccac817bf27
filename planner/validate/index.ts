/**
 * Catalog validation: every rule of the registry runs, every problem is collected, each names
 * the entry (or environment, cluster, region), the field and the fix. Nothing is registered
 * unless the report has no errors. Each rule also says what it checked, so the plan prints
 * computed checks only.
 */
import type { Catalog } from "../../config/types";
import { sorted } from "../naming";
import { placementOf } from "../placement";
import { RULES } from "./rules";
import type { CheckResult, Problem, RuleContext, Severity, ValidateOptions, ValidationReport } from "./types";

export { RULES } from "./rules";
export type {
  CheckResult,
  Problem,
  Rule,
  RuleContext,
  RuleId,
  Severity,
  ValidateOptions,
  ValidationReport,
} from "./types";

/** The rule every other one requires: the catalog's schema. */
const SCHEMA_RULE = "schema";

/** Runs every rule in registry order and returns every problem found. */
export function validateCatalog(catalog: Catalog, options: ValidateOptions = {}): ValidationReport {
  const problems: Problem[] = [];
  const entryNames = sorted(Object.keys(catalog.entries ?? {}));
  const envNames = sorted(Object.keys(catalog.environments ?? {}));
  const failed = (rule: string) => problems.some((p) => p.rule === rule && p.severity === "error");
  // Computed once the schema rule (the first) has passed: before, a field may have any type.
  let placements = new Map<string, string[]>();
  const checks: CheckResult[] = [];
  for (const rule of RULES) {
    if (rule.id !== SCHEMA_RULE && placements.size === 0 && !failed(SCHEMA_RULE))
      placements = new Map(entryNames.map((n) => [n, placementOf(catalog.entries[n]!, catalog)]));
    const context: RuleContext = {
      catalog,
      options,
      entryNames,
      envNames,
      placements,
      add: (path: string, message: string, fix: string, severity: Severity = "error") =>
        problems.push({ rule: rule.id, severity, path, message, fix }),
    };
    // Every rule relies on the catalog's shape: none runs on a catalog that fails its schema.
    const blockers = [...(rule.id === SCHEMA_RULE ? [] : [SCHEMA_RULE]), ...(rule.requires ?? [])].filter(
      failed,
    );
    const checked = blockers.length
      ? `skipped until the errors of ${blockers.join(", ")} are fixed`
      : rule.check(context);
    const own = problems.filter((p) => p.rule === rule.id);
    checks.push({
      rule: rule.id,
      title: rule.title,
      checked,
      errors: own.filter((p) => p.severity === "error").length,
      warnings: own.filter((p) => p.severity === "warning").length,
    });
  }
  return { problems, checks, ok: !problems.some((p) => p.severity === "error") };
}

/** One line per problem: `✗ [rule] entries.auth-service.needs: "x" is not an entry. Fix: …`. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems
    .map((p) => `${p.severity === "error" ? "✗" : "!"} [${p.rule}] ${p.path}: ${p.message}. Fix: ${p.fix}`)
    .join("\n");
}

/** Thrown before anything is registered; the program turns it into Pulumi's run error. */
export class CatalogError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    const errors = problems.filter((p) => p.severity === "error");
    super(
      `Invalid catalog: ${errors.length} problem${errors.length === 1 ? "" : "s"}:\n${formatProblems(errors)}`,
    );
    this.name = "CatalogError";
  }
}

/** Validates and throws a `CatalogError` listing every error. */
export function assertValidCatalog(catalog: Catalog, options: ValidateOptions = {}): ValidationReport {
  const report = validateCatalog(catalog, options);
  if (!report.ok) throw new CatalogError(report.problems);
  return report;
}
