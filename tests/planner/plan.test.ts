/** The pure planner: what each environment runs, derived from the catalog, deterministically. */
import { catalog } from "../../config";
import type { Catalog } from "../../config/types";
import { planEnvironment, type EnvironmentPlan, type StackSettings } from "../../planner";
import { hostingOf } from "../../planner/kinds";
import { publicHost, sorted } from "../../planner/naming";
import { entriesIn, placementOf } from "../../planner/placement";
import { INGEST_ENTRY } from "../../planner/monitoring-central";
import { cpuMillis, formatCpu, formatMemory, memoryBytes } from "../../planner/quantity";
import { STACKS } from "../helpers/catalog";

const settings: StackSettings = {
  awsRegion: "us-east-1",
  vaultAddress: "https://vault.platform.internal:8200",
  vaultCidr: "10.0.8.0/24",
  vpcId: "vpc-0c5e7a9b1d3f24601",
  dataSubnetCidrs: ["10.10.64.0/20"],
  cloudflareZoneId: "3f1c9a7e5b2d4c6e8a0b1c2d3e4f5a6b",
  dataSubnetIds: ["subnet-0a1b2c3d4e5f60711"],
  clusterSecurityGroupId: "sg-0c5e7a9b1d3f24611",
  eksClusterName: "us-k8s-prod",
  awsAccountId: "402981736450",
  clusterNodeCidrs: ["10.10.0.0/18"],
};

const plans = new Map<string, EnvironmentPlan>(STACKS.map((s) => [s, planEnvironment(catalog, s, settings)]));
const plan = (s: string) => plans.get(s)!;
const workload = (s: string, n: string) => {
  const w = plan(s).workloads.find((x) => x.name === n);
  if (!w) throw new Error(`${n} is not a workload of ${s}`);
  return w;
};
const envOf = (s: string, n: string) =>
  Object.fromEntries(
    workload(s, n).env.map((v) => [v.name, v.value ?? `vault:${v.secret!.key}#${v.secret!.property}`]),
  );

describe("placement", () => {
  it("customer-facing and business services run in every regional environment, monitoring in platform-shared", () => {
    const regional = ["asia-prod", "eu-prod", "eu-staging", "us-dev", "us-prod", "us-staging"];
    for (const n of [
      "api-gateway",
      "web-app",
      "order-service",
      "payment-service",
      "auth-service",
      "notification-service",
    ]) {
      expect(placementOf(catalog.entries[n]!, catalog)).toEqual(regional);
    }
    for (const n of ["prometheus", "grafana", "loki", "tempo", "jaeger", "alertmanager"]) {
      expect(placementOf(catalog.entries[n]!, catalog)).toEqual(["platform-shared"]);
    }
    expect(plan("eu-prod").workloads.length).toBeGreaterThan(20);
    expect(plan("asia-prod").workloads.map((w) => w.name)).toEqual(
      plan("eu-prod").workloads.map((w) => w.name),
    );
    expect(plan("platform-shared").workloads).toEqual([]);
    expect(plan("platform-shared").platformServices.map((p) => p.name)).toEqual([
      "alertmanager",
      "grafana",
      "jaeger",
      "loki",
      "prometheus",
      "tempo",
    ]);
  });

  it("data-sync-worker runs only where there is production data", () => {
    expect(STACKS.filter((s) => plan(s).workloads.some((w) => w.name === "data-sync-worker"))).toEqual([
      "asia-prod",
      "eu-prod",
      "us-prod",
    ]);
  });
});

describe("workloads", () => {
  it("take replicas from the environment; HPA in production and staging; PDB from 2 replicas", () => {
    const expected: Record<string, [number, boolean, boolean]> = {
      "us-prod": [5, true, true],
      "us-staging": [2, true, true],
      "us-dev": [1, false, false],
      "eu-prod": [5, true, true],
      "eu-staging": [2, true, true],
      "asia-prod": [3, true, true],
    };
    for (const [s, [replicas, hpa, pdb]] of Object.entries(expected)) {
      for (const w of plan(s).workloads) {
        expect([
          s,
          w.name,
          w.replicas,
          w.autoscaling !== undefined,
          w.disruptionBudget?.maxUnavailable === 1,
        ]).toEqual([s, w.name, replicas, hpa, pdb]);
        if (w.autoscaling) expect(w.autoscaling.minReplicas).toBe(replicas);
      }
    }
  });

  it("get a Service exactly when something calls them or they are public", () => {
    const p = plan("us-prod");
    const called = new Set(p.edges.filter((e) => e.toEnvironment === "us-prod").map((e) => e.to));
    const routed = new Set(p.gateway!.routes.map((r) => r.service));
    for (const w of p.workloads) {
      expect([w.name, w.service]).toEqual([
        w.name,
        called.has(w.name) || routed.has(w.name) || w.public !== undefined,
      ]);
    }
    expect(p.workloads.filter((w) => !w.service).map((w) => w.name)).toEqual([
      "data-sync-worker",
      "etl-worker",
      "invoice-generator-worker",
      "order-processor-worker",
      "recommendation-service",
      "reporting-service",
    ]);
  });
});

