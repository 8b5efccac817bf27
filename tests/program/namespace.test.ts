/**
 * The environment's namespace: Pod Security, default deny, quota and limits, protection.
 * The real program for every stack, as tests/global-setup.ts recorded it under the mock engine.
 */
import { cpuMillis, memoryBytes } from "../../planner/quantity";
import { loadRecordedRuns, named, type Obj, objects, planFor, resource } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

describe.each(STACKS)("stack %s", (stack) => {
  it("labels its namespace restricted (enforce, audit, warn), denies all traffic by default, allows DNS", () => {
    const ns = named(stack, "Namespace", stack);
    for (const mode of ["enforce", "audit", "warn"])
      expect(ns.metadata.labels[`pod-security.kubernetes.io/${mode}`]).toBe("restricted");
    expect(named(stack, "NetworkPolicy", "default-deny").spec).toEqual({
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
    });
    const dns = named(stack, "NetworkPolicy", "allow-dns").spec;
    expect(dns.policyTypes).toEqual(["Egress"]);
    expect(dns.egress[0].ports).toEqual([
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 53 },
    ]);
    expect(dns.egress[0].to[0].podSelector.matchLabels).toEqual({ "k8s-app": "kube-dns" });
    const tier = planFor(stack).tier;
    const nsResource = resource(stack, `kubernetes:core/v1:Namespace::${stack}-namespace`);
    expect([nsResource.options.protect, nsResource.options.retainOnDelete]).toEqual([
      tier === "production",
      tier === "production",
    ]);
  });

  it("caps the namespace at its workloads' full scale; no ingress for ACME solvers (DNS-01 needs none)", () => {
    const plan = planFor(stack);
    const quota = objects(stack, "ResourceQuota");
    // Certificates are solved by DNS-01 through Cloudflare: nothing in the namespace is opened for it.
    expect(objects(stack, "NetworkPolicy").map((p) => p.metadata.name)).not.toContainEqual(
      expect.stringMatching(/acme|solver/),
    );
    if (!plan.workloads.length) {
      expect(quota).toEqual([]);
      return;
    }
    // Recomputed from the registered objects: every Deployment at its HPA's maximum plus a 25% surge.
    let pods = 0;
    let cpuLimits = 0;
    let memLimits = 0;
    for (const d of objects(stack, "Deployment")) {
      const hpa = objects(stack, "HorizontalPodAutoscaler").find((h) => h.metadata.name === d.metadata.name);
      const max = hpa ? hpa.spec.maxReplicas : d.spec.replicas;
      const n = max + Math.ceil(max / 4);
      const limits = d.spec.template.spec.containers[0].resources.limits;
      pods += n;
      cpuLimits += n * cpuMillis(limits.cpu);
      memLimits += n * memoryBytes(limits.memory);
    }
    // And the ClickHouse installation, its Keeper (replicas × their pod template) and the backup job.
    const sized = (replicas: number, container: Obj) => {
      pods += replicas;
      cpuLimits += replicas * cpuMillis(container.resources.limits.cpu);
      memLimits += replicas * memoryBytes(container.resources.limits.memory);
    };
    for (const chi of objects(stack, "ClickHouseInstallation")) {
      sized(
        chi.spec.configuration.clusters[0].layout.replicasCount,
        chi.spec.templates.podTemplates[0].spec.containers[0],
      );
    }
    for (const chk of objects(stack, "ClickHouseKeeperInstallation")) {
      sized(
        chk.spec.configuration.clusters[0].layout.replicasCount,
        chk.spec.templates.podTemplates[0].spec.containers[0],
      );
    }
    for (const job of objects(stack, "CronJob"))
      sized(1, job.spec.jobTemplate.spec.template.spec.containers[0]);
    const hard = quota[0]!.spec.hard;
    expect(Number(hard.pods) - pods).toBe(10);
    expect(cpuMillis(hard["limits.cpu"]) - cpuLimits).toBe(10 * 100);
    expect(memoryBytes(hard["limits.memory"]) - memLimits).toBe(10 * 128 * 2 ** 20);
    expect(hard["services.loadbalancers"]).toBe("0");
    const range = named(stack, "LimitRange", "container-defaults").spec.limits[0];
    const containers = [
      ...objects(stack, "Deployment").map((d) => d.spec.template.spec.containers[0]),
      ...objects(stack, "ClickHouseInstallation").map(
        (c) => c.spec.templates.podTemplates[0].spec.containers[0],
      ),
    ];
    const biggest = Math.max(...containers.map((c) => memoryBytes(c.resources.limits.memory)));
    expect(memoryBytes(range.max.memory)).toBe(biggest);
  });
});
