/**
 * The central monitoring services, as platform-shared registers them, and the way every cluster
 * reaches them: pinned charts, the Services the catalog names, single sign-on on every UI, alert
 * routes for every team that owns an alert, the authenticated ingest host, and every
 * environment's dashboards. Checked against the charts' values at their pinned versions; what
 * the charts render (their pods, their Services' selectors) would need a real cluster.
 */
import { catalog } from "../../config";
import { KUBE_PROMETHEUS_STACK } from "../../config/addons";
import { CENTRAL_RELEASES } from "../../config/monitoring-releases";
import { OTEL_COLLECTOR } from "../../config/telemetry-releases";
import type { RecordedResource } from "../../harness/run";
import { CENTRAL_SERVICES, INGEST_ENTRY } from "../../planner/monitoring-central";
import { SERVICE_LABEL } from "../../builders/monitoring";
import { ENCRYPTED_STORAGE_CLASS } from "../../planner/data/clickhouse";
import {
  loadRecordedRuns,
  named,
  objects,
  planFor,
  recordedRun,
  scenarioRun,
  type Obj,
} from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

const CENTRAL = "platform-shared";
const inputs = (r: RecordedResource) => r.inputs as Obj;
const charts = (stack: string) => recordedRun(stack).ofType("kubernetes:helm.sh/v4:Chart").map(inputs);
const chartNamed = (stack: string, name: string) => charts(stack).find((c) => c.name === name)!;

describe("the central services", () => {
  it("run in platform-shared only, from their pinned charts, with their data protected", () => {
    const central = recordedRun(CENTRAL)
      .ofType("kubernetes:helm.sh/v4:Chart")
      .filter((r) => r.parent?.includes("CentralMonitoring"));
    const expected = [
      `central kube-prometheus-stack@${KUBE_PROMETHEUS_STACK.version} ${KUBE_PROMETHEUS_STACK.repository}`,
      ...CENTRAL_RELEASES.filter((p) => p.chart !== "oauth2-proxy").map(
        (p) => `${p.chart} ${p.chart}@${p.version} ${p.repository}`,
      ),
      ...planFor(CENTRAL)
        .central!.sso.clients.filter((c) => c.proxy)
        .map((c) => `${c.proxy!.service} oauth2-proxy@10.7.0 https://oauth2-proxy.github.io/manifests`),
    ];
    expect(
      central.map(
        (r) => `${inputs(r).name} ${inputs(r).chart}@${inputs(r).version} ${inputs(r).repositoryOpts.repo}`,
      ),
    ).toEqual(expected);
    for (const r of central) {
      expect(inputs(r).namespace).toBe(CENTRAL);
      // Prometheus, Alertmanager, Grafana, Loki and Tempo keep data; the proxies keep none.
      expect([inputs(r).name, r.options.protect]).toEqual([
        inputs(r).name,
        inputs(r).chart !== "oauth2-proxy",
      ]);
    }
    for (const s of STACKS.filter((x) => x !== CENTRAL))
      expect([s, recordedRun(s).ofType("ecommerce:monitoring:CentralMonitoring").length]).toEqual([s, 0]);
  });

  it("answer at the Services the catalog names, on the catalog's ports", () => {
    const kps = chartNamed(CENTRAL, "central").values;
    // The cluster's operator (the add-on) runs them; CRDs are installed once, by the add-on.
    expect([kps.crds.enabled, kps.prometheusOperator.enabled, kps.grafana.enabled]).toEqual([
      false,
      false,
      false,
    ]);
    expect(kps.prometheus.prometheusSpec.enableRemoteWriteReceiver).toBe(true);
    for (const entry of CENTRAL_SERVICES) {
      const port = catalog.entries[entry]!.port;
      const own = objects(CENTRAL, "Service").find((s) => s.metadata.name === entry);
      const chart = charts(CENTRAL).find((c) => c.values.fullnameOverride === entry);
      if (own) {
        expect([entry, own.spec.ports.map((p: Obj) => p.port)]).toEqual([entry, [port]]);
      } else {
        // A chart named by its fullnameOverride: Grafana's service.port, Loki's and Tempo's defaults.
        expect([entry, chart !== undefined]).toEqual([entry, true]);
        if (entry === "grafana") expect(chart!.values.service.port).toBe(port);
        else expect([entry, port]).toEqual([entry, { loki: 3100, tempo: 3200 }[entry as "loki" | "tempo"]]);
      }
    }
    // Prometheus and Alertmanager: the pods the operator makes for the central release's resources.
    expect(named(CENTRAL, "Service", "prometheus").spec.selector).toEqual({
      "app.kubernetes.io/name": "prometheus",
      "operator.prometheus.io/name": "central-prometheus",
    });
    expect(named(CENTRAL, "Service", "alertmanager").spec.selector).toEqual({
      "app.kubernetes.io/name": "alertmanager",
      alertmanager: "central-alertmanager",
    });
    // The Jaeger entry is Grafana's trace view over Tempo: its Service selects Grafana's pods.
    expect(named(CENTRAL, "Service", "jaeger").spec.selector).toEqual(
      chartNamed(CENTRAL, "grafana").values.podLabels,
    );
  });

  it("keep data for as long as the catalog's tiers say, on encrypted volumes", () => {
    const c = planFor(CENTRAL).central!;
    const r = catalog.platform.monitoring.retention;
    expect(chartNamed(CENTRAL, "central").values.prometheus.prometheusSpec.retention).toBe(
      `${r.production.metricsDays}d`,
    );
    const loki = chartNamed(CENTRAL, "loki").values.loki.limits_config;
    expect(new Map(loki.retention_stream.map((s: Obj) => [s.selector, s.period]))).toEqual(
      new Map(
        Object.entries(catalog.environments).map(([e, spec]) => [
          `{deployment_environment="${e}"}`,
          `${r[spec.tier].logsDays * 24}h`,
        ]),
      ),
    );
    expect(chartNamed(CENTRAL, "tempo").values.tempo.retention).toBe(`${c.retention.tracesDays * 24}h`);
    expect(chartNamed(CENTRAL, "loki").values.singleBinary.persistence.storageClass).toBe(
      ENCRYPTED_STORAGE_CLASS,
    );
    expect(chartNamed(CENTRAL, "tempo").values.persistence.storageClassName).toBe(ENCRYPTED_STORAGE_CLASS);
  });
});