describe("environment variables derived from needs", () => {
  it("order-service: service URLs from in-cluster DNS, database and cache from Vault, pool from the environment", () => {
    const env = envOf("us-prod", "order-service");
    expect(env).toMatchObject({
      PAYMENT_SERVICE_URL: "http://payment-service.us-prod.svc.cluster.local:8084",
      INVENTORY_SERVICE_URL: "http://inventory-service.us-prod.svc.cluster.local:8085",
      NOTIFICATION_SERVICE_URL: "http://notification-service.us-prod.svc.cluster.local:8088",
      ORDER_DATABASE_URL: "vault:ecommerce-platform/us-prod/postgres-orders#url",
      REDIS_CACHE_URL: "vault:ecommerce-platform/us-prod/redis-cache#url",
      KAFKA_BOOTSTRAP_SERVERS: "vault:ecommerce-platform/us-prod/event-bus#bootstrap-servers",
      MAX_DB_CONNECTIONS: "100",
      OTEL_SERVICE_NAME: "order-service",
      ENABLE_DEBUG_LOGGING: "false",
      REQUEST_TIMEOUT_MS: "30000",
    });
    expect(envOf("us-dev", "order-service")).toMatchObject({
      MAX_DB_CONNECTIONS: "5",
      ENABLE_DEBUG_LOGGING: "true",
    });
    expect(envOf("asia-prod", "order-service").MAX_DB_CONNECTIONS).toBe("50");
  });

  it("auth-service: AUTH_DATABASE_URL and its own secrets from its environment's Vault paths, VAULT_ADDR from the stack", () => {
    const w = workload("eu-staging", "auth-service");
    const secrets = w.env
      .filter((v) => v.secret)
      .map((v) => [v.name, v.secret!.policyPath, v.secret!.property]);
    expect(secrets).toEqual([
      ["AUTH_DATABASE_URL", "kv/data/ecommerce-platform/eu-staging/postgres-auth", "url"],
      ["ENCRYPTION_KEY", "kv/data/ecommerce-platform/eu-staging/encryption", "key"],
      ["JWT_SECRET", "kv/data/ecommerce-platform/eu-staging/auth", "jwt-secret"],
      ["REDIS_SESSION_URL", "kv/data/ecommerce-platform/eu-staging/redis-sessions", "url"],
    ]);
    expect(w.vaultPolicyPaths).toEqual(sorted(new Set(secrets.map((s) => s[1]!))));
    expect(envOf("eu-staging", "auth-service").VAULT_ADDR).toBe(settings.vaultAddress);
  });

  it("front ends reach the gateway and websocket hosts of their own environment", () => {
    expect(envOf("us-prod", "web-app")).toMatchObject({
      // The gateway in the cluster (Kong's routes for its own name); browsers get the public URL.
      API_GATEWAY_URL: "http://api-gateway.us-prod.svc.cluster.local",
      NEXT_PUBLIC_API_URL: "https://api.example.com",
      NEXT_PUBLIC_WS_URL: "https://ws.example.com",
      CDN_SERVICE_URL: "http://cdn-service.us-prod.svc.cluster.local:8101",
    });
    expect(envOf("eu-staging", "web-app")).toMatchObject({
      NEXT_PUBLIC_API_URL: "https://api.staging.example.eu",
      NEXT_PUBLIC_WS_URL: "https://ws.staging.example.eu",
    });
  });

  it("data-sync-worker reads the other production regions' Kafka from their Vault paths", () => {
    const env = envOf("eu-prod", "data-sync-worker");
    expect(Object.keys(env).filter((k) => k.startsWith("KAFKA_"))).toEqual([
      "KAFKA_BOOTSTRAP_SERVERS",
      "KAFKA_BOOTSTRAP_SERVERS_ASIA_PROD",
      "KAFKA_BOOTSTRAP_SERVERS_US_PROD",
    ]);
    expect(env.KAFKA_BOOTSTRAP_SERVERS_US_PROD).toBe(
      "vault:ecommerce-platform/us-prod/event-bus#bootstrap-servers",
    );
    const edges = plan("eu-prod").edges.filter(
      (e) => e.from === "data-sync-worker" && e.toEnvironment !== "eu-prod",
    );
    expect(edges.map((e) => `${e.to}@${e.toEnvironment}:${e.port}`)).toEqual([
      "event-bus@asia-prod:9098",
      "event-bus@us-prod:9098",
    ]);
    expect(plan("us-prod").dataStores.find((d) => d.name === "event-bus")!.remoteConsumers).toEqual([
      "data-sync-worker@asia-prod",
      "data-sync-worker@eu-prod",
    ]);
  });

  it("every secret variable of every workload is a Vault location of its own environment (or a declared peer)", () => {
    for (const s of STACKS) {
      for (const w of plan(s).workloads) {
        for (const v of w.env.filter((x) => x.secret)) {
          const envPart = v.secret!.key.split("/")[1];
          expect([w.name, v.name, v.source === "cross-environment" || envPart === s]).toEqual([
            w.name,
            v.name,
            true,
          ]);
        }
      }
    }
  });
});

