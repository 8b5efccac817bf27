/**
 * The reader, as another team's program uses it: examples/consumer run under the mock engine,
 * its StackReference answered from a stack's recorded outputs (what `plan` writes as outputs.json).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runInMockStack } from "../../harness/engine";
import { checkedPlatformOutputs } from "../../contract/reader";
import { consumer } from "../../examples/consumer/consumer";
import { loadRecordedRuns, recordedRun, type Obj } from "../helpers/runs";
import { plan, tempDir } from "../helpers/cli";

beforeAll(loadRecordedRuns);

const NAME = "acme/ecommerce-platform/eu-prod";

describe("examples/consumer", () => {
  it("reads a stack's public endpoints and topics through the contract, from its outputs.json", async () => {
    const out = tempDir();
    expect((await plan("eu-prod", "--out", out)).code).toBe(0);
    const recorded = JSON.parse(fs.readFileSync(path.join(out, "eu-prod", "outputs.json"), "utf8")) as Obj;
    expect(recorded).toEqual(recordedRun("eu-prod").outputs);
    const run = await runInMockStack("eu-prod", () => consumer(NAME), {
      stackReferences: { [NAME]: recorded },
    });
    expect(run.outputs.publicEndpoints).toEqual(recorded.publicEndpoints);
    expect(run.outputs.apiUrl).toBe("https://api.example.eu");
    expect(run.outputs.topics).toEqual(["inventory", "orders", "payments", "products", "users"]);
    expect(run.outputs.environment).toBe("eu-prod");
    // It registers nothing but the reference.
    expect(run.resources.map((r) => r.type)).toEqual(["pulumi:pulumi:StackReference"]);
  });

  it("fails with the contract's problems when the stack is of another version or misses a field", async () => {
    // The reader's decision, on resolved values (a failing program would stop `pulumi up` with it).
    const recorded = recordedRun("eu-prod").outputs as Obj;
    // An Output carries its value, whether it is known and whether it is secret as three promises:
    // all three reject with the reader's error; the test observes every one of them.
    const check = (platform: unknown) => {
      const out = checkedPlatformOutputs(NAME, platform) as unknown as {
        promise(): Promise<unknown>;
        isKnown: Promise<boolean>;
        isSecret: Promise<boolean>;
      };
      out.isKnown.catch(() => undefined);
      out.isSecret.catch(() => undefined);
      return out.promise();
    };
    await expect(check({ ...(recorded.platform as Obj), schemaVersion: 2 })).rejects.toThrow(
      `stack ${NAME}: the platform output does not match the contract:\n✗ schemaVersion is 2, this reader understands 1`,
    );
    await expect(check(undefined)).rejects.toThrow("✗ the stack exports no `platform` output");
    const { ingress, ...withoutIngress } = recorded.platform as Obj;
    expect(ingress).toBeDefined();
    await expect(check(withoutIngress)).rejects.toThrow("✗ (root): must have required property 'ingress'");
    await expect(check(recorded.platform)).resolves.toEqual(recorded.platform);
  });
});