describe("the charts' pods", () => {
  it("carry the program's label under a key no chart writes, so the charts' own selectors stay intact", () => {
    const labelsOf = (v: Obj): Record<string, string>[] =>
      [
        v.podLabels,
        v.singleBinary?.podLabels,
        v.prometheus?.prometheusSpec?.podMetadata?.labels,
        v.alertmanager?.alertmanagerSpec?.podMetadata?.labels,
      ].filter((x) => x !== undefined);
    const central = recordedRun(CENTRAL)
      .ofType("kubernetes:helm.sh/v4:Chart")
      .filter((r) => r.parent?.includes("CentralMonitoring"))
      .map(inputs);
    const labelled = central.flatMap((c) => labelsOf(c.values).map((l) => [c.name, l] as const));
    // Every central service's pods, and the proxies'.
    expect(labelled.length).toBe(central.length + 1);
    for (const [name, l] of labelled) {
      expect([name, Object.keys(l).filter((k) => k.startsWith("app.kubernetes.io/"))]).toEqual([name, []]);
      expect(l[SERVICE_LABEL]).toBeDefined();
    }
    // One writer per store: a single central Prometheus and Alertmanager behind the load-balanced ingest path.
    const kps = chartNamed(CENTRAL, "central").values;
    expect([kps.prometheus.prometheusSpec.replicas, kps.alertmanager.alertmanagerSpec.replicas]).toEqual([
      1, 1,
    ]);
  });
});

