/**
 * Monitoring as the stacks register it: each cluster's Prometheus (kube-prometheus-stack in the
 * add-on owner, server mode so that it evaluates the rules), and in every stack a monitor and a
 * PrometheusRule per workload with metrics, labelled for that Prometheus's selectors and pointing
 * at ports and pods that exist. Checked against the chart's values at the pinned version; what
 * the chart renders (the Prometheus pods' labels) would need a real cluster.
 */
import { catalog } from "../../config";
import { parse as parseYaml } from "yaml";
import { KUBE_PROMETHEUS_STACK } from "../../config/addons";
import { CLOUDWATCH_EXPORTER } from "../../config/telemetry-releases";
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

/** The workloads' rules: not the data stores' (below), nor those the central Prometheus evaluates. */
const workloadRules = (stack: string) =>
  objects(stack, "PrometheusRule").filter(
    (r) => r.metadata.labels.release === KUBE_PROMETHEUS_STACK.chart && r.metadata.name !== "data-stores",
  );

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

describe.each(STACKS)("data-store alerts of %s", (stack) => {
  it("cover every managed store with the owner's team, on metrics the cluster's CloudWatch exporter reads", () => {
    const plan = planFor(stack);
    const managed = (plan.data?.postgres ?? []).length + (plan.data?.redis ?? []).length;
    const rule = objects(stack, "PrometheusRule").find((r) => r.metadata.name === "data-stores");
    if (!plan.data) {
      expect(rule).toBeUndefined();
      return;
    }
    const groups = rule!.spec.groups as Obj[];
    const stores = [
      ...plan.data.postgres,
      ...plan.data.redis,
      ...(plan.data.search ? [plan.data.search] : []),
      ...(plan.data.kafka ? [plan.data.kafka] : []),
    ];
    expect(groups.length).toBe(stores.length);
    expect(managed).toBeGreaterThan(0);
    expect(rule!.metadata.labels.release).toBe(KUBE_PROMETHEUS_STACK.chart);
    const owner = catalog.clusters[plan.cluster]!.addonOwner;
    const exporter = recordedRun(owner)
      .ofType("kubernetes:helm.sh/v4:Chart")
      .map(inputs)
      .find((c) => c.chart === "prometheus-yet-another-cloudwatch-exporter")!;
    // The exporter's metric names: aws_<namespace>_<metric in snake case>_<statistic>.
    const config = parseYaml(exporter.values.config as string) as Obj;
    const names = new Set(
      (config.discovery.jobs as Obj[]).flatMap((j) =>
        (j.metrics as Obj[]).flatMap((m) =>
          (m.statistics as string[]).map(
            (st) =>
              `aws_${(j.type as string).slice(4).toLowerCase()}_${(m.name as string)
                .replace(/\./g, "_")
                .replace(/([a-z])([A-Z])/g, "$1_$2")
                .toLowerCase()
                .replace(/^kafka_/, "")}_${st.toLowerCase()}`,
          ),
        ),
      ),
    );
    // It discovers this environment's stores by their tag.
    expect(new RegExp(config.discovery.jobs[0].searchTags[0].value).test(stack)).toBe(true);
    for (const [i, s] of stores.entries()) {
      const g = groups[i]!;
      expect(g.name).toBe(`${s.name}.alerts`);
      for (const a of g.rules as Obj[]) {
        expect([a.alert, a.labels.team, a.labels.environment, a.labels.store]).toEqual([
          a.alert,
          catalog.entries[s.name]!.owner,
          stack,
          s.name,
        ]);
        const metric = /(aws_[a-z_]+)\{/.exec(a.expr)![1]!;
        expect([a.alert, names.has(metric)]).toEqual([a.alert, true]);
      }
    }
    // Connections against the max_connections the plan computed for each database.
    for (const p of plan.data.postgres) {
      const g = groups.find((x) => x.name === `${p.name}.alerts`)!;
      const high = (g.rules as Obj[]).find((r) => r.alert === "PostgresConnectionsHigh")!;
      expect(high.expr).toBe(
        `max(aws_rds_database_connections_maximum{dimension_DBInstanceIdentifier="${p.resourceName}"}) > ${Math.floor(p.connectionsPlan.value * 0.8)}`,
      );
    }
  });
});

describe.each(Object.keys(catalog.clusters))("the CloudWatch exporter of %s", (cluster) => {
  it("reads metrics and tags only, as its own ServiceAccount, scraped by the cluster's Prometheus", () => {
    const owner = catalog.clusters[cluster]!.addonOwner;
    const run = recordedRun(owner);
    const role = run.ofType("aws:iam/role:Role").find((r) => r.parent?.includes("ClusterTelemetry"))!;
    const trust = JSON.parse(inputs(role).assumeRolePolicy as string) as Obj;
    expect(trust.Statement[0].Principal).toEqual({ Service: "pods.eks.amazonaws.com" });
    const policy = run
      .ofType("aws:iam/rolePolicy:RolePolicy")
      .find((r) => r.parent?.includes("ClusterTelemetry"))!;
    const statements = JSON.parse(inputs(policy).policy as string).Statement as Obj[];
    expect(
      statements.flatMap((s) => s.Action).every((a: string) => /^(cloudwatch:(Get|List)|tag:Get)/.test(a)),
    ).toBe(true);
    const association = inputs(
      run
        .ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")
        .find((r) => r.parent?.includes("ClusterTelemetry"))!,
    );
    const exporter = run
      .ofType("kubernetes:helm.sh/v4:Chart")
      .map(inputs)
      .find((c) => c.chart === "prometheus-yet-another-cloudwatch-exporter")!;
    expect([association.namespace, association.serviceAccount]).toEqual([
      exporter.namespace,
      exporter.values.serviceAccount.name,
    ]);
    expect(exporter.values.serviceMonitor).toMatchObject({
      enabled: true,
      labels: { release: KUBE_PROMETHEUS_STACK.chart },
    });
    expect(exporter.version).toBe(CLOUDWATCH_EXPORTER.version);
  });
});
