/**
 * Every component the same shape: children named with their parent's prefix, and a transform
 * per child that can change the object and its resource options before registration.
 */
import { PlatformEnvironment, Workload } from "../../components";
import { ADDONS } from "../../config/addons";
import { platformOutputs } from "../../contract/outputs";
import { ingestEndpoint } from "../../contract/outputs";
import { catalog } from "../../config";
import { runInMockStack, SECRET_PLACEHOLDER } from "../../harness/engine";
import { loadRecordedRuns, type Obj, planFor, recordedRun } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

const ROOT = "ecommerce:platform:Environment";

describe("component conventions, in every stack", () => {
  it.each(STACKS)("%s: every child of a component below the root is named <parent>-<role>", (stack) => {
    const run = recordedRun(stack);
    const components = run.resources.filter((r) => r.type.startsWith("ecommerce:") && r.type !== ROOT);
    expect(components.length).toBeGreaterThan(0);
    for (const c of components) {
      const children = run.resources.filter((r) => r.parent === c.key);
      expect([c.key, children.length > 0]).toEqual([c.key, true]);
      for (const child of children)
        expect([child.key, child.name.startsWith(`${c.name}-`)]).toEqual([child.key, true]);
    }
  });
});

describe("transforms", () => {
  const annotate = <T extends { metadata: { annotations?: Record<string, string> } }>(o: T): T => ({
    ...o,
    metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, "example.com/touched": "true" } },
  });

  it("the Workload applies a transform to the child it names, args and options", async () => {
    const plan = planFor("us-prod");
    const w = plan.workloads.find((x) => x.name === "order-service")!;
    const run = await runInMockStack("us-prod", () => {
      new Workload("order-service", {
        plan,
        workload: w,
        catalog,
        transform: { deployment: (d, opts) => [annotate(d), { ...opts, protect: true }] },
      });
      return {};
    });
    const component = run.byKey.get("ecommerce:k8s:Workload::order-service")!;
    const children = run.resources
      .filter((r) => r.parent === component.key)
      .map((r) => r.name)
      .sort();
    expect(children).toEqual(
      ["-deployment", "-hpa", "-netpol", "-pdb", "-sa", "-secret-store", "-secrets", "-service"].map(
        (s) => `order-service${s}`,
      ),
    );
    const recorded = run.byKey.get("kubernetes:apps/v1:Deployment::order-service-deployment")!;
    const deployment = recorded.inputs as Obj;
    expect(deployment.metadata.annotations["example.com/touched"]).toBe("true");
    // The options the component set survive beside the transform's.
    expect(recorded.options).toMatchObject({ protect: true, ignoreChanges: ["spec.replicas"] });
    expect(recorded.options.dependsOn).toEqual([
      "kubernetes:core/v1:ServiceAccount::order-service-sa",
      "kubernetes:external-secrets.io/v1:ExternalSecret::order-service-secrets",
    ]);
    // Everything else is as the program creates it.
    const fromProgram = recordedRun("us-prod").byKey.get(
      "kubernetes:apps/v1:Deployment::order-service-deployment",
    )!.inputs as Obj;
    expect({ ...deployment, metadata: { ...deployment.metadata, annotations: {} } }).toEqual({
      ...fromProgram,
      metadata: { ...fromProgram.metadata, annotations: {} },
    });
  });

  it("the environment passes transforms down to every component it creates", async () => {
    const plan = planFor("platform-shared");
    const run = await runInMockStack("platform-shared", () => {
      new PlatformEnvironment("platform-shared", {
        plan,
        catalog,
        kubeconfig: SECRET_PLACEHOLDER("ecommerce-platform:kubeconfig"),
        ingest: ingestEndpoint(platformOutputs(plan, "platform-shared", {})),
        transform: {
          provider: (args, opts) => [{ ...args, suppressHelmHookWarnings: true }, opts],
          addons: {
            clusterIssuer: (o, opts) => [annotate(o), opts],
            chart: (a, opts) => [a, { ...opts, retainOnDelete: true }],
          },
          namespace: { defaultDeny: (o, opts) => [annotate(o), opts] },
          publicHost: { ingress: (o, opts) => [annotate(o), opts] },
          certificate: (o, opts) => [annotate(o), opts],
        },
      });
      return {};
    });
    const touched = run.resources
      .filter((r) => (r.inputs as Obj).metadata?.annotations?.["example.com/touched"] === "true")
      .map((r) => r.name)
      .sort();
    expect(touched).toEqual(
      [
        "platform-shared-default-deny",
        "us-k8s-prod-addons-letsencrypt-issuer",
        "platform-tls-cert-certificate",
        ...plan.publicHosts.map((h) => `${h.entry}-public-ingress`),
      ].sort(),
    );
    expect(
      run.byKey.get("pulumi:providers:kubernetes::platform-shared-k8s")!.inputs.suppressHelmHookWarnings,
    ).toBe("true");
    // The add-ons' charts; the central services' and the collector's are other components'.
    const addonCharts = run
      .ofType("kubernetes:helm.sh/v4:Chart")
      .filter((c) => c.parent?.endsWith("ecommerce:k8s:ClusterAddons::us-k8s-prod-addons"));
    expect(addonCharts).toHaveLength(ADDONS.length);
    for (const c of addonCharts)
      expect([c.name, c.options.retainOnDelete, c.options.protect]).toEqual([c.name, true, true]);
  });
});
