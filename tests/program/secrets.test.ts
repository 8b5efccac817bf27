/**
 * Secrets: each workload's through its ExternalSecret, no secret value in any input.
 * The real program for every stack, as tests/global-setup.ts recorded it under the mock engine.
 */
import { catalog } from "../../config";
import { SECRET_PLACEHOLDER } from "../../harness/run";
import { SECRET_LIKE_ENV } from "../../planner/secrets";
import { loadRecordedRuns, named, type Obj, objects, planFor, recordedRun } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

describe.each(STACKS)("stack %s", (stack) => {
  it("every workload's secrets come through its ExternalSecret, exactly the catalog's, from its Vault paths", () => {
    const plan = planFor(stack);
    for (const w of plan.workloads) {
      const secretVars = w.env.filter((v) => v.secret);
      const container = named(stack, "Deployment", w.name).spec.template.spec.containers[0];
      const fromSecret = container.env
        .filter((e: Obj) => e.valueFrom)
        .map((e: Obj) => `${e.name} ${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}`);
      expect([w.name, fromSecret]).toEqual([
        w.name,
        secretVars.map((v) => `${v.name} ${w.name}-secrets/${v.name}`),
      ]);
      if (!secretVars.length) continue;
      const es = named(stack, "ExternalSecret", w.name);
      // Its own store: Vault as the workload, through its own role.
      expect(es.spec.secretStoreRef).toEqual({ kind: "SecretStore", name: `vault-${w.name}` });
      const store = named(stack, "SecretStore", `vault-${w.name}`);
      expect(store.spec.provider.vault.auth.kubernetes).toEqual({
        mountPath: `kubernetes-${planFor(stack).cluster}`,
        role: `ecommerce-platform-${stack}-${w.name}`,
        serviceAccountRef: { name: w.name, audiences: ["vault"] },
      });
      expect(es.spec.target.name).toBe(`${w.name}-secrets`);
      expect(es.spec.data).toEqual(
        secretVars.map((v) => ({
          secretKey: v.name,
          remoteRef: { key: v.secret!.key, property: v.secret!.property },
        })),
      );
      const declared = [...(catalog.entries[w.name]!.secrets ?? []).map((s) => s.env)];
      for (const d of declared) expect(es.spec.data.map((x: Obj) => x.secretKey)).toContain(d);
    }
  });

  it("no secret value anywhere in the recorded inputs", () => {
    expect(objects(stack, "Secret")).toEqual([]);
    const placeholder = SECRET_PLACEHOLDER(
      "ecommerce-platform:kubeconfig",
      catalog.clusters[catalog.environments[stack]!.cluster]!.apiServer,
    );
    for (const r of recordedRun(stack).resources) {
      const text = JSON.stringify(r.inputs);
      if (r.type !== "pulumi:providers:kubernetes")
        expect([r.key, text.includes(placeholder)]).toEqual([r.key, false]);
    }
    for (const d of objects(stack, "Deployment")) {
      for (const e of d.spec.template.spec.containers[0].env) {
        if (SECRET_LIKE_ENV.test(e.name) && !e.name.startsWith("NEXT_PUBLIC_"))
          expect([d.metadata.name, e.name, e.value]).toEqual([d.metadata.name, e.name, undefined]);
      }
    }
  });
});
