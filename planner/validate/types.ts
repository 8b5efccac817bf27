/** The vocabulary of catalog validation: problems, rules, what each rule checked. */
import type { Catalog } from "../../config/types";

export type Severity = "error" | "warning";

/** A rule's id: kebab-case, unique in the registry (`needs-known`, `tls`). */
export type RuleId = string;

export interface Problem {
  rule: RuleId;
  severity: Severity;
  /** Where: `entries.auth-service.needs`, `environments.us-prod.cluster`, `stack files`. */
  path: string;
  message: string;
  fix: string;
}

export interface CheckResult {
  rule: RuleId;
  title: string;
  /** What was examined, computed (e.g. "53 entries, 131 dependencies"). */
  checked: string;
  errors: number;
  warnings: number;
}

export interface ValidationReport {
  problems: Problem[];
  checks: CheckResult[];
  ok: boolean;
}

export interface ValidateOptions {
  /** Stack names of the `Pulumi.<stack>.yaml` files beside `Pulumi.yaml`; omit to skip that rule. */
  stackFiles?: readonly string[];
}

/** What a rule sees: the catalog, its names in a stable order, and a way to report. */
export interface RuleContext {
  catalog: Catalog;
  options: ValidateOptions;
  /** Entry names, sorted. */
  entryNames: string[];
  /** Environment names, sorted. */
  envNames: string[];
  /** Entry name → the environments it is placed in (unknown names kept: the placement rule reports them). */
  placements: Map<string, string[]>;
  /** Reports a problem under the running rule's id. */
  add(path: string, message: string, fix: string, severity?: Severity): void;
}

/** One validation rule: a file under `rules/`, ordered by `rules/index.ts`. */
export interface Rule {
  id: RuleId;
  /** What the rule guarantees, in one line (printed with every plan). */
  title: string;
  /**
   * Rules whose errors make this one meaningless or unsafe to run (it would chase their
   * consequences): while any of them has an error, this rule is skipped and says so.
   */
  requires?: readonly RuleId[];
  /** Reports problems through `c.add`; returns what it examined ("52 entries, 81 dependencies"). */
  check(c: RuleContext): string;
}
