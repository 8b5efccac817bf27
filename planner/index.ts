/**
 * The pure planning layer's public API: validate a catalog, plan an environment, report on it.
 * No Pulumi imports; everything here runs in milliseconds. Helpers (naming, placement, kinds,
 * quantities) are imported from their own modules by the few callers that need them.
 */
export { parseCatalogJson } from "./catalog-json";
export type { EnvVarPlan } from "./env-vars";
export { BURN_RATE_WINDOWS, planMonitoring } from "./monitoring";
export { LETSENCRYPT_ISSUER, planEnvironment, RATE_LIMITED_KINDS } from "./plan";
export type * from "./plan-types";
export {
  formatChecksText,
  formatPlanMarkdown,
  formatPlanMermaid,
  formatPlanText,
  planFigures,
} from "./report";
export type { VaultLocation } from "./secrets";
export {
  parseStackSettings,
  PROJECT_NAMESPACE,
  STACK_CONFIG_KEYS,
  StackSettingsError,
  type ConfigKey,
  type SettingsProblem,
  type StackSettings,
} from "./settings";
export {
  assertValidCatalog,
  CatalogError,
  formatProblems,
  RULES,
  validateCatalog,
  type CheckResult,
  type Problem,
  type Rule,
  type ValidateOptions,
  type ValidationReport,
} from "./validate";
