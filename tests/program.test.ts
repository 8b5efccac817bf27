/** The real program under Pulumi's mock engine: what `pulumi up --stack <env>` would run. */
import { catalog } from "../config";
import { runProgram } from "../harness/engine";
import { planEnvironment, planFigures, parseStackSettings } from "../planner";
import { readStackConfig } from "../cli/stack-config";
import { editCatalog, patchEntry, STACKS } from "./helpers/catalog";

describe.each(STACKS)("stack %s", (stack) => {
  it("exports the plan's summary as stack outputs", async () => {
    const run = await runProgram(stack);
    const settings = parseStackSettings(readStackConfig(stack).values).settings!;
    const plan = planEnvironment(catalog, stack, settings);
    expect(run.outputs).toEqual({
      environment: stack,
      region: plan.region,
      domain: plan.domain,
      cluster: plan.cluster,
      namespace: stack,
      tier: plan.tier,
      publicEndpoints: Object.fromEntries(plan.publicHosts.map((h) => [h.entry, h.url])),
      dataStores: plan.dataStores.map((d) => d.name),
      figures: planFigures(plan),
      kubernetesNamespace: stack,
    });
  });
});

describe("bad input stops the program before anything is registered", () => {
  it("an invalid catalog throws every problem", async () => {
    const broken = editCatalog((c) => {
      patchEntry(c, "auth-service", { needs: ["postgres-auht"] });
      patchEntry(c, "web-app", { tls: undefined });
    });
    await expect(runProgram("us-prod", { catalog: broken })).rejects.toMatchObject({ registeredBeforeFailure: 0 });
    await expect(runProgram("us-prod", { catalog: broken })).rejects.toThrow(
      /^Invalid catalog: 2 problems:\n✗ \[needs-known\] entries\.auth-service\.needs: "postgres-auht" is not an entry\. Fix: did you mean "postgres-auth"\?\n✗ \[tls\] entries\.web-app\.tls: a public host has no TLS policy\./,
    );
  });

  it("missing or malformed stack settings are all listed", async () => {
    await expect(runProgram("eu-prod", { config: { "aws:region": "us-east-1" } })).rejects.toMatchObject({ registeredBeforeFailure: 0 });
    await expect(
      runProgram("eu-prod", { config: { "ecommerce-platform:vpcId": "vpc-XYZ", "ecommerce-platform:dataSubnetCidrs": "[]", "aws:region": "us-east-1" } }),
    ).rejects.toThrow(
      [
        "Invalid stack settings for eu-prod:",
        '✗ ecommerce-platform:vpcId must be a VPC id such as vpc-0a1b2c3d4e5f60718 (got "vpc-XYZ")',
        "✗ ecommerce-platform:dataSubnetCidrs must be a non-empty list of IPv4 CIDRs (got [])",
        "✗ aws:region is us-east-1, but cluster eu-k8s-prod runs in zones eu-west-1a, eu-west-1b, eu-west-1c",
      ].join("\n"),
    );
  });
});