describe("single sign-on", () => {
  it("puts every public monitoring UI behind OIDC: Grafana's own, or a proxy in front", () => {
    const plan = planFor(CENTRAL);
    const grafana = chartNamed(CENTRAL, "grafana").values;
    const oauth = grafana["grafana.ini"]["auth.generic_oauth"];
    expect([oauth.enabled, oauth.client_secret, grafana.assertNoLeakedSecrets]).toEqual([
      true,
      undefined,
      true,
    ]);
    expect(grafana["grafana.ini"].auth.disable_login_form).toBe(true);
    const fromEnv = grafana.envValueFrom.GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET.secretKeyRef;
    const es = named(CENTRAL, "ExternalSecret", fromEnv.name);
    expect(es.spec.data.find((d: Obj) => d.secretKey === fromEnv.key).remoteRef.key).toBe(
      "ecommerce-platform/platform-shared/sso-grafana",
    );
    for (const h of plan.publicHosts.filter((x) => x.entry !== INGEST_ENTRY)) {
      const ingress = named(CENTRAL, "Ingress", h.entry);
      const backend = ingress.spec.rules[0].http.paths[0].backend.service;
      if (backend.name === "grafana") continue;
      if (h.redirect) {
        // Grafana's trace view, on Grafana's own host, where its sign-in and session live.
        expect(h.redirect).toBe(
          `${plan.publicHosts.find((x) => x.entry === "grafana")!.url.replace(/\/$/, "")}/explore`,
        );
        expect(named(CENTRAL, "KongPlugin", `${h.entry}-redirect`)).toMatchObject({
          plugin: "redirect",
          config: { location: h.redirect, status_code: 302 },
        });
        expect(ingress.metadata.annotations["konghq.com/plugins"]).toBe(`${h.entry}-redirect`);
        continue;
      }
      // A proxy: its release signs in at the catalog's issuer and passes to the entry's Service.
      const proxy = chartNamed(CENTRAL, backend.name).values;
      expect([h.entry, proxy.extraArgs.upstream]).toEqual([
        h.entry,
        `http://${h.entry}:${catalog.entries[h.entry]!.port}`,
      ]);
      expect(proxy.extraArgs["oidc-issuer-url"]).toBe(catalog.platform.monitoring.sso.issuer);
      expect(proxy.service.portNumber).toBe(backend.port.number);
      const secret = named(CENTRAL, "ExternalSecret", proxy.config.existingSecret);
      expect(
        new Set([
          ...secret.spec.data.map((d: Obj) => d.secretKey),
          ...Object.keys(secret.spec.target.template.data),
        ]),
      ).toEqual(new Set(["client-id", "client-secret", "cookie-secret"]));
    }
  });
});

describe("alerting", () => {
  it("routes every team that any stack's alerts name, paging on critical; keys are files of a Secret from Vault", () => {
    const teams = new Set(
      STACKS.flatMap((s) =>
        objects(s, "PrometheusRule").flatMap((r) =>
          r.spec.groups.flatMap((g: Obj) =>
            g.rules.filter((x: Obj) => x.alert).map((x: Obj) => x.labels.team),
          ),
        ),
      ),
    );
    const am = chartNamed(CENTRAL, "central").values.alertmanager;
    const routed = new Set(
      am.config.route.routes
        .map((r: Obj) => /^team = "(.+)"$/.exec(r.matchers[0] ?? "")?.[1])
        .filter((t: string | undefined) => t !== undefined),
    );
    for (const t of teams) expect([t, routed.has(t)]).toEqual([t, true]);
    for (const r of am.config.route.routes.filter((x: Obj) => x.routes))
      expect(r.routes[0]).toEqual({
        matchers: ['severity = "critical"'],
        receiver: r.receiver.replace(/-chat$/, "-page"),
      });
    // Every key file a receiver reads is a key of the mounted Secret, which External Secrets fills from Vault.
    const secret = named(CENTRAL, "ExternalSecret", "alertmanager-receivers");
    expect(am.alertmanagerSpec.secrets).toEqual(["alertmanager-receivers"]);
    const keys = new Set(secret.spec.data.map((d: Obj) => d.secretKey));
    const files = am.config.receivers.flatMap((r: Obj) => [
      ...(r.pagerduty_configs ?? []).map((p: Obj) => p.routing_key_file),
      ...(r.slack_configs ?? []).map((p: Obj) => p.api_url_file),
    ]);
    expect(files.length).toBe(am.config.receivers.length);
    for (const f of files) {
      const m = /^\/etc\/alertmanager\/secrets\/alertmanager-receivers\/(.+)$/.exec(f);
      expect([f, m !== null && keys.has(m[1]!)]).toEqual([f, true]);
    }
    expect(JSON.stringify(am.config)).not.toMatch(/routing_key"|api_url"/);
  });

  it("fires when a cluster stops sending, in the central Prometheus", () => {
    const rule = named(CENTRAL, "PrometheusRule", "telemetry-ingest");
    expect(rule.metadata.labels.release).toBe("central");
    expect(rule.spec.groups[0].rules.map((r: Obj) => /cluster="([^"]+)"/.exec(r.expr)![1]).sort()).toEqual(
      Object.keys(catalog.clusters).sort(),
    );
  });
});

