/**
 * Bad input stops the program before anything is registered, as Pulumi's run error: `pulumi up`
 * prints the problem list alone, without a stack trace or program source.
 */
import * as pulumi from "@pulumi/pulumi";
import { catalog } from "../../config";
import { SECRET_PLACEHOLDER } from "../../harness/run";
import { runProgram } from "../../harness/programs";
import { checkedKubeconfig } from "../../planner/kubeconfig";
import { stacksRecorded } from "../helpers/runs";

// The stacks a failing stack reads are read back from their recordings, not run again here.
beforeAll(stacksRecorded);

describe("bad input stops the program before anything is registered", () => {
  it("an invalid catalog throws every problem as a RunError", async () => {
    const broken = structuredClone(catalog);
    broken.entries["auth-service"] = { ...broken.entries["auth-service"]!, needs: ["postgres-auht"] };
    broken.entries["web-app"] = { ...broken.entries["web-app"]!, tls: undefined };
    const failure = runProgram("us-prod", { catalog: broken });
    await expect(failure).rejects.toMatchObject({ registeredBeforeFailure: 0 });
    await expect(failure).rejects.toThrow(
      /^Invalid catalog: 2 problems:\n✗ \[needs-known\] entries\.auth-service\.needs: "postgres-auht" is not an entry\. Fix: did you mean "postgres-auth"\?\n✗ \[tls\] entries\.web-app\.tls: a public host has no TLS policy\./,
    );
    const err: unknown = await failure.catch((e: unknown) => e);
    expect(pulumi.RunError.isInstance(err)).toBe(true);
  });

  it("missing or malformed stack settings are all listed, as a RunError", async () => {
    const failure = runProgram("eu-prod", {
      config: {
        "ecommerce-platform:vpcId": "vpc-XYZ",
        "ecommerce-platform:dataSubnetCidrs": "[]",
        "aws:region": "us-east-1",
      },
    });
    await expect(failure).rejects.toMatchObject({ registeredBeforeFailure: 0 });
    await expect(failure).rejects.toThrow(
      [
        "Invalid stack settings for eu-prod:",
        '✗ ecommerce-platform:vpcId must be a VPC id such as vpc-0a1b2c3d4e5f60718 (got "vpc-XYZ")',
        "✗ ecommerce-platform:dataSubnetCidrs must be a non-empty list of IPv4 CIDRs (got [])",
        "✗ aws:region is us-east-1, outside region eu's data residency EU",
        "✗ aws:region is us-east-1, but cluster eu-k8s-prod runs in zones eu-west-1a, eu-west-1b, eu-west-1c",
      ].join("\n"),
    );
    expect(pulumi.RunError.isInstance(await failure.catch((e: unknown) => e))).toBe(true);
  });
});

describe("the kubeconfig", () => {
  it("of another cluster stops the program, naming both servers", async () => {
    const other = [
      "apiVersion: v1",
      "kind: Config",
      "current-context: dev",
      "contexts: [{ name: dev, context: { cluster: dev } }]",
      "clusters: [{ name: dev, cluster: { server: 'https://us-k8s-dev.internal:6443', certificate-authority-data: Zm9v } }]",
    ].join("\n");
    await expect(
      runProgram("us-staging", { config: { "ecommerce-platform:kubeconfig": other } }),
    ).rejects.toThrow(
      "the kubeconfig reaches https://us-k8s-dev.internal:6443, but us-k8s-prod's API server is https://us-k8s-prod.internal:6443 (the catalog): set us-k8s-prod's kubeconfig with pulumi config set --secret kubeconfig < file",
    );
  });

  it("is read for its current context's server", () => {
    expect(
      checkedKubeconfig(SECRET_PLACEHOLDER("k:kubeconfig", "https://a:6443"), "c", "https://a:6443/"),
    ).toContain("https://a:6443");
    expect(() => checkedKubeconfig("not: [a kubeconfig", "c", "https://a")).toThrow(
      "the kubeconfig names no server for its current context",
    );
  });
});

describe("the kubeconfig's server, however written", () => {
  it("matches across host case, the default port and a trailing slash; a malformed file names no server", () => {
    const doc = (server: string) =>
      `apiVersion: v1\nclusters: [{ name: c, cluster: { server: "${server}" } }]\ncontexts: [{ name: x, context: { cluster: c } }]\ncurrent-context: x\n`;
    expect(() =>
      checkedKubeconfig(
        doc("https://ABC123.gr7.us-east-1.eks.amazonaws.com:443/"),
        "c",
        "https://abc123.gr7.us-east-1.eks.amazonaws.com",
      ),
    ).not.toThrow();
    expect(() => checkedKubeconfig("clusters: 5\ncontexts: {}\n", "c", "https://a")).toThrow(
      "names no server",
    );
  });
});
