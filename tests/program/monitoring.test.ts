/**
 * Monitoring as the stacks register it: each cluster's Prometheus (kube-prometheus-stack in the
 * add-on owner, server mode so that it evaluates the rules), and in every stack a monitor and a
 * PrometheusRule per workload with metrics, labelled for that Prometheus's selectors and pointing
 * at ports and pods that exist. Checked against the chart's values at the pinned version; what
 * the chart renders (the Prometheus pods' labels) would need a real cluster.
 */
import { catalog } from "../../config";
import { KUBE_PROMETHEUS_STACK } from "../../config/addons";
import type { RecordedResource } from "../../harness/run";
import { loadRecordedRuns, named, objects, planFor, recordedRun, type Obj } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

const inputs = (r: RecordedResource) => r.inputs as Obj;
const prometheusChart = (stack: string) =>
  recordedRun(stack)
    .ofType("kubernetes:helm.sh/v4:Chart")
    .map(inputs)
    .find((c) => c.chart === KUBE_PROMETHEUS_STACK.chart);

describe.each(Object.keys(catalog.clusters))("the Prometheus of %s", (cluster) => {
  const owner = catalog.clusters[cluster]!.addonOwner;

  it("is installed by the cluster's owner only, pinned, in server mode with central Grafana and Alertmanager", () => {
    for (const s of STACKS.filter((x) => catalog.environments[x]!.cluster === cluster))
      expect([s, prometheusChart(s) !== undefined]).toEqual([s, s === owner]);
    const c = prometheusChart(owner)!;
    expect([c.name, c.version, c.repositoryOpts.repo, c.namespace]).toEqual([
      KUBE_PROMETHEUS_STACK.chart,
      KUBE_PROMETHEUS_STACK.version,
      KUBE_PROMETHEUS_STACK.repository,
      catalog.platform.telemetry.namespace,
    ]);
    expect(c.values.prometheus.agentMode).toBeUndefined();
    // helm.v4 drops the chart's hook Jobs that would make the operator's webhook certificate:
    // cert-manager issues it, so the chart waits for cert-manager's.
    expect(c.values.prometheusOperator.admissionWebhooks.certManager.enabled).toBe(true);
    const chartResource = recordedRun(owner)
      .ofType("kubernetes:helm.sh/v4:Chart")
      .find((r) => inputs(r).chart === KUBE_PROMETHEUS_STACK.chart)!;
    const certManager = recordedRun(owner)
      .ofType("kubernetes:helm.sh/v4:Chart")
      .find((r) => inputs(r).chart === "cert-manager")!;
    expect(chartResource.options.dependsOn).toContain(certManager.key);
    expect([c.values.grafana.enabled, c.values.alertmanager.enabled]).toEqual([false, false]);
    const spec = c.values.prometheus.prometheusSpec;
    expect(spec.externalLabels).toEqual({ cluster });
    // The cluster's encrypted StorageClass, which keeps volumes when released.
    const storageClass = named(
      owner,
      "StorageClass",
      spec.storageSpec.volumeClaimTemplate.spec.storageClassName,
    );
    expect([storageClass.parameters.encrypted, storageClass.reclaimPolicy]).toEqual(["true", "Retain"]);
    // Selectors by the release label, in every namespace (the chart's NilUsesHelmValues default).
    for (const k of ["serviceMonitor", "podMonitor", "rule"])
      expect([k, spec[`${k}SelectorNilUsesHelmValues`], spec[`${k}NamespaceSelector`]]).toEqual([
        k,
        true,
        {},
      ]);
    // Local retention covers the longest burn-rate window (3 days).
    expect(Number(/^(\d+)d$/.exec(spec.retention)![1])).toBeGreaterThan(3);
  });
});

/** The workloads' rules: those the central Prometheus evaluates (its own release's) are not. */
const workloadRules = (stack: string) =>
  objects(stack, "PrometheusRule").filter((r) => r.metadata.labels.release === KUBE_PROMETHEUS_STACK.chart);

describe.each(STACKS)("monitoring objects of %s", (stack) => {
  it("watch every workload with metrics, labelled for the release of their cluster's Prometheus", () => {
    const plan = planFor(stack);
    const owner = catalog.clusters[plan.cluster]!.addonOwner;
    const release = prometheusChart(owner)!.name;
    const withMetrics = plan.workloads.filter((w) => w.metrics).map((w) => w.name);
    const monitors = [...objects(stack, "ServiceMonitor"), ...objects(stack, "PodMonitor")];
    expect(monitors.map((m) => m.metadata.name).sort()).toEqual([...withMetrics].sort());
    expect(
      workloadRules(stack)
        .map((m) => m.metadata.name)
        .sort(),
    ).toEqual([...withMetrics].sort());
    for (const o of [...monitors, ...workloadRules(stack)]) {
      expect([o.metadata.name, o.metadata.labels.release]).toEqual([o.metadata.name, release]);
      expect(o.metadata.namespace).toBe(plan.namespace);
    }
  });

  it("scrape ports and pods that exist: the Service's metrics port, or the Deployment's pods", () => {
    for (const m of objects(stack, "ServiceMonitor")) {
      const svc = named(stack, "Service", m.metadata.name);
      for (const [k, v] of Object.entries(m.spec.selector.matchLabels))
        expect(svc.metadata.labels[k]).toBe(v);
      expect(svc.spec.ports.map((p: Obj) => p.name)).toContain(m.spec.endpoints[0].port);
    }
    for (const m of objects(stack, "PodMonitor")) {
      const d = named(stack, "Deployment", m.metadata.name);
      const pod = d.spec.template;
      for (const [k, v] of Object.entries(m.spec.selector.matchLabels))
        expect(pod.metadata.labels[k]).toBe(v);
      const ports = pod.spec.containers.flatMap((c: Obj) => (c.ports ?? []).map((p: Obj) => p.name));
      expect(ports).toContain(m.spec.podMetricsEndpoints[0].port);
    }
  });

  it("route every alert to the workload's owning team", () => {
    for (const r of workloadRules(stack)) {
      const owner = catalog.entries[r.metadata.name]!.owner;
      const alerts = r.spec.groups.flatMap((g: Obj) => g.rules).filter((x: Obj) => x.alert);
      expect(alerts.length).toBeGreaterThan(0);
      for (const a of alerts)
        expect([a.alert, a.labels.team, a.labels.environment]).toEqual([a.alert, owner, stack]);
    }
  });
});
