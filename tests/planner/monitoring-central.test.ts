/**
 * The pure side of the platform's telemetry: the central services' plan, each cluster's, the
 * order in which stacks read each other, and what a catalog change that breaks them gets.
 */
import { catalog } from "../../config";
import { alertmanagerConfig } from "../../builders/monitoring";
import { planEnvironment } from "../../planner";
import { deploymentOrder, stacksReadBy } from "../../planner/deploy-order";
import {
  alertingTeams,
  monitoringEnvironment,
  planCentralMonitoring,
} from "../../planner/monitoring-central";
import { parseOtlpEndpoint, planClusterTelemetry } from "../../planner/telemetry";
import { editCatalog, errorsOf, lines, STACKS } from "../helpers/catalog";
import { settingsFor } from "../helpers/runs";

describe("the central plan", () => {
  it("is platform-shared's, where the monitoring entries run; no other environment has one", () => {
    expect(monitoringEnvironment(catalog)).toBe("platform-shared");
    for (const s of STACKS) {
      const plan = planEnvironment(catalog, s, settingsFor(s));
      expect([s, plan.central !== undefined]).toEqual([s, s === "platform-shared"]);
      // Each cluster's owner plans its collectors, shipping to the monitoring stack.
      const owner = catalog.clusters[plan.cluster]!.addonOwner === s;
      expect([s, plan.telemetry?.ingestOwner]).toEqual([s, owner ? "platform-shared" : undefined]);
    }
  });

  it("gives a team that newly owns an entry its receivers, its routes and its keys' Vault paths", () => {
    const c = editCatalog((x) => {
      x.entries["order-service"] = { ...x.entries["order-service"]!, owner: "team-orders" };
    });
    expect(alertingTeams(c)).toContain("team-orders");
    const plan = planEnvironment(c, "platform-shared", settingsFor("platform-shared"));
    const team = plan.central!.alerting.teams.find((t) => t.team === "team-orders")!;
    expect([team.pagerduty.key, team.slack.property]).toEqual([
      "ecommerce-platform/platform-shared/alertmanager-team-orders",
      "slack-webhook-url",
    ]);
    const route = (alertmanagerConfig(plan.central!).route as { routes: { matchers: string[] }[] }).routes;
    expect(route.map((r) => r.matchers[0])).toContain('team = "team-orders"');
    const am = plan.vault!.services.find((s) => s.service === "alertmanager")!;
    expect(am.paths).toContain("kv/data/ecommerce-platform/platform-shared/alertmanager-team-orders");
    // And nothing else of that team's: no write, no wildcard.
    expect(
      am.paths.every((p) => p.startsWith("kv/data/ecommerce-platform/platform-shared/") && !p.includes("*")),
    ).toBe(true);
  });

  it("each central service's role reads exactly its own secrets", () => {
    const plan = planEnvironment(catalog, "platform-shared", settingsFor("platform-shared"));
    const paths = Object.fromEntries(plan.vault!.services.map((s) => [s.service, new Set(s.paths)]));
    const at = (name: string) => `kv/data/ecommerce-platform/platform-shared/${name}`;
    expect(paths.grafana).toEqual(new Set([at("grafana"), at("sso-grafana")]));
    expect(paths["prometheus-sso"]).toEqual(new Set([at("sso-prometheus")]));
    expect(paths["telemetry-ingest"]).toEqual(
      new Set(Object.keys(catalog.clusters).map((c) => at(`telemetry-ingest-${c}`))),
    );
    expect(paths.alertmanager).toEqual(
      new Set([at("alertmanager"), ...alertingTeams(catalog).map((t) => at(`alertmanager-${t}`))]),
    );
  });
});

describe("catalog changes the telemetry refuses, with their messages", () => {
  it("an OTLP endpoint outside the telemetry namespace, or not a Service address", () => {
    const c = editCatalog((x) => {
      x.platform.telemetry.otlpEndpoint = "http://otel-collector.monitoring.svc.cluster.local:4317";
    });
    expect(() =>
      planClusterTelemetry(c, "eu-k8s-prod", true, {
        region: "eu-west-1",
        accountId: "111111111111",
        eksClusterName: "eu-k8s-prod",
      }),
    ).toThrow(
      'platform.telemetry.otlpEndpoint is in namespace "monitoring", but platform.telemetry.namespace is "observability"',
    );
    expect(() => parseOtlpEndpoint("grpc://collector:4317")).toThrow(
      'platform.telemetry.otlpEndpoint "grpc://collector:4317" must be http://<service>.<namespace>.svc.cluster.local:<port>',
    );
  });

  it("a monitoring environment without one of the central services", () => {
    const c = editCatalog((x) => {
      delete x.entries.jaeger;
    });
    expect(() => planCentralMonitoring(c, "platform-shared", [])).toThrow(
      "monitoring: platform-shared runs monitoring entries but not jaeger; the central stack needs each of prometheus, alertmanager, grafana, loki, tempo, jaeger",
    );
  });

  it("Tempo without its OTLP over HTTP port, Alertmanager without its receivers' keys", () => {
    const noPort = editCatalog((x) => {
      x.entries.tempo = { ...x.entries.tempo!, extraPorts: [] };
    });
    expect(() => planCentralMonitoring(noPort, "platform-shared", [])).toThrow(
      'monitoring: the tempo entry has no "otlp-http" port',
    );
    const noKeys = editCatalog((x) => {
      x.entries.alertmanager = { ...x.entries.alertmanager!, secrets: [] };
    });
    expect(() => planCentralMonitoring(noKeys, "platform-shared", [])).toThrow(
      "monitoring: the alertmanager entry declares no PAGERDUTY_ROUTING_KEY secret",
    );
  });
});