describe("the ingest host", () => {
  it("is Kong with basic auth, one consumer per cluster, its routes reaching the services on the catalog's ports", () => {
    const plan = planFor(CENTRAL);
    const ingress = named(CENTRAL, "Ingress", INGEST_ENTRY);
    expect(ingress.metadata.annotations["konghq.com/plugins"]).toBe("telemetry-ingest-basic-auth");
    expect(named(CENTRAL, "KongPlugin", "telemetry-ingest-basic-auth")).toMatchObject({
      plugin: "basic-auth",
      config: { hide_credentials: true },
    });
    const routes = plan.central!.ingest.routes;
    expect(
      new Map(
        ingress.spec.rules[0].http.paths.map((p: Obj) => [
          p.path,
          `${p.backend.service.name}:${p.backend.service.port.number}`,
        ]),
      ),
    ).toEqual(
      new Map([
        [routes.metrics.path, `prometheus:${catalog.entries.prometheus!.port}`],
        [routes.alerts.path, `alertmanager:${catalog.entries.alertmanager!.port}`],
        [routes.logs.path, `loki:${catalog.entries.loki!.port}`],
        [routes.traces.path, "tempo:4318"],
      ]),
    );
    const consumers = objects(CENTRAL, "KongConsumer");
    expect(consumers.map((c) => c.username).sort()).toEqual(Object.keys(catalog.clusters).sort());
    for (const c of consumers) {
      expect(c.metadata.annotations["kubernetes.io/ingress.class"]).toBe("kong");
      const es = named(CENTRAL, "ExternalSecret", c.credentials[0]);
      expect(es.spec.target.template.metadata.labels["konghq.com/credential"]).toBe("basic-auth");
      expect(es.spec.data.map((d: Obj) => d.remoteRef.key)).toEqual([
        `ecommerce-platform/platform-shared/telemetry-ingest-${c.username}`,
        `ecommerce-platform/platform-shared/telemetry-ingest-${c.username}`,
      ]);
    }
    // Its DNS record, in the platform-shared zone, like every public host.
    expect(plan.dnsRecords.map((d) => d.name)).toContain(plan.central!.ingest.host.host);
    expect(recordedRun(CENTRAL).outputs.platform).toMatchObject({
      telemetry: { ingest: { url: plan.central!.ingest.url, authentication: "basic" } },
    });
    for (const s of STACKS.filter((x) => x !== CENTRAL))
      expect([s, (recordedRun(s).outputs.platform as Obj).telemetry]).toEqual([s, undefined]);
  });

  it("opens exactly the paths between the services, in a namespace that denies the rest", () => {
    const policies = objects(CENTRAL, "NetworkPolicy");
    expect(policies.map((p) => p.metadata.name)).toContain("default-deny");
    const ingest = planFor(CENTRAL).central!.ingest.routes;
    for (const [service, route] of [
      ["prometheus", ingest.metrics],
      ["alertmanager", ingest.alerts],
      ["loki", ingest.logs],
      ["tempo", ingest.traces],
    ] as const) {
      const p = named(CENTRAL, "NetworkPolicy", `${service}-traffic`);
      const fromKong = p.spec.ingress.find(
        (r: Obj) => r.from[0].namespaceSelector?.matchLabels["kubernetes.io/metadata.name"] === "kong",
      );
      expect([service, fromKong.ports]).toEqual([service, [{ protocol: "TCP", port: route.port }]]);
      // The policy selects the pods the chart runs by a label of the program's own.
      expect(p.spec.podSelector.matchLabels[SERVICE_LABEL]).toBe(service);
    }
  });
});

