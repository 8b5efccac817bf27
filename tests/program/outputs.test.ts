/**
 * Stack outputs and the Kubernetes provider.
 * The real program for every stack, as tests/global-setup.ts recorded it under the mock engine.
 */
import { catalog } from "../../config";
import { planFigures } from "../../planner";
import { SECRET_PLACEHOLDER } from "../../harness/run";
import { loadRecordedRuns, planFor, recordedRun } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

describe.each(STACKS)("stack %s", (stack) => {
  it("exports the contract's `platform` object and, deprecated, the first top-level keys", () => {
    const plan = planFor(stack);
    const { platform, ...deprecated } = recordedRun(stack).outputs;
    expect(platform).toMatchObject({ schemaVersion: 1, environment: stack, namespace: stack });
    expect(deprecated).toEqual({
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

  it("has one Kubernetes provider: the stack's secret kubeconfig, server-side apply, its namespace as default", () => {
    const providers = recordedRun(stack).ofType("pulumi:providers:kubernetes");
    expect(providers.map((p) => p.name)).toEqual([`${stack}-k8s`]);
    const p = providers[0]!;
    expect(p.inputs).toMatchObject({
      kubeconfig: SECRET_PLACEHOLDER(
        "ecommerce-platform:kubeconfig",
        catalog.clusters[catalog.environments[stack]!.cluster]!.apiServer,
      ),
      namespace: stack,
    });
    expect(JSON.parse(String(p.inputs.enableServerSideApply))).toBe(true);
    expect(p.secretPaths).toEqual(["kubeconfig"]);
    for (const r of recordedRun(stack).resources.filter((x) => x.type.startsWith("kubernetes:"))) {
      expect([r.key, r.provider]).toEqual([r.key, p.key]);
    }
  });
});
