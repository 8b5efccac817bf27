/**
 * The in-process engine harness: runs the real program for a stack under Pulumi's mock runtime
 * (`pulumi.runtime.setMocks`), with that stack's `Pulumi.<stack>.yaml` config (secure values
 * replaced by placeholders), and records every registered resource: type, name, parent,
 * provider, inputs, and the resource options that never reach the mocks (protect,
 * retainOnDelete, dependsOn, ignoreChanges…), captured by a stack transformation.
 *
 * Tests and the offline `plan` share it. Nothing here talks to a cloud or the Pulumi CLI.
 */
import * as pulumi from "@pulumi/pulumi";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { readStackConfig } from "../lib/stack-config";
import { STACK_CONFIG_KEYS } from "../planner/settings";
import { catalog as builtinCatalog } from "../config";
import { main } from "../program";
import { mockOutputs } from "./mock-outputs";
import type { RunOptions } from "./programs";
import {
  HARNESS_ORGANIZATION,
  programRun,
  SECRET_PLACEHOLDER,
  type ProgramRun,
  type RecordedResource,
} from "./run";

export { HARNESS_ORGANIZATION, harnessStackName, SECRET_PLACEHOLDER } from "./run";
export type { ProgramRun, RecordedOptions, RecordedResource } from "./run";
export type { RunOptions } from "./programs";

// The SDK's log module: without an engine, a failed registration is reported through its `error`.
const pulumiLog = pulumi.log as unknown as { error: (message: string) => Promise<void> };
// `waitForRPCs` drains the SDK's queue of pending registrations; it is marked internal in the
// typings, so it is reached through require.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module, not in the typings
const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as {
  waitForRPCs(this: void): Promise<void>;
};

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Plain JSON of a mock input; secrets unwrapped and their paths noted; resources as their keys. */
function normalise(
  v: unknown,
  path: string,
  secrets: string[],
  keyOf: (r: pulumi.Resource) => string | undefined,
): unknown {
  if (v === null || v === undefined || typeof v !== "object") return v;
  if (pulumi.Resource.isInstance(v)) return { $resource: keyOf(v) ?? "?" };
  const o = v as Record<string, unknown>;
  if (o[SIG_KEY] === SECRET_SIG) {
    secrets.push(path);
    return normalise(o.value, path, secrets, keyOf);
  }
  if (Array.isArray(v)) return v.map((x, i) => normalise(x, `${path}[${i}]`, secrets, keyOf));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) out[k] = normalise(o[k], path ? `${path}.${k}` : k, secrets, keyOf);
  return out;
}

