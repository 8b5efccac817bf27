/**
 * Every Kubernetes object against the schemas of exactly what the cluster runs: the cluster's
 * Kubernetes version for built-in objects, the pinned add-ons' served CRD versions for custom
 * resources. The real program for every stack, as recorded once per test run.
 */
import { catalog } from "../../config";
import { ADDONS } from "../../config/addons";
import {
  VALIDATED_KINDS,
  validateManifest,
  validateManifests,
  type ManifestObject,
} from "../../harness/schemas";
import { loadRecordedRuns, type Obj, objects } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

const versionOf = (stack: string) =>
  catalog.clusters[catalog.environments[stack]!.cluster]!.kubernetesVersion;

describe.each(STACKS)("stack %s", (stack) => {
  it("every Kubernetes object validates for its cluster's Kubernetes version and the pinned CRDs", () => {
    const objs = objects(stack) as ManifestObject[];
    for (const kind of new Set(objs.map((o) => `${o.apiVersion}/${o.kind}`)))
      expect(VALIDATED_KINDS).toContain(kind);
    expect(validateManifests(objs, { kubernetesVersion: versionOf(stack) })).toEqual([]);
  });

  it("every custom resource is of a kind and version a pinned add-on serves", () => {
    for (const o of objects(stack).filter((x) => (x.apiVersion as string).includes("."))) {
      const [group, version] = (o.apiVersion as string).split("/");
      if (group!.endsWith(".k8s.io")) continue;
      const crd = ADDONS.flatMap((a) => a.crds).find((c) => c.group === group && c.kind === o.kind);
      expect([o.kind, crd?.served.includes(version!)]).toEqual([o.kind, true]);
    }
  });
});

describe("schema validation can fail", () => {
  const ctx = { kubernetesVersion: "1.35" };
  const base = (): Obj => structuredClone(objects("us-prod", "Deployment")[0]!);
  const externalSecret = (): Obj => structuredClone(objects("us-prod", "ExternalSecret")[0]!);

  it("rejects wrong types, missing required fields, fields a CRD does not have, and unknown kinds", () => {
    const d = base();
    d.spec.template.spec.containers[0].ports[0].containerPort = "http";
    const es = externalSecret();
    delete es.spec.data[0].remoteRef.key;
    const plugin = {
      ...structuredClone(objects("us-prod", "KongPlugin")[0]!),
      configFrom: { secretKeyRef: { name: "x", key: "y" } },
    };
    const typo = externalSecret();
    typo.spec.target.creationPolicy = "Owned";
    typo.spec.target.deletonPolicy = "Retain";
    const store = structuredClone(objects("platform-shared", "ClusterSecretStore")[0]!);
    store.spec.provider.vault.auth.kubernetes.serviceAccount =
      store.spec.provider.vault.auth.kubernetes.serviceAccountRef;
    delete store.spec.provider.vault.auth.kubernetes.serviceAccountRef;
    const problems = validateManifests(
      [
        d,
        es,
        plugin,
        typo,
        store,
        { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } },
      ] as ManifestObject[],
      ctx,
    );
    expect(problems[0]).toMatch(/^Deployment us-prod\/.*containerPort/);
    expect(problems[1]).toBe(
      `ExternalSecret us-prod/${es.metadata.name}: /spec/data/0/remoteRef must have required property 'key'`,
    );
    expect(problems[2]).toMatch(/^KongPlugin us-prod\/api-gateway-rate-limit: \/ must NOT be valid/);
    expect(problems.slice(3, 5).sort()).toEqual([
      `ExternalSecret us-prod/${typo.metadata.name}: /spec/target must NOT have additional properties`,
      `ExternalSecret us-prod/${typo.metadata.name}: /spec/target/creationPolicy must be equal to one of the allowed values`,
    ]);
    expect(problems[5]).toBe(
      "ClusterSecretStore vault-platform-shared: /spec/provider/vault/auth/kubernetes must NOT have additional properties",
    );
    expect(problems[6]).toBe("Widget w: no pinned add-on defines example.com Widget (config/addons.ts)");
    expect(problems).toHaveLength(7);
  });

  it("rejects monitors and rules the Prometheus Operator's CRDs would refuse or ignore", () => {
    const monitor = structuredClone(objects("us-prod", "ServiceMonitor")[0]!);
    delete monitor.spec.endpoints;
    const pod = structuredClone(objects("us-prod", "PodMonitor")[0]!);
    pod.spec.podMetricsEndpoints[0].interval = "30 seconds";
    const rule = structuredClone(objects("us-prod", "PrometheusRule")[0]!);
    const alerts = rule.spec.groups.find((g: Obj) => g.name.endsWith(".alerts"));
    alerts.rules[0].record = "both:record_and:alert";
    delete alerts.rules[1].expr;
    const problems = validateManifests([monitor, pod, rule] as ManifestObject[], ctx);
    expect(problems).toEqual([
      `ServiceMonitor us-prod/${monitor.metadata.name}: /spec must have required property 'endpoints'`,
      `PodMonitor us-prod/${pod.metadata.name}: /spec/podMetricsEndpoints/0/interval must match pattern "${"^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$"}"`,
      expect.stringMatching(
        new RegExp(
          `^PrometheusRule us-prod/${rule.metadata.name}: /spec/groups/\\d+/rules/0 must match exactly one schema in oneOf`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^PrometheusRule us-prod/${rule.metadata.name}: /spec/groups/\\d+/rules/1 must have required property 'expr'`,
        ),
      ),
    ]);
  });

  it("rejects a custom resource in a version the pinned CRD does not serve (ESO v1beta1)", () => {
    const es: Obj = { ...externalSecret(), apiVersion: "external-secrets.io/v1beta1" };
    expect(validateManifest(es as ManifestObject, ctx)).toEqual([
      `ExternalSecret us-prod/${es.metadata.name}: external-secrets.io/v1beta1 is not served by external-secrets 2.11.0, which serves external-secrets.io/v1 for ExternalSecret`,
    ]);
  });

  it("rejects a built-in API the cluster's Kubernetes version removed, or does not have yet", () => {
    const pdb: Obj = {
      ...structuredClone(objects("us-prod", "PodDisruptionBudget")[0]!),
      apiVersion: "policy/v1beta1",
    };
    expect(validateManifest(pdb as ManifestObject, ctx)).toEqual([
      `PodDisruptionBudget us-prod/${pdb.metadata.name}: policy/v1beta1 PodDisruptionBudget was removed in Kubernetes 1.25; the cluster runs 1.35`,
    ]);
    const hpa = structuredClone(objects("us-prod", "HorizontalPodAutoscaler")[0]!);
    expect(validateManifest(hpa as ManifestObject, { kubernetesVersion: "1.22" })).toEqual([
      `HorizontalPodAutoscaler us-prod/${hpa.metadata.name}: autoscaling/v2 HorizontalPodAutoscaler arrived in Kubernetes 1.23; the cluster runs 1.22`,
    ]);
  });
});
