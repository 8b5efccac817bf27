/**
 * Every Kubernetes object against the Kubernetes OpenAPI and CRD schemas.
 * The real program for every stack, as tests/global-setup.ts recorded it under the mock engine.
 */
import { VALIDATED_KINDS, validateManifests, type ManifestObject } from "../../harness/schemas";
import { loadRecordedRuns, type Obj, objects } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

describe.each(STACKS)("stack %s", (stack) => {
  it("every Kubernetes object validates against the Kubernetes OpenAPI and CRD schemas", () => {
    const objs = objects(stack) as ManifestObject[];
    for (const kind of new Set(objs.map((o) => `${o.apiVersion}/${o.kind}`)))
      expect(VALIDATED_KINDS).toContain(kind);
    expect(validateManifests(objs)).toEqual([]);
  });
});

describe("schema validation can fail", () => {
  const base = (): Obj => structuredClone(objects("us-prod", "Deployment")[0]!);

  it("schema validation rejects wrong types, missing required fields and unknown kinds", () => {
    const d = base();
    d.spec.template.spec.containers[0].ports[0].containerPort = "http";
    const es = structuredClone(objects("us-prod", "ExternalSecret")[0]!);
    delete es.spec.data[0].remoteRef.key;
    const plugin = {
      ...structuredClone(objects("us-prod", "KongPlugin")[0]!),
      configFrom: { secretKeyRef: { name: "x", key: "y" } },
    };
    const problems = validateManifests([
      d,
      es,
      plugin,
      { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } },
    ] as ManifestObject[]);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^Deployment us-prod\/.*containerPort/);
    expect(problems[1]).toMatch(/^ExternalSecret us-prod\/.*key/);
    expect(problems[2]).toMatch(/^KongPlugin us-prod\/api-gateway-rate-limit: data must NOT be valid/);
    expect(problems[3]).toBe("Widget w: no schema for example.com/v1/Widget");
  });
});