const asList = (x: unknown): unknown[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Runs the program for one stack with the outputs it reads given, and records what it registered. */
export function recordProgram(stack: string, options: RunOptions): Promise<ProgramRun> {
  return runInMockStack(
    stack,
    () =>
      main({
        ...(options.catalog ? { catalog: options.catalog } : {}),
        ...(options.stacksDir ? { stacksDir: options.stacksDir } : {}),
      }),
    options,
  );
}

/**
 * Runs `init` as the body of a Pulumi stack under the mock engine, with the stack's config, and
 * records every resource it registers. `runProgram` runs the program this way; component tests
 * run a single component.
 */
export async function runInMockStack(
  stack: string,
  init: () => unknown,
  options: RunOptions = {},
): Promise<ProgramRun> {
  // The SDK captures a stack trace for every promise it makes (for its leak report), and with
  // source maps on that is nearly half of a run's time. Nothing reads those traces here, so they
  // are off while the program runs (errors keep their messages) and restored after.
  // The SDK also takes a whole stack for every resource it registers (its source position, which
  // it parses out of `new Error().stack` after lifting the limit itself); under source maps (tsx,
  // jest) each frame is mapped. The engine that would record those positions is the mock, so
  // while the program runs a stack is its first line alone, as with no frames: positions are not
  // sent, nothing recorded changes.
  const limit = Error.stackTraceLimit;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- saved to be put back as it was
  const prepare = Error.prepareStackTrace;
  Error.stackTraceLimit = 0;
  Error.prepareStackTrace = (err: Error) => firstLine(err);
  try {
    return await record(stack, init, options);
  } finally {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = prepare;
  }
}

/** What a stack trace with no frames shows: `Error: message`. */
function firstLine(err: Error): string {
  const message = err.message === undefined ? "" : String(err.message);
  const name = err.name === undefined ? "Error" : String(err.name);
  return message ? (name ? `${name}: ${message}` : message) : name;
}

async function record(stack: string, init: () => unknown, options: RunOptions): Promise<ProgramRun> {
  const file = readStackConfig(stack, options.stacksDir);
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...file.values, ...(options.config ?? {}) })) {
    config[k] = typeof v === "string" ? v : JSON.stringify(v);
  }
  // Every secure value of the stack file, and every secret key the program reads, gets a placeholder.
  const secretKeys = [
    ...new Set([...file.secureKeys, ...STACK_CONFIG_KEYS.filter((k) => k.secret).map((k) => k.key)]),
  ].sort();
  // The kubeconfig's stand-in reaches the catalog's API server of the stack's cluster, as the real one must.
  const cluster = (options.catalog ?? builtinCatalog).environments[stack]?.cluster;
  const server = cluster ? (options.catalog ?? builtinCatalog).clusters[cluster]?.apiServer : undefined;
  for (const k of secretKeys) if (!(k in config)) config[k] = SECRET_PLACEHOLDER(k, server);

  const accountId = String(config["ecommerce-platform:awsAccountId"] ?? "000000000000");
  const providerRegions = new Map<string, string>();
  const providersOf = new Map<string, Record<string, string>>();
  const secretOutputs = new Map<string, string[]>();
  const records = new Map<string, RecordedResource>();
  const byObject = new WeakMap<pulumi.Resource, string>();
  const keyOf = (r: pulumi.Resource) => byObject.get(r);
  let stackKey = "";

  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const key = `${args.type}::${args.name}`;
        const rec = records.get(key);
        if (rec) {
          const secretPaths: string[] = [];
          rec.inputs = normalise(args.inputs, "", secretPaths, keyOf) as Record<string, unknown>;
          rec.secretPaths = secretPaths;
          rec.custom = args.custom ?? true;
          // A read's ID as the engine receives it (resolved, even when the program gave an Output).
          if (rec.read && args.id) rec.readId = args.id;
        }
        const inputs = args.inputs as Record<string, unknown>;
        const id = `${args.name}-id`;
        if (args.type === "pulumi:providers:aws") providerRegions.set(id, String(inputs.region));
        const provider = args.provider?.split("::").pop() ?? "";
        const region = providerRegions.get(provider) ?? String(config["aws:region"]);
        if (args.id !== undefined && args.id !== "" && args.type === "kubernetes:core/v1:Service") {
          // A read of a Service (Kong's proxy): its load balancer, as the cloud controller fills it in.
          const lb = `k8s-${args.name.replace(/[^a-z0-9]/g, "")}-mock.elb.${String(config["aws:region"])}.amazonaws.com`;
          return {
            id: args.id,
            state: { ...inputs, status: { loadBalancer: { ingress: [{ hostname: lb }] } } },
          };
        }
        if (args.type === "pulumi:pulumi:StackReference") {
          // Answered from recorded outputs (a stack's outputs.json), as the service would.
          const name = String(inputs.name);
          const outputs = options.stackReferences?.[name];
          if (!outputs) throw new Error(`harness: no recorded outputs for stack reference ${name}`);
          return { id: name, state: { name, outputs, secretOutputNames: [] } };
        }
        const mocked = mockOutputs(args.type, args.name, inputs, { accountId, region });
        const state: Record<string, unknown> = { ...inputs, ...(mocked?.state ?? {}) };
        // What the engine does with `additionalSecretOutputs` (RandomPassword's result, say): the
        // outputs come back as secrets, so that everything computed from them stays secret.
        for (const k of secretOutputs.get(key) ?? []) {
          if (state[k] !== undefined) state[k] = { [SIG_KEY]: SECRET_SIG, value: state[k] };
        }
        return { id: mocked?.id ?? id, state };
      },
      call(args) {
        throw new Error(
          `unexpected invoke ${args.token} under the harness: the program must not read the cloud while planning`,
        );
      },
    },
    "ecommerce-platform",
    stack,
    false,
    HARNESS_ORGANIZATION,
  );
  pulumi.runtime.setAllConfig(config, secretKeys);

  // A program error must surface as this call's rejection (as `pulumi up` would report it), not
  // as an unhandled rejection inside the SDK's stack resource.
  let failure: unknown;
  // An error inside an apply (a value computed from an output) surfaces while the SDK serializes
  // inputs, after the program returned: it fails the run, as it fails `pulumi up`.
  let asyncFailure: unknown;
  // The registrations that wait on a failed one never settle: stop waiting at the first failure.
  let failed: () => void = () => undefined;
  const failedOnce = new Promise<void>((resolve) => (failed = resolve));
  const onRejection = (reason: unknown) => {
    asyncFailure ??= reason;
    failed();
  };
  process.on("unhandledRejection", onRejection);
  // Without an engine, the SDK reports a failed registration (an apply that threw while its
  // inputs were serialized) through log.error alone: that is the program's failure too.
  const originalError = pulumiLog.error;
  pulumiLog.error = (message: string) => {
    onRejection(new Error(message));
    return Promise.resolve();
  };
  const outputs = (await runInPulumiStack(() => {
    pulumi.runtime.registerStackTransformation((t) => {
      const key = `${t.type}::${t.name}`;
      if (records.has(key))
        throw new Error(`harness: two resources named ${key}: logical names must be unique`);
      byObject.set(t.resource, key);
      const parent = t.opts.parent ? keyOf(t.opts.parent) : stackKey;
      const parentRec = parent ? records.get(parent) : undefined;
      const o = t.opts as pulumi.CustomResourceOptions & pulumi.ComponentResourceOptions;
      const providers = Array.isArray(o.providers) ? o.providers : Object.values(o.providers ?? {});
      // Providers by package, inherited from the parent and overridden by the resource's own
      // options: the engine picks the one of the resource's package.
      const byPackage: Record<string, string> = { ...(parent ? providersOf.get(parent) : {}) };
      for (const p of [...providers, ...(o.provider ? [o.provider] : [])]) {
        // A provider's key is `pulumi:providers:<package>::<name>`.
        const k = keyOf(p);
        if (k) byPackage[k.split("::")[0]!.split(":")[2]!] = k;
      }
      providersOf.set(key, byPackage);
      if (o.additionalSecretOutputs?.length) secretOutputs.set(key, [...o.additionalSecretOutputs]);
      const provider = byPackage[t.type.split(":")[0]!];
      records.set(key, {
        key,
        urn: "",
        type: t.type,
        name: t.name,
        ...(parent ? { parent } : {}),
        ...(provider ? { provider } : {}),
        custom: true,
        // A resource the program reads (`Service.get`) rather than creates.
        ...(o.id !== undefined ? { read: true } : {}),
        inputs: {},
        secretPaths: [],
        options: {
          protect: o.protect ?? parentRec?.options.protect ?? false,
          retainOnDelete: o.retainOnDelete ?? parentRec?.options.retainOnDelete ?? false,
          deleteBeforeReplace: o.deleteBeforeReplace ?? false,
          dependsOn: asList(o.dependsOn).map((d) =>
            pulumi.Resource.isInstance(d) ? (keyOf(d) ?? "?") : "?",
          ),
          ignoreChanges: [...(o.ignoreChanges ?? [])],
          replaceOnChanges: [...(o.replaceOnChanges ?? [])],
          aliases: (o.aliases ?? []).length,
        },
      });
      return undefined;
    });
    stackKey = `pulumi:pulumi:Stack::ecommerce-platform-${stack}`;
    try {
      return Promise.resolve(init());
    } catch (err) {
      failure = err;
      return Promise.resolve({});
    }
  })) as Record<string, unknown>;
  await Promise.race([waitForRPCs(), failedOnce]);
  process.off("unhandledRejection", onRejection);
  pulumiLog.error = originalError;
  if (failure === undefined && asyncFailure !== undefined) failure = asyncFailure;
  if (failure !== undefined) {
    // How many resources had been registered when the program stopped (tests expect none).
    throw Object.assign(failure as Error, { registeredBeforeFailure: records.size });
  }

  // URNs as the engine builds them: parent type chain, type, name.
  const typeChain = (r: RecordedResource): string => {
    const p = r.parent ? records.get(r.parent) : undefined;
    return p ? `${typeChain(p)}$${r.type}` : r.type;
  };
  for (const r of records.values())
    r.urn = `urn:pulumi:${stack}::ecommerce-platform::${typeChain(r)}::${r.name}`;

  return programRun(
    stack,
    [...records.values()],
    JSON.parse(JSON.stringify(outputs ?? {})) as Record<string, unknown>,
  );
}
