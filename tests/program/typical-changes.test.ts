/**
 * The seed's typical changes are one edit each: add a service, add a worker, scale to a new
 * region. Each shows up in validation, the plan and the offline command with nothing else edited.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EntrySpec } from "../../config/types";
import { planEnvironment, validateCatalog } from "../../planner";
import { editCatalog, lines, STACKS } from "../helpers/catalog";
import { scenarioReady, settingsFor } from "../helpers/runs";
import { addApac } from "../scenarios";
import { planRecorded } from "../helpers/cli";

const before = editCatalog();

describe("adding a service is one entry", () => {
  const myService: EntrySpec = {
    kind: "service",
    description: "Gift cards",
    owner: "team-checkout",
    placement: "regional",
    expose: "public",
    subdomain: "my-service",
    path: "/",
    tls: { mode: "letsencrypt" },
    port: 8200,
    protocol: "http",
    needs: ["postgres-orders", "redis-cache", "auth-service"],
    image: { repository: "registry.example.com/ecommerce/my-new-service", tag: "0.1.0" },
    resources: { cpu: { request: "100m", limit: "500m" }, memory: { request: "128Mi", limit: "128Mi" } },
    health: { liveness: "/healthz", readiness: "/readyz" },
    metrics: { port: 9464, path: "/metrics" },
  };
  const after = editCatalog((c) => {
    c.entries["my-new-service"] = myService;
  });

  it("validates, and appears in every regional plan with its env vars, edges and host", () => {
    expect(lines(validateCatalog(after, { stackFiles: STACKS }).problems)).toEqual([]);
    const p = planEnvironment(after, "eu-staging", settingsFor("eu-staging"));
    const w = p.workloads.find((x) => x.name === "my-new-service")!;
    expect(Object.fromEntries(w.env.map((v) => [v.name, v.value ?? v.secret!.key]))).toMatchObject({
      ORDER_DATABASE_URL: "ecommerce-platform/eu-staging/postgres-orders",
      REDIS_CACHE_URL: "ecommerce-platform/eu-staging/redis-cache",
      AUTH_SERVICE_URL: "http://auth-service.eu-staging.svc.cluster.local:8080",
      MAX_DB_CONNECTIONS: "20",
    });
    expect(w.egress.map((e) => e.to)).toEqual(["auth-service", "postgres-orders", "redis-cache"]);
    expect(w.public!.url).toBe("https://my-service.staging.example.eu");
    expect(p.dnsRecords.map((d) => d.name)).toContain("my-service.staging.example.eu");
    expect(planEnvironment(after, "platform-shared", settingsFor("platform-shared")).workloads).toEqual([]);
  });

  it("changes nothing else but the callee's list of callers", () => {
    for (const s of STACKS) {
      const a = planEnvironment(before, s, settingsFor(s));
      const b = planEnvironment(after, s, settingsFor(s));
      const strip = (p: typeof a) => ({
        ...p,
        workloads: p.workloads
          .filter((w) => w.name !== "my-new-service")
          .map((w) => ({ ...w, callers: w.callers.filter((c) => c !== "my-new-service") })),
        edges: p.edges.filter((e) => e.from !== "my-new-service"),
        publicHosts: p.publicHosts.filter((h) => h.entry !== "my-new-service"),
        dnsRecords: p.dnsRecords.filter((d) => !d.name.startsWith("my-service.")),
        dataStores: p.dataStores.map((d) => ({
          ...d,
          consumers: d.consumers.filter((c) => c !== "my-new-service"),
        })),
        // Its DNS record, and its host in the zone owner's edge rate limit.
        cloudflare: p.cloudflare && {
          ...p.cloudflare,
          records: p.cloudflare.records.filter((r) => r.entry !== "my-new-service"),
          owner: p.cloudflare.owner && {
            ...p.cloudflare.owner,
            rateLimit: {
              ...p.cloudflare.owner.rateLimit,
              hosts: p.cloudflare.owner.rateLimit.hosts.filter((h) => !h.startsWith("my-service.")),
            },
          },
        },
        // Its monitor, rules and dashboard.
        monitoring: p.monitoring && {
          ...p.monitoring,
          workloads: p.monitoring.workloads.filter((w) => w.workload !== "my-new-service"),
          // The connection alerts follow max_connections (checked below).
          stores: p.monitoring.stores.map((st) => ({
            ...st,
            alerts: st.alerts.filter((x) => !x.alert.startsWith("PostgresConnections")),
          })),
        },
        // Its own Vault role; nothing else of Vault's access moves.
        vault: p.vault && {
          ...p.vault,
          workloads: p.vault.workloads.filter((w) => w.workload !== "my-new-service"),
        },
        // The databases it uses make room for its connection pool; nothing else of the data layer moves.
        data: p.data && {
          ...p.data,
          postgres: p.data.postgres.map(({ connectionsPlan, parameters, ...rest }) => ({
            ...rest,
            demand: connectionsPlan.demand.filter((d) => d.workload !== "my-new-service"),
            parameters: parameters.filter((x) => x.name !== "max_connections"),
          })),
        },
      });
      expect(strip(b)).toEqual(strip(a));
      const orders = (p: typeof a) =>
        p.data?.postgres.find((x) => x.name === "postgres-orders")?.connectionsPlan;
      if (a.data) {
        const added = orders(b)!.demand.find((d) => d.workload === "my-new-service")!;
        expect(orders(b)!.value - orders(a)!.value).toBe(added.pods * added.pool);
        const alertOf = (p: typeof a) =>
          p
            .monitoring!.stores.find((x) => x.store === "postgres-orders")!
            .alerts.find((x) => x.alert === "PostgresConnectionsHigh")!.expr;
        expect(alertOf(b)).toMatch(new RegExp(`> ${Math.floor(orders(b)!.value * 0.8)}$`));
      }
    }
  });
});

describe("adding a worker is one entry", () => {
  it("email-digest-worker: no Service (nobody calls it), egress to what it needs", () => {
    const after = editCatalog((c) => {
      c.entries["email-digest-worker"] = {
        kind: "worker",
        description: "Weekly digest emails",
        owner: "team-messaging",
        placement: "regional",
        expose: "cluster",
        port: 8150,
        protocol: "http",
        needs: ["redis-queue", "user-service", "email-worker"],
        image: { repository: "registry.example.com/ecommerce/email-digest-worker", tag: "1.0.0" },
        resources: { cpu: { request: "100m", limit: "500m" }, memory: { request: "128Mi", limit: "128Mi" } },
        health: { liveness: "/healthz", readiness: "/readyz" },
        metrics: { port: 9464, path: "/metrics" },
      };
    });
    expect(validateCatalog(after, { stackFiles: STACKS }).ok).toBe(true);
    const p = planEnvironment(after, "us-prod", settingsFor("us-prod"));
    const w = p.workloads.find((x) => x.name === "email-digest-worker")!;
    expect(w.service).toBe(false);
    expect(w.egress.map((e) => `${e.to}:${e.port}`)).toEqual([
      "email-worker:8089",
      "redis-queue:6379",
      "user-service:8081",
    ]);
    expect(p.workloads.find((x) => x.name === "user-service")!.callers).toContain("email-digest-worker");
  });
});

describe("scaling to a new region: a region, an environment, a stack file", () => {
  it("without the stack file, validation says which file to create", () => {
    expect(lines(validateCatalog(editCatalog(addApac), { stackFiles: STACKS }).problems)).toEqual([
      "[stack-files] environments.apac-prod: has no stack settings file Pulumi.apac-prod.yaml. Fix: create Pulumi.apac-prod.yaml from config/stack-settings.template.yaml",
    ]);
  });

  it("with it, every regional entry runs in apac-prod on its own hosts, and `plan` plans it", async () => {
    const after = editCatalog(addApac);
    expect(validateCatalog(after, { stackFiles: [...STACKS, "apac-prod"] }).ok).toBe(true);
    const p = planEnvironment(after, "apac-prod", settingsFor("asia-prod"));
    expect(p.workloads.map((w) => w.name)).toEqual(
      planEnvironment(before, "asia-prod", settingsFor("asia-prod"))
        .workloads.map((w) => w.name)
        .filter((n) => n !== "data-sync-worker"),
    );
    expect(p.publicHosts.map((h) => h.host)).toEqual([
      "admin.example.com.au",
      "api.example.com.au",
      "mobile-api.example.com.au",
      "www.example.com.au",
      "ws.example.com.au",
    ]);
    expect(p.workloads.every((w) => w.replicas === 3)).toBe(true);

    // The stacks' files and the new one, made from the template with the region's AWS region
    // (the scenario apac of tests/scenarios.ts, which the recorders run beforehand).
    const options = await scenarioReady("apac");
    const dir = options.stacksDir!;
    expect(options.catalog).toEqual(after);
    expect(fs.readFileSync(path.join(dir, "Pulumi.apac-prod.yaml"), "utf8")).toContain(
      "aws:region: ap-southeast-1",
    );
    fs.writeFileSync(path.join(dir, "catalog.json"), JSON.stringify(options.catalog));
    // Its runs are the recorder's, read back (a miss fails).
    const r = await planRecorded(
      "apac-prod",
      "--catalog",
      path.join(dir, "catalog.json"),
      "--stacks-dir",
      dir,
      "--out",
      path.join(dir, "out"),
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Stack apac-prod: region apac (example.com.au), cluster asia-k8s-prod, tier production",
    );
    expect(fs.existsSync(path.join(dir, "out", "apac-prod", "summary.md"))).toBe(true);
  });
});