describe("edges", () => {
  it("are exactly the catalog's needs placed in the environment (compared as sets)", () => {
    for (const s of STACKS) {
      const here = new Set(entriesIn(s, catalog));
      const expected = new Set<string>();
      for (const n of here)
        for (const d of catalog.entries[n]!.needs ?? []) if (here.has(d)) expected.add(`${n}->${d}@${s}`);
      for (const n of here) {
        for (const x of catalog.entries[n]!.crossEnvironmentNeeds ?? [])
          for (const o of x.environments) if (o !== s) expected.add(`${n}->${x.entry}@${o}`);
      }
      expect(new Set(plan(s).edges.map((e) => `${e.from}->${e.to}@${e.toEnvironment}`))).toEqual(expected);
    }
  });

  it("carry the callee's port, protocol and hosting", () => {
    const e = plan("us-prod").edges.find((x) => x.from === "auth-service" && x.to === "postgres-auth")!;
    expect(e).toEqual({
      from: "auth-service",
      to: "postgres-auth",
      toEnvironment: "us-prod",
      port: 5432,
      protocol: "tcp",
      via: "managed",
    });
    expect(plan("us-prod").edges.find((x) => x.from === "mobile-api" && x.to === "api-gateway")!.via).toBe(
      "gateway",
    );
  });
});