describe("the order of a first deployment", () => {
  it("puts platform-shared first, then each cluster's add-on owner, then the stacks that read them", () => {
    const order = deploymentOrder(catalog, STACKS);
    const at = (s: string) => order.indexOf(s);
    expect(order[0]).toBe("platform-shared");
    for (const s of STACKS)
      for (const r of stacksReadBy(catalog, s)) expect([s, r, at(r) < at(s)]).toEqual([s, r, true]);
    expect(new Set(order)).toEqual(new Set(STACKS));
    expect(stacksReadBy(catalog, "eu-prod")).toEqual(["platform-shared"]);
    expect(stacksReadBy(catalog, "eu-staging")).toEqual(["eu-prod"]);
    expect(stacksReadBy(catalog, "platform-shared")).toEqual([]);
  });

  it("orders the stacks asked for alone, or with every stack they read, transitively", () => {
    expect(deploymentOrder(catalog, ["us-prod"])).toEqual(["us-prod"]);
    // us-prod reads platform-shared (its cluster's owner); eu-staging reads eu-prod, which reads platform-shared.
    expect(deploymentOrder(catalog, ["us-prod"], true)).toEqual(["platform-shared", "us-prod"]);
    expect(deploymentOrder(catalog, ["eu-staging", "us-staging"], true)).toEqual([
      "platform-shared",
      "eu-prod",
      "eu-staging",
      "us-staging",
    ]);
  });

  it("refuses stacks that read each other in a cycle", () => {
    // us-dev owning us-k8s-prod while platform-shared owns us-k8s-dev: each reads the other.
    const c = editCatalog((x) => {
      x.clusters["us-k8s-prod"] = { ...x.clusters["us-k8s-prod"]!, addonOwner: "us-prod" };
      x.environments["platform-shared"] = { ...x.environments["platform-shared"]!, cluster: "us-k8s-dev" };
      x.clusters["us-k8s-dev"] = { ...x.clusters["us-k8s-dev"]!, addonOwner: "us-dev" };
    });
    // platform-shared reads us-dev (its cluster's owner), us-dev reads platform-shared (the monitoring stack).
    expect(() => deploymentOrder(c, ["platform-shared", "us-dev"])).toThrow(
      "stacks read each other in a cycle: platform-shared → us-dev → platform-shared",
    );
  });
});

describe("the monitoring rule", () => {
  it("passes the built-in catalog", () => {
    expect(lines(errorsOf(catalog)).filter((l) => l.startsWith("[monitoring]"))).toEqual([]);
  });

  it("reports every problem of the monitoring settings at once, each with its field and fix", () => {
    const c = editCatalog((x) => {
      delete x.entries.jaeger;
      x.entries.tempo = { ...x.entries.tempo!, extraPorts: [] };
      x.entries.alertmanager = { ...x.entries.alertmanager!, secrets: [] };
      x.platform.telemetry.otlpEndpoint = "http://otel-collector.monitoring.svc.cluster.local:4317";
      x.platform.monitoring.sso.issuer = "http://login.example.com";
      x.platform.monitoring.ingest.subdomain = "api";
      x.platform.monitoring.retention.staging.logsDays = 0;
    });
    expect(lines(errorsOf(c)).filter((l) => l.startsWith("[monitoring]"))).toEqual([
      '[monitoring] entries.jaeger: no monitoring entry "jaeger": the central stack realizes prometheus, alertmanager, grafana, loki, tempo, jaeger, each as the entry of its name. Fix: add the "jaeger" entry (kind "monitoring") beside the others',
      '[monitoring] entries.tempo.extraPorts: no "otlp-http" port: the clusters send traces to Tempo over OTLP/HTTP. Fix: add { name: "otlp-http", port: 4318, protocol: "http" }',
      '[monitoring] entries.alertmanager.secrets: no PAGERDUTY_ROUTING_KEY: alerts of no known team go to the fallback receivers, whose keys these are. Fix: add { env: "PAGERDUTY_ROUTING_KEY", ref: "secret://alertmanager/<key>" }',
      '[monitoring] entries.alertmanager.secrets: no SLACK_WEBHOOK_URL: alerts of no known team go to the fallback receivers, whose keys these are. Fix: add { env: "SLACK_WEBHOOK_URL", ref: "secret://alertmanager/<key>" }',
      '[monitoring] platform.telemetry.otlpEndpoint: the collector is addressed in namespace "monitoring", but the telemetry agents run in "observability". Fix: use http://<service>.observability.svc.cluster.local:<port>, or change platform.telemetry.namespace',
      '[monitoring] platform.monitoring.sso.issuer: "http://login.example.com" is not an https URL. Fix: use the OIDC issuer URL, e.g. https://login.example.com/realms/platform',
      '[monitoring] platform.monitoring.ingest.subdomain: "api" is an entry\'s subdomain too: two hosts would share the name. Fix: choose a subdomain no entry uses',
      "[monitoring] platform.monitoring.retention.staging.logsDays: 0 is not a whole number of days from 1 to 400. Fix: use e.g. 30",
    ]);
  });

  it("refuses monitoring entries spread over two environments", () => {
    const c = editCatalog((x) => {
      x.entries.jaeger = { ...x.entries.jaeger!, placement: ["us-prod"], needs: [] };
    });
    expect(lines(errorsOf(c)).filter((l) => l.startsWith("[monitoring] entries.*"))).toEqual([
      '[monitoring] entries.*.placement: the monitoring entries run in platform-shared, us-prod; the central services need exactly one. Fix: place every `monitoring` entry in the same environment (`placement: "shared"`)',
    ]);
  });
});
