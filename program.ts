/**
 * The Pulumi program: read the stack, validate the catalog, plan the environment, create its
 * resources from the plan, export what other programs read. Everything before the first
 * resource is pure and fails fast, listing every problem at once.
 */
import * as pulumi from "@pulumi/pulumi";
import { PlatformEnvironment } from "./components";
import { catalog as builtinCatalog } from "./config";
import type { Catalog } from "./config/types";
import { listStackFiles, PROJECT_ROOT } from "./lib/project";
import { resolveStackSettings } from "./lib/stack-config";
import {
  assertValidCatalog,
  planEnvironment,
  planFigures,
  STACK_CONFIG_KEYS,
  type EnvironmentPlan,
  type StackSettings,
} from "./planner";

/**
 * Reads the stack's settings from Pulumi config, and the data subnets of the peers its
 * cross-environment needs reach from their own stack files; throws once with every problem.
 */
export function readStackSettings(catalog: Catalog = builtinCatalog, stacksDir: string = PROJECT_ROOT): StackSettings {
  const values: Record<string, unknown> = {};
  for (const k of STACK_CONFIG_KEYS) {
    if (k.secret) continue;
    const [ns, key] = k.key.split(":") as [string, string];
    const v = new pulumi.Config(ns).get(key);
    if (v !== undefined) values[k.key] = v;
  }
  const { settings, problems } = resolveStackSettings(pulumi.getStack(), values, catalog, stacksDir);
  if (!settings) {
    throw new Error(
      `Invalid stack settings for ${pulumi.getStack()}:\n${problems.map((p) => `✗ ${p.key} ${p.message}`).join("\n")}\n` +
        "Set them with `pulumi config set <key> <value>` (see config/stack-settings.template.yaml).",
    );
  }
  return settings;
}

/** Stack outputs: what `pulumi stack output --json` and StackReferences read. */
export function stackOutputs(plan: EnvironmentPlan) {
  return {
    environment: plan.environment,
    region: plan.region,
    domain: plan.domain,
    cluster: plan.cluster,
    namespace: plan.namespace,
    tier: plan.tier,
    publicEndpoints: Object.fromEntries(plan.publicHosts.map((h) => [h.entry, h.url])),
    dataStores: plan.dataStores.map((d) => d.name),
    figures: planFigures(plan),
  };
}

export interface ProgramOptions {
  /** Catalog to deploy (the built-in one unless a test passes another). */
  catalog?: Catalog;
  /** Where the stack settings files are (the project root unless the offline plan says otherwise). */
  stacksDir?: string;
}

/** The whole program for the current stack. `index.ts` exports its result as the stack outputs. */
export function main(options: ProgramOptions = {}) {
  const catalog = options.catalog ?? builtinCatalog;
  const stack = pulumi.getStack();
  assertValidCatalog(catalog, { stackFiles: listStackFiles(options.stacksDir ?? PROJECT_ROOT) });
  if (!(stack in catalog.environments)) {
    throw new Error(
      `Stack "${stack}" is not an environment of the catalog. Select one of: ${Object.keys(catalog.environments).sort().join(", ")}`,
    );
  }
  const settings = readStackSettings(catalog, options.stacksDir ?? PROJECT_ROOT);
  const plan = planEnvironment(catalog, stack, settings);
  const kubeconfig = new pulumi.Config().requireSecret("kubeconfig");
  const environment = new PlatformEnvironment(stack, { plan, catalog, settings, kubeconfig });
  return { ...stackOutputs(plan), kubernetesNamespace: environment.namespace };
}
