/**
 * The Pulumi program: read the stack, validate the catalog, plan the environment, create its
 * resources from the plan, export what other programs read. Everything before the first
 * resource is pure and fails fast, listing every problem at once.
 */
import * as pulumi from "@pulumi/pulumi";
import { PlatformEnvironment } from "./components";
import { ingestEndpoint, platformOutputs } from "./contract/outputs";
import { readPlatformOutputs, stackName } from "./contract/reader";
import { catalog as builtinCatalog } from "./config";
import type { Catalog } from "./config/types";
import { listStackFiles, PROJECT_ROOT } from "./lib/project";
import { checkedKubeconfig } from "./planner/kubeconfig";
import { readStackConfig, resolveStackSettings } from "./lib/stack-config";
import type { PlatformOutputs } from "./contract/schema";
import {
  assertValidCatalog,
  CatalogError,
  planEnvironment,
  planFigures,
  PROJECT_NAMESPACE,
  STACK_CONFIG_KEYS,
  StackSettingsError,
  type EnvironmentPlan,
  type MonitoringPlan,
  type StackSettings,
} from "./planner";

/** A stack that is not an environment of the catalog. */
export class UnknownStackError extends Error {
  constructor(stack: string, catalog: Catalog) {
    const known = Object.keys(catalog.environments).sort().join(", ");
    super(`Stack "${stack}" is not an environment of the catalog. Select one of: ${known}`);
    this.name = "UnknownStackError";
  }
}

/** Errors of the user's input: the engine prints their message alone, without a stack trace. */
const USER_ERRORS = [CatalogError, StackSettingsError, UnknownStackError];

/**
 * Reads the stack's settings from Pulumi config, and the data subnets of the peers its
 * cross-environment needs reach from their own stack files; throws once with every problem.
 */
export function readStackSettings(
  catalog: Catalog = builtinCatalog,
  stacksDir: string = PROJECT_ROOT,
): StackSettings {
  const values: Record<string, unknown> = {};
  for (const k of STACK_CONFIG_KEYS) {
    if (k.secret) continue;
    const [ns, key] = k.key.split(":") as [string, string];
    const v = new pulumi.Config(ns).get(key);
    if (v !== undefined) values[k.key] = v;
  }
  const { settings, problems } = resolveStackSettings(pulumi.getStack(), values, catalog, stacksDir);
  if (!settings) throw new StackSettingsError(pulumi.getStack(), problems);
  return settings;
}

/**
 * Every environment's monitoring plan, for the dashboards the central Grafana loads: this stack's
 * own, and each other environment planned from its own stack file (never a copy of its values).
 */
export function environmentsMonitoring(
  catalog: Catalog,
  plan: EnvironmentPlan,
  stacksDir: string,
): MonitoringPlan[] {
  return Object.keys(catalog.environments)
    .sort()
    .map((e) => {
      if (e === plan.environment) return plan.monitoring!;
      const { settings, problems } = resolveStackSettings(
        e,
        readStackConfig(e, stacksDir).values,
        catalog,
        stacksDir,
      );
      if (!settings) throw new StackSettingsError(e, problems);
      return planEnvironment(catalog, e, settings).monitoring!;
    });
}

/** The stack's first outputs, deprecated in favour of `platform` and kept through schema version 1. */
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

/** Validates and plans the current stack; throws the user's errors as they are. */
export function planStack(options: ProgramOptions = {}): { catalog: Catalog; plan: EnvironmentPlan } {
  const catalog = options.catalog ?? builtinCatalog;
  const stack = pulumi.getStack();
  assertValidCatalog(catalog, { stackFiles: listStackFiles(options.stacksDir ?? PROJECT_ROOT) });
  if (!(stack in catalog.environments)) throw new UnknownStackError(stack, catalog);
  const settings = readStackSettings(catalog, options.stacksDir ?? PROJECT_ROOT);
  // Only the catalog's cluster, checked before anything is registered: a kubeconfig of another
  // cluster would create (or replace) every object there. Read here as the raw value, never logged.
  const cluster = catalog.environments[stack]!.cluster;
  const raw = pulumi.runtime.getConfig(`${PROJECT_NAMESPACE}:kubeconfig`);
  if (raw !== undefined) {
    try {
      checkedKubeconfig(raw, cluster, catalog.clusters[cluster]!.apiServer);
    } catch (err) {
      throw new StackSettingsError(stack, [
        { key: `${PROJECT_NAMESPACE}:kubeconfig`, message: (err as Error).message },
      ]);
    }
  }
  return { catalog, plan: planEnvironment(catalog, stack, settings) };
}

/**
 * The whole program for the current stack. `index.ts` exports its result as the stack outputs.
 * A problem of the catalog or the settings becomes Pulumi's `RunError`, which `pulumi up` and
 * `preview` print as the problem list alone: no stack trace, no program source.
 */
export function main(options: ProgramOptions = {}) {
  let planned: ReturnType<typeof planStack>;
  try {
    planned = planStack(options);
  } catch (err) {
    if (USER_ERRORS.some((E) => err instanceof E)) throw new pulumi.RunError((err as Error).message);
    throw err;
  }
  const { catalog, plan } = planned;
  const kubeconfig = new pulumi.Config().requireSecret("kubeconfig");
  const installedBy = catalog.clusters[plan.cluster]!.addonOwner;
  // Another stack's values come from its `platform` output, one StackReference per stack.
  const references = new Map<string, pulumi.Output<PlatformOutputs>>();
  const outputsOf = (stack: string) => {
    if (!references.has(stack))
      references.set(stack, readPlatformOutputs(stackName(pulumi.getOrganization(), stack)));
    return references.get(stack)!;
  };
  // The other stacks of a cluster read its ingress load balancer from the owner's contract output.
  const ingress = plan.addonOwner
    ? undefined
    : outputsOf(installedBy).apply((p) => {
        if (!p.ingress.loadBalancer)
          throw new Error(`${installedBy} exports no ingress load balancer yet: deploy it first`);
        return p.ingress.loadBalancer;
      });
  // A cluster's collectors ship to the monitoring stack's ingest host, as its outputs give it.
  const t = plan.telemetry;
  const ingest = !t
    ? undefined
    : t.ingestOwner === plan.environment
      ? pulumi.output(ingestEndpoint(platformOutputs(plan, installedBy, {})))
      : outputsOf(t.ingestOwner).apply(ingestEndpoint);
  const environment = new PlatformEnvironment(plan.environment, {
    plan,
    catalog,
    kubeconfig,
    ...(ingress ? { ingress } : {}),
    ...(ingest ? { ingest } : {}),
    ...(plan.central
      ? { environments: environmentsMonitoring(catalog, plan, options.stacksDir ?? PROJECT_ROOT) }
      : {}),
  });
  const platform = pulumi
    .all([environment.dataEndpoints, environment.ingressHostname])
    .apply(([endpoints, loadBalancer]) => platformOutputs(plan, installedBy, endpoints, loadBalancer));
  // `platform` is the contract (contract/schema.ts); the other keys are deprecated and kept for
  // schema version 1 only, so that nothing reading them breaks at once.
  return { platform, ...stackOutputs(plan), kubernetesNamespace: environment.namespace };
}