describe("dashboards", () => {
  it("every environment's reach Grafana: one ConfigMap each in platform-shared, a dashboard per workload with metrics", () => {
    const sidecar = chartNamed(CENTRAL, "grafana").values.sidecar.dashboards;
    for (const env of STACKS) {
      const cm = named(CENTRAL, "ConfigMap", `dashboards-${env}`);
      expect(cm.metadata.labels[sidecar.label]).toBe(sidecar.labelValue);
      const m = planFor(env).monitoring!;
      expect(new Set(Object.keys(cm.data))).toEqual(
        new Set([`${m.overview.uid}.json`, ...m.workloads.map((w) => `${w.dashboard.uid}.json`)]),
      );
      for (const w of m.workloads) {
        const d = JSON.parse(cm.data[`${w.dashboard.uid}.json`]);
        expect([d.uid, d.title]).toEqual([w.dashboard.uid, w.dashboard.title]);
        // A replicated cluster Prometheus writes each series once per replica: every selector keeps one.
        for (const t of d.panels.flatMap((p: Obj) => p.targets)) {
          const selectors = [...(t.expr as string).matchAll(/[A-Za-z_:][\w:]*\{/g)].length;
          const kept = [
            ...(t.expr as string).matchAll(
              /max without \(prometheus_replica\) \((rate\()?[A-Za-z_:][\w:]*\{/g,
            ),
          ].length;
          expect([t.expr, kept]).toEqual([t.expr, selectors]);
        }
      }
      // A ConfigMap holds at most 1 MiB.
      expect(JSON.stringify(cm.data).length).toBeLessThan(1024 * 1024);
    }
    expect(
      objects(CENTRAL, "ConfigMap").filter((c) => c.metadata.name.startsWith("dashboards-")),
    ).toHaveLength(STACKS.length);
  });
});

describe.each(Object.keys(catalog.clusters))("the telemetry of %s", (cluster) => {
  const owner = catalog.clusters[cluster]!.addonOwner;
  const ingestUrl = () => (recordedRun(CENTRAL).outputs.platform as Obj).telemetry.ingest;

  it("is the collector at the catalog's OTLP endpoint, shipping to the ingest host the contract gives", () => {
    const collector = chartNamed(owner, "otel-collector");
    expect([collector.chart, collector.version, collector.repositoryOpts.repo, collector.namespace]).toEqual([
      OTEL_COLLECTOR.chart,
      OTEL_COLLECTOR.version,
      OTEL_COLLECTOR.repository,
      catalog.platform.telemetry.namespace,
    ]);
    // `otlpEndpoint` is http://<Service>.<namespace>.svc.cluster.local:<port>: the chart's Service is its fullname.
    const [, service, port] = /^http:\/\/([a-z-]+)\.[a-z-]+\.svc\.cluster\.local:(\d+)$/.exec(
      catalog.platform.telemetry.otlpEndpoint,
    )!;
    const v = collector.values;
    expect([v.fullnameOverride, v.mode, v.config.receivers.otlp.protocols.grpc.endpoint]).toEqual([
      service,
      "deployment",
      `\${env:MY_POD_IP}:${port}`,
    ]);
    const i = ingestUrl();
    const exporter = v.config.exporters["otlp_http/ingest"];
    expect([exporter.traces_endpoint, exporter.logs_endpoint]).toEqual([
      `${i.url}${i.paths.traces}`,
      `${i.url}${i.paths.logs}`,
    ]);
    expect(v.config.service.pipelines.traces.exporters).toEqual(["otlp_http/ingest"]);
    // The credential from Vault, through the cluster's own reader.
    const es = named(owner, "ExternalSecret", "telemetry-ingest");
    expect(es.metadata.namespace).toBe(catalog.platform.telemetry.namespace);
    expect(v.extraEnvs.map((e: Obj) => e.valueFrom.secretKeyRef.name)).toEqual([
      es.spec.target.name,
      es.spec.target.name,
    ]);
  });

  it("remote-writes every series and sends every alert to platform-shared, signed in", () => {
    const spec = charts(owner).find((c) => c.chart === "kube-prometheus-stack" && c.name !== "central")!
      .values.prometheus.prometheusSpec;
    const i = ingestUrl();
    expect(spec.remoteWrite).toEqual([
      {
        url: `${i.url}${i.paths.metrics}`,
        basicAuth: {
          username: { name: "telemetry-ingest", key: "username" },
          password: { name: "telemetry-ingest", key: "password" },
        },
      },
    ]);
    expect(spec.additionalAlertManagerConfigs[0]).toMatchObject({
      scheme: "https",
      api_version: "v2",
      static_configs: [{ targets: [new URL(i.url).host] }],
    });
    expect(spec.secrets).toEqual(["telemetry-ingest"]);
  });

  it("reads platform-shared's outputs through a StackReference, unless it is platform-shared", () => {
    const refs = recordedRun(owner)
      .resources.filter((r) => r.type === "pulumi:pulumi:StackReference")
      .map((r) => inputs(r).name);
    if (owner === CENTRAL) expect(refs).toEqual([]);
    else expect(refs).toContain("acme/ecommerce-platform/platform-shared");
  });
});

describe("endpoints come from the contract, never written twice", () => {
  it("a cluster's collectors and Prometheus follow whatever ingest host platform-shared's outputs give", async () => {
    // platform-shared's outputs with https://ingest.elsewhere.example.net as the ingest URL.
    const run = await scenarioRun("ingest-elsewhere");
    const values = (name: string) =>
      run
        .ofType("kubernetes:helm.sh/v4:Chart")
        .map(inputs)
        .find((c) => c.name === name)!.values;
    expect(values("otel-collector").config.exporters["otlp_http/ingest"].traces_endpoint).toBe(
      "https://ingest.elsewhere.example.net/v1/traces",
    );
    expect(values("kube-prometheus-stack").prometheus.prometheusSpec.remoteWrite[0].url).toBe(
      "https://ingest.elsewhere.example.net/api/v1/write",
    );
    // And nowhere in eu-prod is platform-shared's real ingest host written.
    expect(JSON.stringify(run.resources.map((r) => r.inputs))).not.toContain(
      planFor(CENTRAL).central!.ingest.host.host,
    );
  });

  it("a monitoring stack that exports no ingest endpoint stops the cluster's owner with a clear error", async () => {
    // The decision the owner's program takes on the resolved output (as the reader's tests do).
    const { ingestEndpoint } = await import("../../contract/outputs");
    const outputs = JSON.parse(JSON.stringify(recordedRun(CENTRAL).outputs)) as Obj;
    expect(ingestEndpoint(outputs.platform)).toEqual({
      url: planFor(CENTRAL).central!.ingest.url,
      paths: {
        metrics: "/api/v1/write",
        alerts: "/api/v2/alerts",
        logs: "/otlp/v1/logs",
        traces: "/v1/traces",
      },
    });
    delete outputs.platform.telemetry;
    expect(() => ingestEndpoint(outputs.platform)).toThrow(
      "platform-shared exports no telemetry ingest endpoint: deploy it (and its monitoring) first",
    );
  });
});
