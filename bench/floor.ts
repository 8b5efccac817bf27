/**
 * The floor of `plan`: a program that registers exactly the resources a recording of `plan` holds
 * (same types, names, parents and inputs) under the same mock engine and recording, importing the
 * same provider packages, with no catalog, validation, planning, checks or files. What `plan`
 * costs above it is the project's own. `tsx bench/floor.ts <out dir> <stack>…`
 */
import * as fs from "node:fs";
import * as path from "node:path";
import "@pulumi/aws";
import "@pulumi/cloudflare";
import "@pulumi/kubernetes";
import "@pulumi/vault";
import * as pulumi from "@pulumi/pulumi";
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

async function floor(out: string, stack: string): Promise<number> {
  const entries = JSON.parse(fs.readFileSync(path.join(out, stack, "resources.json"), "utf8")) as Entry[];
  const run = await runInMockStack(stack, () => {
    const made = new Map<string, pulumi.Resource>();
    for (const e of entries) {
      if (e.read || e.type === "pulumi:pulumi:StackReference") continue;
      const parent = e.parent ? made.get(e.parent) : undefined;
      const opts = parent ? { parent } : {};
      const key = `${e.type}::${e.name}`;
      if (e.type.startsWith("pulumi:providers:"))
        made.set(key, new FloorProvider(e.type.split(":")[2]!, e.name, e.inputs, opts));
      else if (e.type.split(":").length === 3 && !e.type.includes("/") && e.type.startsWith("ecommerce:"))
        made.set(key, new FloorComponent(e.type, e.name, {}, opts));
      else made.set(key, new FloorCustom(e.type, e.name, e.inputs, opts));
    }
    return {};
  });
  return run.resources.length;
}

/** `floor <out dir> <stack>…`: registers each stack's recorded resources, in the order given. */
export function main(): void {
  const [out, ...stacks] = process.argv.slice(2);
  void (async () => {
    let n = 0;
    for (const s of stacks) n += await floor(out!, s);
    process.stdout.write(`floor: ${n} resources\n`);
  })();
}

if (require.main === module) main();
