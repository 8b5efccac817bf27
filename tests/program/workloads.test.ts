/**
 * Workloads: one component each, sized from the environment, Pod Security restricted.
 * The real program for every stack, as tests/global-setup.ts recorded it under the mock engine.
 */
import { catalog } from "../../config";
import { hygieneViolations, restrictedViolations } from "../../harness/pod-security";
import { hostingOf } from "../../planner/kinds";
import { entriesIn } from "../../planner/placement";
import { loadRecordedRuns, type Obj, objects, planFor, recordedRun } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

describe.each(STACKS)("stack %s", (stack) => {
  it("creates one Workload component per planned workload, and nothing for other entries", () => {
    const plan = planFor(stack);
    const expected = entriesIn(stack, catalog).filter((n) => hostingOf(catalog.entries[n]!) === "deployment");
    expect(
      recordedRun(stack)
        .ofType("ecommerce:k8s:Workload")
        .map((r) => r.name)
        .sort(),
    ).toEqual(expected);
    expect(
      objects(stack, "Deployment")
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual(expected);
    for (const w of plan.workloads) {
      const has = (kind: string) => objects(stack, kind).some((o) => o.metadata.name === w.name);
      expect([
        w.name,
        has("ServiceAccount"),
        has("NetworkPolicy"),
        has("Service"),
        has("HorizontalPodAutoscaler"),
        has("PodDisruptionBudget"),
        has("ExternalSecret"),
      ]).toEqual([
        w.name,
        true,
        true,
        w.service,
        plan.tier !== "development",
        w.replicas >= 2,
        w.env.some((v) => v.secret),
      ]);
    }
  });

  it("sizes Deployments, autoscalers and disruption budgets from the environment", () => {
    const plan = planFor(stack);
    for (const d of objects(stack, "Deployment"))
      expect([d.metadata.name, d.spec.replicas]).toEqual([d.metadata.name, plan.replicas]);
    for (const h of objects(stack, "HorizontalPodAutoscaler")) {
      expect(h.spec.minReplicas).toBeGreaterThanOrEqual(plan.replicas);
      expect(h.spec.maxReplicas).toBeGreaterThan(h.spec.minReplicas);
      expect(h.spec.scaleTargetRef).toEqual({
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: h.metadata.name,
      });
    }
    for (const p of objects(stack, "PodDisruptionBudget")) expect(p.spec.maxUnavailable).toBe(1);
    for (const r of recordedRun(stack).ofType("kubernetes:apps/v1:Deployment")) {
      const hasHpa = objects(stack, "HorizontalPodAutoscaler").some(
        (h) => `${h.metadata.name}-deployment` === r.name,
      );
      expect([r.name, r.options.ignoreChanges]).toEqual([r.name, hasHpa ? ["spec.replicas"] : []]);
      expect(r.options.dependsOn).toContain(
        r.name.replace(/-deployment$/, "-sa").replace(/^/, "kubernetes:core/v1:ServiceAccount::"),
      );
    }
  });

  it("every Deployment passes Pod Security restricted and the hygiene checks", () => {
    const deployments = objects(stack, "Deployment");
    expect(deployments.length).toBe(planFor(stack).workloads.length);
    for (const d of deployments) {
      expect([d.metadata.name, restrictedViolations(d), hygieneViolations(d)]).toEqual([
        d.metadata.name,
        [],
        [],
      ]);
      const c = d.spec.template.spec.containers[0];
      expect(c.securityContext).toMatchObject({
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
      });
      expect(d.spec.template.spec.securityContext.runAsUser).toBeGreaterThan(0);
      expect(d.spec.template.spec.serviceAccountName).toBe(d.metadata.name);
    }
  });
});

describe("the Pod Security and hygiene checks can fail", () => {
  const base = (): Obj => structuredClone(objects("us-prod", "Deployment")[0]!);

  it("Pod Security flags a privileged, root, host-network pod", () => {
    const d = base();
    const pod = d.spec.template.spec;
    pod.hostNetwork = true;
    pod.securityContext = {};
    pod.containers[0].securityContext = { privileged: true, capabilities: { add: ["SYS_ADMIN"] } };
    pod.volumes.push({ name: "docker", hostPath: { path: "/var/run/docker.sock" } });
    expect(restrictedViolations(d)).toEqual([
      "hostNetwork is set",
      "volume docker is of type hostPath",
      `container ${pod.containers[0].name} is privileged`,
      `container ${pod.containers[0].name} allows privilege escalation`,
      `container ${pod.containers[0].name} may run as root`,
      `container ${pod.containers[0].name} has no RuntimeDefault seccomp profile`,
      `container ${pod.containers[0].name} does not drop ALL capabilities`,
      `container ${pod.containers[0].name} adds capability SYS_ADMIN`,
    ]);
  });

  it("hygiene flags an unpinned image, a missing probe and limit, the default ServiceAccount", () => {
    const d = base();
    const c = d.spec.template.spec.containers[0];
    c.image = "registry.example.com/ecommerce/x:latest";
    delete c.readinessProbe;
    delete c.resources.limits.memory;
    d.spec.template.spec.serviceAccountName = "default";
    d.spec.template.spec.topologySpreadConstraints = [];
    expect(hygieneViolations(d)).toEqual([
      "runs as the default ServiceAccount",
      "does not spread over topology.kubernetes.io/zone",
      "does not spread over kubernetes.io/hostname",
      `container ${c.name} image registry.example.com/ecommerce/x:latest is not pinned`,
      `container ${c.name} has no readinessProbe`,
      `container ${c.name} has no memory limit`,
    ]);
  });
});