describe("public hosts, TLS and DNS", () => {
  it("production at <subdomain>.<domain>, staging and development never collide with it", () => {
    const all = STACKS.flatMap((s) => plan(s).publicHosts.map((h) => h.host));
    expect(new Set(all).size).toBe(all.length);
    expect(plan("us-prod").publicHosts.map((h) => h.host)).toEqual([
      "admin.example.com",
      "api.example.com",
      "mobile-api.example.com",
      "www.example.com",
      "ws.example.com",
    ]);
    expect(plan("us-staging").publicHosts.map((h) => h.host)).toContain("api.staging.example.com");
    expect(plan("us-dev").publicHosts.map((h) => h.host)).toContain("www.dev.example.com");
    expect(plan("asia-prod").publicHosts.map((h) => h.url)).toContain(
      "https://mobile-api.example.asia/graphql",
    );
    for (const s of STACKS) {
      for (const h of plan(s).publicHosts) {
        const env = catalog.environments[s]!;
        // The ingest host is the program's own, at the catalog's monitoring.ingest subdomain.
        const subdomain =
          h.entry === INGEST_ENTRY
            ? catalog.platform.monitoring.ingest.subdomain
            : catalog.entries[h.entry]!.subdomain!;
        expect(h.host).toBe(publicHost(subdomain, env, catalog));
      }
    }
  });

  it("admin and platform hosts use their custom certificates from Vault; the rest Let's Encrypt", () => {
    const tls = (s: string) =>
      Object.fromEntries(
        plan(s).publicHosts.map((h) => [
          h.host,
          h.tls.mode === "custom"
            ? `${h.tls.certificate} ${h.tls.vault.certificate.key}#${h.tls.vault.certificate.property} ${h.tls.vault.privateKey.key}#${h.tls.vault.privateKey.property}`
            : h.tls.issuer,
        ]),
      );
    const platformCert =
      "platform-tls-cert ecommerce-platform/platform-shared/platform-tls-cert#tls.crt ecommerce-platform/platform-shared/platform-tls-cert#tls.key";
    expect(tls("platform-shared")).toEqual({
      "grafana.example.com": platformCert,
      "metrics.example.com": platformCert,
      "tracing.example.com": platformCert,
      // The clusters' ingest host: an API for machines, certified by Let's Encrypt (DNS-01).
      "telemetry.example.com": "letsencrypt-production",
    });
    expect(tls("eu-prod")["admin.example.eu"]).toBe(
      "admin-tls-cert ecommerce-platform/eu-prod/admin-tls-cert#tls.crt ecommerce-platform/eu-prod/admin-tls-cert#tls.key",
    );
    expect(tls("eu-prod")["www.example.eu"]).toBe("letsencrypt-production");
    expect(plan("eu-prod").certificates.map((c) => c.name)).toEqual(["admin-tls-cert"]);
  });

  it("the API host routes each path to a needed service and is rate limited", () => {
    const g = plan("us-prod").gateway!;
    expect(g.host.rateLimited).toBe(true);
    const limited = Object.fromEntries(plan("us-prod").publicHosts.map((h) => [h.entry, h.rateLimited]));
    expect(limited).toEqual({
      "admin-dashboard": false,
      "api-gateway": true,
      "mobile-api": true,
      "web-app": false,
      "websocket-service": true,
    });
    expect(plan("platform-shared").publicHosts.some((h) => h.rateLimited)).toBe(false);
    expect(new Set(g.routes.map((r) => r.service))).toEqual(new Set(catalog.entries["api-gateway"]!.needs));
    expect(g.routes.find((r) => r.path === "/v1/orders")).toEqual({
      path: "/v1/orders",
      service: "order-service",
      port: 8083,
    });
  });

  it("one proxied CNAME per public host, in the region's zone", () => {
    for (const s of STACKS) {
      const p = plan(s);
      expect(p.dnsRecords.map((d) => d.name)).toEqual(p.publicHosts.map((h) => h.host));
      for (const d of p.dnsRecords)
        expect([d.zone, d.type, d.proxied, d.target.cluster]).toEqual([p.domain, "CNAME", true, p.cluster]);
    }
  });
});

describe("data stores", () => {
  it("are sized by tier, encrypted, and protected from deletion in production", () => {
    const pg = (s: string) => plan(s).dataStores.find((d) => d.name === "postgres-payments")!;
    expect(pg("us-prod")).toMatchObject({
      sizing: { instanceClass: "db.r7g.large", nodes: 2 },
      encrypted: true,
      deletionProtection: true,
      backupRetentionDays: 14,
    });
    expect(pg("us-staging")).toMatchObject({
      sizing: { instanceClass: "db.t4g.medium", nodes: 1 },
      deletionProtection: false,
      backupRetentionDays: 7,
    });
    expect(pg("us-dev")).toMatchObject({ sizing: { instanceClass: "db.t4g.small" }, backupRetentionDays: 1 });
    expect(pg("us-prod").consumers).toEqual(["payment-service"]);
    expect(pg("us-prod").connections).toEqual([
      {
        env: "PAYMENT_DATABASE_URL",
        vault: expect.objectContaining({
          key: "ecommerce-platform/us-prod/postgres-payments",
          property: "url",
        }),
      },
    ]);
  });

  it("every store placed in an environment is planned there, and nothing else", () => {
    for (const s of STACKS) {
      const expected = entriesIn(s, catalog).filter((n) => catalog.entries[n]!.store);
      expect(plan(s).dataStores.map((d) => d.name)).toEqual(expected);
    }
    expect(plan("us-prod").dataStores).toHaveLength(17);
    expect(plan("platform-shared").dataStores).toHaveLength(0);
  });
});

