/**
 * The floor of `plan`: a program that registers exactly the resources a recording of `plan` holds
 * (same types, names, parents and inputs) under the same mock engine and recording, importing the
 * same provider packages, with no catalog, validation, planning, checks or files. What `plan`
 * costs above it is the project's own. `npm run floor -- <out dir> <stack>…`
 *
 * Two floors (`FLOOR=typed`, the default, or `generic`):
 * - typed: each resource through its provider package's own class (`new aws.rds.Instance`,
 *   `new k8s.apps.v1.Deployment`, a `CustomResource` for a custom kind), as any typed program
 *   must register it; the classes add what the SDKs add (a Kubernetes class's aliases for its
 *   kind's older API versions, for one);
 * - generic: each resource through a bare `CustomResource` of its type, which no typed program
 *   can do: the lowest the engine goes.
 * Our own component types stay bare `ComponentResource`s in both.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as vault from "@pulumi/vault";
import { runInMockStack } from "../harness/engine";

/** Concrete classes for the SDK's abstract ones: registration is all the floor does. */
class FloorProvider extends pulumi.ProviderResource {}
class FloorComponent extends pulumi.ComponentResource {}
class FloorCustom extends pulumi.CustomResource {}

interface Entry {
  type: string;
  name: string;
  parent?: string;
  read?: string;
  inputs: Record<string, unknown>;
}

type Made = new (
  name: string,
  args: Record<string, unknown>,
  opts: pulumi.CustomResourceOptions,
) => pulumi.Resource;

const PACKAGES: Record<string, unknown> = { aws, cloudflare, kubernetes: k8s, random, vault };
/** Kubernetes API groups as @pulumi/kubernetes names its modules. */
const K8S_GROUPS: Record<string, string> = {
  core: "core",
  apps: "apps",
  batch: "batch",
  policy: "policy",
  autoscaling: "autoscaling",
  "networking.k8s.io": "networking",
  "rbac.authorization.k8s.io": "rbac",
  "storage.k8s.io": "storage",
  "helm.sh": "helm",
};

/** The provider package's class for a type token, or undefined (then a custom kind or a generic one). */
export function typedClass(type: string): Made | undefined {
  const [pkg, module, name] = type.split(":") as [string, string, string];
  if (pkg === "pulumi" && module === "providers")
    return (PACKAGES[name] as { Provider?: Made } | undefined)?.Provider;
  const root = PACKAGES[pkg] as Record<string, unknown> | undefined;
  if (!root || !module || !name) return undefined;
  let ns: unknown;
  if (pkg === "kubernetes") {
    const [group, version] = module.split("/") as [string, string];
    const mod = K8S_GROUPS[group];
    ns = mod ? (root[mod] as Record<string, unknown> | undefined)?.[version] : undefined;
  } else {
    const mod = module.split("/")[0]!;
    ns = mod === "index" ? root : root[mod];
  }
  return (ns as Record<string, Made | undefined> | undefined)?.[name];
}

async function floor(out: string, stack: string, typed: boolean): Promise<{ n: number; generic: number }> {
  const entries = JSON.parse(fs.readFileSync(path.join(out, stack, "resources.json"), "utf8")) as Entry[];
  let generic = 0;
  const run = await runInMockStack(stack, () => {
    const made = new Map<string, pulumi.Resource>();
    for (const e of entries) {
      if (e.read || e.type === "pulumi:pulumi:StackReference") continue;
      const parent = e.parent ? made.get(e.parent) : undefined;
      const opts = parent ? { parent } : {};
      const key = `${e.type}::${e.name}`;
      const Typed = typed ? typedClass(e.type) : undefined;
      if (e.type.startsWith("ecommerce:")) made.set(key, new FloorComponent(e.type, e.name, {}, opts));
      else if (Typed) made.set(key, new Typed(e.name, e.inputs, opts));
      else if (typed && e.type.startsWith("kubernetes:"))
        // A custom kind: what a typed program registers it with.
        made.set(key, new k8s.apiextensions.CustomResource(e.name, e.inputs as never, opts));
      else if (e.type.startsWith("pulumi:providers:")) {
        generic++;
        made.set(key, new FloorProvider(e.type.split(":")[2]!, e.name, e.inputs, opts));
      } else {
        generic++;
        made.set(key, new FloorCustom(e.type, e.name, e.inputs, opts));
      }
    }
    return {};
  });
  return { n: run.resources.length, generic };
}

/** `floor <out dir> <stack>…`: registers each stack's recorded resources, in the order given. */
export function main(): void {
  const [out, ...stacks] = process.argv.slice(2);
  const kind = process.env.FLOOR ?? "typed";
  if (kind !== "typed" && kind !== "generic") throw new Error(`FLOOR=${kind}: give typed or generic`);
  void (async () => {
    let n = 0;
    let generic = 0;
    for (const s of stacks) {
      const r = await floor(out!, s, kind === "typed");
      n += r.n;
      generic += r.generic;
    }
    process.stdout.write(`floor (${kind}): ${n} resources, ${generic} through a bare CustomResource\n`);
  })();
}

if (require.main === module) main();
