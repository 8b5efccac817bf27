/** Every stack's outputs follow the contract, and carry no credential. */
import { catalog } from "../../config";
import { contractProblems } from "../../contract/validate";
import { loadRecordedRuns, planFor, recordedRun, type Obj } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

describe.each(STACKS)("outputs of %s", (stack) => {
  const outputs = () => recordedRun(stack).outputs as Obj;

  it("export `platform`, valid against the contract's schema", () => {
    expect(contractProblems(outputs().platform)).toEqual([]);
    expect(outputs().platform.schemaVersion).toBe(1);
  });

  it("say what another program would otherwise hard-code, computed from the plan", () => {
    const p = outputs().platform;
    const plan = planFor(stack);
    expect(Object.keys(p.publicEndpoints)).toEqual(plan.publicHosts.map((h) => h.entry).sort());
    expect(Object.keys(p.services).sort()).toEqual(
      plan.workloads
        .filter((w) => w.service)
        .map((w) => w.name)
        .sort(),
    );
    expect(Object.keys(p.dataStores).sort()).toEqual(plan.dataStores.map((d) => d.name).sort());
    for (const [name, d] of Object.entries(p.dataStores as Record<string, Obj>)) {
      expect(d.vaultPath).toBe(`kv/ecommerce-platform/${stack}/${name}`);
    }
    const owner = catalog.clusters[plan.cluster]!.addonOwner;
    // The owner reads Kong's proxy Service; every other stack of the cluster its owner's output.
    const proxy = recordedRun(owner).resources.find((r) => r.read && r.type === "kubernetes:core/v1:Service");
    expect(proxy?.readId).toBe("kong/kong-proxy");
    expect(p.ingress).toEqual({
      class: "kong",
      namespace: "kong",
      installedBy: owner,
      loadBalancer: (recordedRun(owner).outputs as Obj).platform.ingress.loadBalancer,
    });
    expect(p.ingress.loadBalancer).toMatch(/\.elb\.[a-z0-9-]+\.amazonaws\.com$/);
    expect(p.dnsNames).toEqual(plan.dnsRecords.map((d) => ({ name: d.name, zone: d.zone })));
  });

  it("carry no credential: no password, token, kubeconfig or user in a URL", () => {
    const text = JSON.stringify(outputs());
    expect(text).not.toMatch(/mock-password|<secret |:\/\/[^/"@]*:[^/"@]*@/);
  });

  it("keep the deprecated top-level keys of version 1, equal to the contract's values", () => {
    const o = outputs();
    expect([o.environment, o.region, o.namespace, o.tier]).toEqual([
      o.platform.environment,
      o.platform.region,
      o.platform.namespace,
      o.platform.tier,
    ]);
    expect(o.publicEndpoints).toEqual(
      Object.fromEntries(
        Object.entries(o.platform.publicEndpoints as Record<string, Obj>).map(([k, v]) => [k, v.url]),
      ),
    );
  });
});

describe("the contract's validation", () => {
  it("names a version mismatch, a missing field and a wrong type", () => {
    const p = structuredClone(recordedRun("us-prod").outputs.platform as Obj);
    expect(contractProblems({ ...p, schemaVersion: 2 })).toEqual([
      "schemaVersion is 2, this reader understands 1: upgrade the reader or pin the stack's program",
    ]);
    delete p.namespace;
    p.services["auth-service"].port = "8080";
    expect(contractProblems(p)).toEqual([
      "(root): must have required property 'namespace'",
      "services.auth-service.port: must be integer",
    ]);
    expect(contractProblems(undefined)).toEqual([
      "the stack exports no `platform` output (deployed with an older program, or not at all)",
    ]);
  });
});