describe("determinism", () => {
  const shuffled = (c: Catalog): Catalog => {
    const reverse = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).reverse());
    const entries = reverse(c.entries);
    for (const [n, e] of Object.entries(entries)) {
      entries[n] = {
        ...(Object.fromEntries(Object.entries(e).reverse()) as typeof e),
        ...(e.needs ? { needs: [...e.needs].reverse() } : {}),
        ...(e.secrets ? { secrets: [...e.secrets].reverse() } : {}),
      };
    }
    return {
      ...c,
      entries,
      environments: reverse(c.environments),
      regions: reverse(c.regions),
      clusters: reverse(c.clusters),
    };
  };

  it("the same catalog gives a byte-identical plan, and reordering entries changes nothing", () => {
    const other = shuffled(structuredClone<Catalog>(catalog));
    expect(Object.keys(other.entries)[0]).not.toBe(Object.keys(catalog.entries)[0]);
    for (const s of STACKS) {
      const a = JSON.stringify(planEnvironment(catalog, s, settings));
      expect(JSON.stringify(planEnvironment(catalog, s, settings))).toBe(a);
      expect(JSON.stringify(planEnvironment(other, s, settings))).toBe(a);
    }
  });

  it("every hosting kind the planner knows appears in some plan", () => {
    const seen = new Set(STACKS.flatMap((s) => plan(s).edges.map((e) => e.via)));
    expect(seen).toEqual(
      new Set(
        Object.values(catalog.entries)
          .filter((e) =>
            Object.values(catalog.entries).some((x) => x.needs?.some((d) => catalog.entries[d] === e)),
          )
          .map(hostingOf),
      ),
    );
    expect(seen).toEqual(
      new Set([
        "deployment",
        "gateway",
        "managed",
        "in-cluster-store",
        "vault",
        "aws-endpoint",
        "platform",
        "external-api",
      ]),
    );
  });
});

describe("resource quantities", () => {
  it("parse and format the catalog's CPU and memory quantities", () => {
    expect([cpuMillis("250m"), cpuMillis("1"), cpuMillis("0.5"), cpuMillis("2")]).toEqual([
      250, 1000, 500, 2000,
    ]);
    expect([memoryBytes("128Mi"), memoryBytes("2Gi"), memoryBytes("1G"), memoryBytes("512")]).toEqual([
      2 ** 27,
      2 ** 31,
      1e9,
      512,
    ]);
    expect([formatCpu(1250), formatMemory(2 ** 31), formatMemory(2 ** 20 + 1)]).toEqual([
      "1250m",
      "2048Mi",
      "2Mi",
    ]);
    expect(() => cpuMillis("1 core")).toThrow('not a CPU quantity: "1 core" (expected e.g. 250m or 2)');
    expect(() => memoryBytes("1GB")).toThrow('not a memory quantity: "1GB" (expected e.g. 256Mi or 2Gi)');
  });

  it("every catalog workload's quantities parse", () => {
    for (const [n, e] of Object.entries(catalog.entries)) {
      if (!e.resources) continue;
      expect([n, cpuMillis(e.resources.cpu.request) <= cpuMillis(e.resources.cpu.limit)]).toEqual([n, true]);
      expect([n, memoryBytes(e.resources.memory.request) <= memoryBytes(e.resources.memory.limit)]).toEqual([
        n,
        true,
      ]);
    }
  });
});

describe("sorted", () => {
  it("orders by UTF-16 code units, whatever the locale, and keeps equal keys in their order", () => {
    expect(sorted(["b", "a", "B", "é", "z", "\uFFFF", "\u{1F600}", "a"])).toEqual([
      "B",
      "a",
      "a",
      "b",
      "z",
      "é",
      "\u{1F600}",
      "\uFFFF",
    ]);
    const items = [
      { k: "x", n: 1 },
      { k: "a", n: 2 },
      { k: "x", n: 3 },
      { k: "a", n: 4 },
    ];
    expect(sorted(items, (i) => i.k).map((i) => i.n)).toEqual([2, 4, 1, 3]);
  });

  it("computes each item's key once, and leaves its input as it was", () => {
    const input = ["c", "a", "b"];
    const calls: string[] = [];
    expect(
      sorted(input, (s) => {
        calls.push(s);
        return s;
      }),
    ).toEqual(["a", "b", "c"]);
    expect(calls.sort()).toEqual(["a", "b", "c"]);
    expect(input).toEqual(["c", "a", "b"]);
  });
});
