/**
 * Every validation rule, fed a broken catalog, reports the entry, the field and the fix; and a
 * catalog with many problems reports them all at once.
 */
import { assertValidCatalog, CatalogError, parseCatalogJson, RULES, validateCatalog } from "../../planner";
import { editCatalog, errorsOf, lines, patchEntry, STACKS, warningsOf } from "../helpers/catalog";

describe("the built-in catalog", () => {
  it("passes every rule with no error and no warning", () => {
    const report = validateCatalog(editCatalog(), { stackFiles: STACKS });
    expect(lines(report.problems)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.errors + c.warnings)).toEqual(report.checks.map(() => 0));
    // Every check says what it looked at (computed, not a fixed string).
    expect(report.checks.find((c) => c.rule === "needs-acyclic")!.checked).toMatch(
      /^58 entries, \d+ dependencies$/,
    );
  });
});

describe("dependencies", () => {
  it("an unknown need, with a did-you-mean suggestion", () => {
    const c = editCatalog((c) =>
      patchEntry(c, "auth-service", { needs: ["postgres-auht", "redis-sessions", "vault-service"] }),
    );
    expect(lines(errorsOf(c))).toEqual([
      '[needs-known] entries.auth-service.needs: "postgres-auht" is not an entry. Fix: did you mean "postgres-auth"?',
    ]);
  });

  it("an unknown need with nothing close suggests adding the entry", () => {
    const c = editCatalog((c) =>
      patchEntry(c, "pdf-service", { needs: ["redis-cache", "wkhtmltopdf-farm"] }),
    );
    expect(lines(errorsOf(c))).toEqual([
      '[needs-known] entries.pdf-service.needs: "wkhtmltopdf-farm" is not an entry. Fix: add an entry "wkhtmltopdf-farm" or remove it from needs',
    ]);
  });

  it("a self-dependency", () => {
    const c = editCatalog((c) => patchEntry(c, "pdf-service", { needs: ["redis-cache", "pdf-service"] }));
    expect(lines(errorsOf(c))).toEqual([
      '[needs-self] entries.pdf-service.needs: "pdf-service" depends on itself. Fix: remove "pdf-service" from its own needs',
    ]);
  });

  it("a cycle is printed as its full path", () => {
    const c = editCatalog((c) => patchEntry(c, "cdn-service", { needs: ["s3-storage", "product-service"] }));
    expect(lines(errorsOf(c))).toEqual([
      "[needs-acyclic] entries.cdn-service.needs: dependency cycle cdn-service -> product-service -> image-service -> cdn-service. Fix: remove one of these needs, or make that call asynchronous through event-bus",
    ]);
  });

  it("two separate cycles are both reported", () => {
    const c = editCatalog((c) => {
      patchEntry(c, "inventory-service", {
        needs: ["postgres-inventory", "redis-cache", "event-bus", "order-service"],
      });
      patchEntry(c, "pdf-service", { needs: ["redis-cache", "invoice-generator-worker"] });
    });
    expect(errorsOf(c).map((p) => p.message)).toEqual([
      "dependency cycle inventory-service -> order-service -> inventory-service",
      "dependency cycle invoice-generator-worker -> pdf-service -> invoice-generator-worker",
    ]);
  });

  it("a gateway route to an entry that is not a dependency", () => {
    const c = editCatalog((c) =>
      patchEntry(c, "api-gateway", {
        routes: { ...c.entries["api-gateway"]!.routes, "/v1/reports": "reporting-service" },
      }),
    );
    expect(lines(errorsOf(c))).toEqual([
      '[needs-known] entries.api-gateway.routes./v1/reports: routes to "reporting-service", which is not in needs. Fix: add "reporting-service" to needs (that grants the network path)',
    ]);
  });
});

describe("placement", () => {
  it("a dependency missing from the dependent's environments", () => {
    const c = editCatalog((c) =>
      patchEntry(c, "grafana", { needs: ["prometheus", "loki", "order-service"] }),
    );
    expect(lines(errorsOf(c))).toEqual([
      '[placement] entries.grafana.needs: "order-service" is not placed in platform-shared, where grafana runs. Fix: place "order-service" there too, or declare the call in grafana.crossEnvironmentNeeds with a reason',
    ]);
  });

  it("a regional entry that needs something placed in production only", () => {
    const c = editCatalog((c) =>
      patchEntry(c, "reporting-service", { needs: ["clickhouse", "redis-cache", "data-sync-worker"] }),
    );
    expect(errorsOf(c).map((p) => p.message)).toEqual([
      '"data-sync-worker" is not placed in eu-staging, us-dev, us-staging, where reporting-service runs',
    ]);
  });

  it("a cross-environment need across residencies the catalog does not acknowledge", () => {
    const c = editCatalog((c) =>
      patchEntry(c, "data-sync-worker", {
        crossEnvironmentNeeds: [{ entry: "event-bus", environments: ["us-prod", "eu-prod"], reason: "sync" }],
      }),
    );
    expect(lines(errorsOf(c))).toEqual([
      "[data-stores] entries.data-sync-worker.crossEnvironmentNeeds.event-bus: moves data across residencies (APAC↔EU, APAC↔US, EU↔US) without saying so. Fix: set acrossResidencies: true once the data owners agree the topics it reads may leave their jurisdiction, or keep the need inside one residency",
    ]);
  });

  it("a declared cross-environment need to an environment the target does not run in", () => {
    const c = editCatalog((c) =>
      patchEntry(c, "data-sync-worker", {
        crossEnvironmentNeeds: [
          {
            entry: "event-bus",
            environments: ["us-prod", "eu-prod", "platform-shared"],
            reason: "sync",
            acrossResidencies: true,
          },
        ],
      }),
    );
    expect(lines(errorsOf(c))).toEqual([
      '[placement] entries.data-sync-worker.crossEnvironmentNeeds.event-bus: "event-bus" is not placed in platform-shared. Fix: place "event-bus" in platform-shared or drop platform-shared from the list',
    ]);
  });

  it("an unknown environment in a placement list", () => {
    const c = editCatalog((c) =>
      patchEntry(c, "data-sync-worker", { placement: ["us-prod", "eu-prd", "asia-prod"] }),
    );
    expect(lines(errorsOf(c))).toEqual([
      '[placement] entries.data-sync-worker.placement: unknown environment "eu-prd". Fix: did you mean "eu-prod"?',
    ]);
  });
});

describe("hosts and names", () => {
  it("two entries claiming one host, in every environment they share", () => {
    const c = editCatalog((c) => patchEntry(c, "mobile-api", { subdomain: "api" }));
    const errs = errorsOf(c);
    expect(errs.map((p) => p.path)).toEqual([
      "host api.dev.example.com",
      "host api.example.asia",
      "host api.example.com",
      "host api.example.eu",
      "host api.staging.example.com",
      "host api.staging.example.eu",
    ]);
    expect(errs[2]!.message).toBe("is claimed 2 times: api-gateway in us-prod, mobile-api in us-prod");
    expect(errs[2]!.fix).toMatch(/another subdomain/);
  });

  it("a second staging environment in one region collides with the first", () => {
    const c = editCatalog((c) => {
      c.environments["us-staging-2"] = { ...c.environments["us-staging"]! };
    });
    const hosts = errorsOf(c, {}).filter((p) => p.rule === "hosts-unique");
    expect(hosts).toHaveLength(5);
    expect(hosts.map((p) => p.message)).toContain(
      "is claimed 2 times: web-app in us-staging, web-app in us-staging-2",
    );
  });

  it("names and subdomains that are not DNS labels; hosts over 253 characters", () => {
    const c = editCatalog((c) => {
      c.entries["Order_Service"] = c.entries["pdf-service"]!;
      patchEntry(c, "web-app", { subdomain: "w".repeat(64) });
      c.regions["eu"] = {
        ...c.regions["eu"]!,
        domain: `${"a".repeat(60)}.${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.eu`,
      };
    });
    const errs = lines(errorsOf(c).filter((p) => p.rule === "names"));
    expect(errs[0]).toBe(
      `[names] entries.Order_Service: entry name "Order_Service" is not a DNS label (RFC 1123: a-z, 0-9 and '-', at most 63 characters, no leading or trailing '-'). Fix: rename it, e.g. "order-service"`,
    );
    expect(errs).toContain(
      `[names] entries.web-app.subdomain: subdomain "${"w".repeat(64)}" is not a DNS label (RFC 1123: a-z, 0-9 and '-', at most 63 characters, no leading or trailing '-'). Fix: rename it, e.g. "${"w".repeat(63)}"`,
    );
    const tooLong = errorsOf(c).filter((p) => p.message.includes("(at most 253)"));
    expect(
      tooLong.map((p) => `${p.path.split(".")[1]} ${p.message.split(" in ")[1]!.split(" ")[0]}`),
    ).toEqual([
      "admin-dashboard eu-staging",
      "api-gateway eu-staging",
      "mobile-api eu-prod",
      "mobile-api eu-staging",
      "web-app eu-prod",
      "web-app eu-staging",
      "websocket-service eu-staging",
    ]);
    expect(errs).toContain(
      `[names] entries.api-gateway.subdomain: host api.staging.${"a".repeat(60)}.${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.eu in eu-staging has 258 characters (at most 253). Fix: shorten the subdomain`,
    );
  });
});

describe("TLS", () => {
  it("a public host without TLS", () => {
    const c = editCatalog((c) => patchEntry(c, "web-app", { tls: undefined }));
    expect(lines(errorsOf(c))).toEqual([
      '[tls] entries.web-app.tls: a public host has no TLS policy. Fix: set tls: { mode: "letsencrypt" } or { mode: "custom", certificate: "<name>" }',
    ]);
  });

  it("letsencrypt that names a secret", () => {
    const c = editCatalog((c) =>
      patchEntry(c, "web-app", { tls: { mode: "letsencrypt", certificate: "www-cert" } as never }),
    );
    expect(lines(errorsOf(c))).toEqual([
      // The schema knows `certificate` only in the custom form of a TLS policy.
      '[schema] entries.web-app.tls.certificate: "certificate" does not belong with the other fields of this form. Fix: remove it',
    ]);
  });

  it("custom TLS without a certificate (the schema), an empty one and an undeclared one (the rule)", () => {
    const missing = editCatalog((c) =>
      patchEntry(c, "admin-dashboard", { tls: { mode: "custom" } as never }),
    );
    expect(lines(errorsOf(missing))).toEqual([
      "[schema] entries.admin-dashboard.tls.certificate: is missing. Fix: add it (a string)",
    ]);
    const c = editCatalog((c) => {
      patchEntry(c, "admin-dashboard", { tls: { mode: "custom", certificate: "" } });
      patchEntry(c, "grafana", { tls: { mode: "custom", certificate: "platform-tls" } });
    });
    expect(lines(errorsOf(c))).toEqual([
      "[tls] entries.admin-dashboard.tls.certificate: custom TLS names no certificate. Fix: name one of admin-tls-cert, platform-tls-cert",
      '[tls] entries.grafana.tls.certificate: certificate "platform-tls" is not declared. Fix: did you mean "platform-tls-cert"?',
    ]);
  });

  it("a custom certificate that is not delivered from Vault", () => {
    const c = editCatalog((c) => {
      c.certificates["admin-tls-cert"] = {
        certificate: "",
        privateKey: "secret://changeme/tls.key",
        owner: "team-platform",
      };
    });
    expect(lines(errorsOf(c))).toEqual([
      '[tls] certificates.admin-tls-cert.certificate: "" is not a Vault reference. Fix: deliver the certificate chain from Vault: secret://<name>/<key>',
      '[tls] certificates.admin-tls-cert.privateKey: "secret://changeme/tls.key" is not a Vault reference. Fix: deliver the private key from Vault: secret://<name>/<key>',
    ]);
  });
});

describe("secrets", () => {
  it("placeholders and missing references of production entries are errors", () => {
    const c = editCatalog((c) => {
      patchEntry(c, "payment-service", {
        secrets: [
          { env: "STRIPE_SECRET_KEY", ref: "secret://changeme/secret-key" },
          { env: "STRIPE_WEBHOOK_SECRET", ref: "" },
          { env: "ENCRYPTION_KEY", ref: "secret://encryption/TODO" },
        ],
      });
    });
    expect(lines(errorsOf(c))).toEqual([
      '[secrets] entries.payment-service.secrets.STRIPE_SECRET_KEY: secret STRIPE_SECRET_KEY has placeholder reference "secret://changeme/secret-key" and payment-service runs in production (asia-prod, eu-prod, us-prod). Fix: point it at the real Vault secret: secret://<name>/<key>',
      "[secrets] entries.payment-service.secrets.STRIPE_WEBHOOK_SECRET: secret STRIPE_WEBHOOK_SECRET has no Vault reference and payment-service runs in production (asia-prod, eu-prod, us-prod). Fix: point it at the real Vault secret: secret://<name>/<key>",
      '[secrets] entries.payment-service.secrets.ENCRYPTION_KEY: secret ENCRYPTION_KEY has placeholder reference "secret://encryption/TODO" and payment-service runs in production (asia-prod, eu-prod, us-prod). Fix: point it at the real Vault secret: secret://<name>/<key>',
    ]);
  });

  it("a placeholder outside production is a warning", () => {
    const c = editCatalog((c) => {
      c.entries["debug-service"] = {
        ...c.entries["pdf-service"]!,
        port: 8150,
        placement: ["us-dev"],
        secrets: [{ env: "API_TOKEN", ref: "secret://todo/token" }],
      };
    });
    expect(errorsOf(c)).toEqual([]);
    expect(lines(warningsOf(c))).toEqual([
      '[secrets] entries.debug-service.secrets.API_TOKEN: secret API_TOKEN has placeholder reference "secret://todo/token". Fix: point it at the real Vault secret: secret://<name>/<key>',
    ]);
  });

  it("a credential in plain env, and a reference that is not secret://name/key", () => {
    const c = editCatalog((c) => {
      patchEntry(c, "sms-worker", {
        env: { TWILIO_AUTH_TOKEN: "0123456789abcdef" },
        secrets: [{ env: "TWILIO_ACCOUNT_SID", ref: "vault:twilio#sid" }],
      });
    });
    expect(lines(errorsOf(c))).toEqual([
      "[secrets] entries.sms-worker.secrets.TWILIO_ACCOUNT_SID: secret TWILIO_ACCOUNT_SID: \"vault:twilio#sid\" is not a Vault reference. Fix: write it as secret://<name>/<key> (lower-case, digits, '-')",
      '[secrets] entries.sms-worker.env.TWILIO_AUTH_TOKEN: holds a credential in plain text. Fix: move it to secrets: { env: "TWILIO_AUTH_TOKEN", ref: "secret://<name>/<key>" }',
    ]);
  });

  it("two sources of one variable collide", () => {
    const c = editCatalog((c) =>
      patchEntry(c, "auth-service", {
        env: { JWT_EXPIRY: "3600", AUTH_DATABASE_URL: "postgres://localhost/auth" },
      }),
    );
    const errs = lines(errorsOf(c));
    expect(errs).toHaveLength(6);
    expect(errs[0]).toBe(
      "[env-vars] entries.auth-service.env.AUTH_DATABASE_URL: in asia-prod: is set 2 times (by catalog auth-service, dependency postgres-auth). Fix: rename one of them, or drop the duplicate dependency",
    );
  });

  it("a template naming an entry that is not public", () => {
    const c = editCatalog((c) =>
      patchEntry(c, "web-app", { env: { NEXT_PUBLIC_API_URL: "${public-url:order-service}" } }),
    );
    const errs = errorsOf(c);
    expect(errs).toHaveLength(6);
    expect(errs[0]!.message).toBe(
      'in asia-prod: ${public-url:order-service}: "order-service" is not public (expose: "public")',
    );
  });
});

describe("availability", () => {
  it("a production environment with 1 replica fails every stateless workload", () => {
    const c = editCatalog((c) => {
      c.environments["asia-prod"] = { ...c.environments["asia-prod"]!, replicas: 1 };
    });
    const errs = errorsOf(c);
    expect(errs).toHaveLength(26);
    expect(lines(errs)[0]).toBe(
      "[replicas] entries.admin-dashboard.replicas: runs 1 replica in production (asia-prod). Fix: run at least 2 (3 to spread over zones): raise the environment's or the entry's replicas",
    );
  });

  it("2 replicas on a 3-zone cluster is a warning", () => {
    const c = editCatalog((c) => patchEntry(c, "pdf-service", { replicas: 2 }));
    expect(errorsOf(c)).toEqual([]);
    expect(warningsOf(c).map((p) => p.message)).toEqual([
      "runs 2 replicas in asia-prod, fewer than its cluster's 3 zones",
      "runs 2 replicas in eu-prod, fewer than its cluster's 3 zones",
      "runs 2 replicas in us-prod, fewer than its cluster's 3 zones",
    ]);
  });
});

describe("ports", () => {
  it("out of range, colliding within a workload, unknown protocol, privileged", () => {
    const c = editCatalog((c) => {
      patchEntry(c, "pdf-service", { port: 70000 });
      patchEntry(c, "sms-worker", { metrics: { port: 8090, path: "/metrics" } });
      patchEntry(c, "email-worker", { protocol: "udp" as never });
      patchEntry(c, "cdn-service", { port: 80 });
    });
    expect(lines(errorsOf(c))).toEqual([
      '[values] entries.email-worker.protocol: "udp" is not one of "http", "https", "grpc", "tcp". Fix: use one of http, https, grpc, tcp',
      "[ports] entries.cdn-service.port: 80 is a privileged port; non-root containers cannot bind it. Fix: listen on a port of 1024 or above",
      "[ports] entries.pdf-service.port: 70000 is not a port (1-65535). Fix: use a port between 1 and 65535",
      "[ports] entries.sms-worker.metrics.port: port 8090 is used by port and metrics.port. Fix: give each port of a workload its own number",
    ]);
  });
});

describe("environments and clusters", () => {
  it("unknown region and cluster, with suggestions", () => {
    const c = editCatalog((c) => {
      c.environments["eu-staging"] = {
        ...c.environments["eu-staging"]!,
        region: "europe",
        cluster: "eu-k8s-prd",
      };
    });
    const errs = lines(errorsOf(c).filter((p) => p.rule === "environments"));
    expect(errs).toEqual([
      '[environments] environments.eu-staging.region: unknown region "europe". Fix: add region "europe" to regions, with its domain',
      '[environments] environments.eu-staging.cluster: unknown cluster "eu-k8s-prd". Fix: did you mean "eu-k8s-prod"?',
    ]);
  });

  it("a cluster whose add-on owner does not run on it", () => {
    const c = editCatalog((c) => {
      c.clusters["eu-k8s-prod"] = { ...c.clusters["eu-k8s-prod"]!, addonOwner: "us-prod" };
    });
    expect(lines(errorsOf(c))).toEqual([
      '[environments] clusters.eu-k8s-prod.addonOwner: "us-prod" is not an environment on eu-k8s-prod (those are eu-prod, eu-staging). Fix: set addonOwner to exactly one of eu-prod, eu-staging',
    ]);
  });

  it("staging hosts in a zone without Advanced Certificate Manager (Universal SSL stops one label down)", () => {
    const c = editCatalog((c) => {
      c.regions.eu = { ...c.regions.eu!, zone: { owner: "eu-prod", plan: "pro" } };
    });
    expect(lines(errorsOf(c))).toEqual([
      "[environments] regions.eu.zone.advancedCertificateManager: the hosts of eu-staging sit two labels below example.eu, beyond what Universal SSL covers. Fix: subscribe the zone to Advanced Certificate Manager and set advancedCertificateManager: true",
    ]);
  });

  it("a Cloudflare zone owned by a stack of another region, or on an unknown plan", () => {
    const c = editCatalog((c) => {
      c.regions.eu = { ...c.regions.eu!, zone: { ...c.regions.eu!.zone, owner: "us-prod" } };
      c.regions.asia = { ...c.regions.asia!, zone: { owner: "asia-prod", plan: "premium" as "pro" } };
    });
    expect(lines(errorsOf(c))).toEqual([
      '[values] regions.asia.zone.plan: "premium" is not one of "free", "pro", "business", "enterprise". Fix: use one of free, pro, business, enterprise',
      '[environments] regions.eu.zone.owner: "us-prod" is not an environment of region eu. Fix: set it to exactly one of eu-prod, eu-staging (the region\'s production stack)',
    ]);
  });

  it("objectives that alerts could not defend", () => {
    const c = editCatalog((c) => {
      patchEntry(c, "payment-service", {
        objectives: { availability: 100, latency: { percent: 99, thresholdMs: 1500 } },
      });
      patchEntry(c, "email-worker", { objectives: { availability: 99 } });
      const withoutMetrics = { ...c.entries["user-service"]! };
      delete withoutMetrics.metrics;
      c.entries["user-service"] = withoutMetrics;
    });
    expect(lines(errorsOf(c).filter((p) => p.rule === "objectives"))).toEqual([
      "[objectives] entries.email-worker.objectives: a worker serves no requests of its own to promise. Fix: remove objectives from this entry",
      "[objectives] entries.payment-service.objectives.availability: 100 is not a percentage between 90 and 100 (exclusive). Fix: use e.g. 99.9: 100 leaves no error budget",
      "[objectives] entries.payment-service.objectives.latency.thresholdMs: 1500 ms is not a bucket boundary of http.server.request.duration. Fix: use 1000 ms (boundaries: 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000 ms)",
      "[objectives] entries.user-service.objectives: no metrics port to measure it by. Fix: declare `metrics` (the presets' port 9464, /metrics)",
    ]);
  });

  it("stack settings files and environments match one to one", () => {
    const files = [...STACKS.filter((s) => s !== "asia-prod"), "us-prd"];
    expect(lines(errorsOf(editCatalog(), { stackFiles: files }))).toEqual([
      "[stack-files] Pulumi.us-prd.yaml: matches no environment. Fix: rename it to Pulumi.us-prod.yaml?",
      "[stack-files] environments.asia-prod: has no stack settings file Pulumi.asia-prod.yaml. Fix: create Pulumi.asia-prod.yaml from config/stack-settings.template.yaml",
    ]);
  });
});

describe("workload hygiene", () => {
  it("an unpinned image, missing limits and health", () => {
    const c = editCatalog((c) => {
      patchEntry(c, "pdf-service", {
        image: { repository: "registry.example.com/ecommerce/pdf-service", tag: "latest" },
      });
      patchEntry(c, "sms-worker", { resources: undefined, health: undefined });
    });
    expect(lines(errorsOf(c))).toEqual([
      '[workloads] entries.pdf-service.image.tag: "latest" is not a pinned tag. Fix: use an immutable release version such as 1.4.2 (optionally with @sha256 digest)',
      "[workloads] entries.sms-worker.resources: has no requests and limits. Fix: set resources (cpu and memory request and limit)",
      "[workloads] entries.sms-worker.health: has no health endpoints. Fix: set health: { liveness, readiness }",
    ]);
  });
});

describe("resources", () => {
  it("quantities that do not parse, and a request above its limit", () => {
    const c = editCatalog((c) => {
      patchEntry(c, "pdf-service", {
        resources: { cpu: { request: "1 core", limit: "2" }, memory: { request: "256Mi", limit: "256Mi" } },
      });
      patchEntry(c, "sms-worker", {
        resources: { cpu: { request: "2", limit: "500m" }, memory: { request: "1Gi", limit: "512MB" } },
      });
    });
    expect(lines(errorsOf(c))).toEqual([
      '[workloads] entries.pdf-service.resources.cpu.request: "1 core" is not a cpu quantity. Fix: write it like 250m or 2',
      "[workloads] entries.sms-worker.resources.cpu: request 2 is above limit 500m. Fix: raise the limit or lower the request",
      '[workloads] entries.sms-worker.resources.memory.limit: "512MB" is not a memory quantity. Fix: write it like 256Mi or 2Gi',
    ]);
  });
});

describe("every problem at once", () => {
  it("reports problems of different rules together, and the thrown error lists them all", () => {
    const c = editCatalog((c) => {
      patchEntry(c, "auth-service", { needs: ["postgres-auht", "redis-sessions", "vault-service"] });
      patchEntry(c, "pdf-service", { needs: ["redis-cache", "pdf-service"] });
      patchEntry(c, "web-app", { tls: undefined });
      patchEntry(c, "sms-worker", { port: 0 });
      c.clusters["us-k8s-dev"] = { ...c.clusters["us-k8s-dev"]!, addonOwner: "eu-prod" };
    });
    const errs = errorsOf(c);
    expect(new Set(errs.map((p) => p.rule))).toEqual(
      new Set(["needs-known", "needs-self", "tls", "ports", "environments"]),
    );
    expect(() => assertValidCatalog(c)).toThrow(CatalogError);
    try {
      assertValidCatalog(c);
    } catch (err) {
      const message = (err as Error).message;
      expect(message.split("\n")[0]).toBe(`Invalid catalog: ${errs.length} problems:`);
      for (const p of errs) expect(message).toContain(`${p.path}: ${p.message}. Fix: ${p.fix}`);
    }
  });
});

describe("catalog JSON", () => {
  it("invalid JSON and a wrong shape are reported before validation", () => {
    expect(lines(parseCatalogJson("{ nope", "bad.json").problems)[0]).toMatch(
      /^\[shape\] bad\.json: is not valid JSON \(/,
    );
    const { problems } = parseCatalogJson(
      JSON.stringify({
        regions: {},
        environments: {},
        clusters: {},
        certificates: {},
        entries: { x: { kind: "service" } },
        extra: 1,
      }),
    );
    expect(lines(problems)).toEqual([
      '[shape] platform: is missing or not an object. Fix: add "platform": { … } (see npm run plan -- --print-catalog)',
      "[shape] extra: is not a catalog section. Fix: remove it; sections are platform, regions, environments, clusters, certificates, entries",
    ]);
  });

  it("an unknown kind in JSON is caught by validation with the allowed values", () => {
    const c = editCatalog((c) => patchEntry(c, "pdf-service", { kind: "lambda" as never }));
    expect(lines(errorsOf(c))[0]).toBe(
      '[schema] entries.pdf-service.kind: "lambda" is not one of "gateway", "web", "service", "worker", "postgres", "redis", "search", "analytics-db", "kafka", "object-store", "smtp", "vault", "monitoring", "external". Fix: use one of gateway, web, service, worker, postgres, redis, search, analytics-db, kafka, object-store, smtp, vault, monitoring, external',
    );
  });
});

describe("the rule registry", () => {
  it("has unique ids, and every rule requires only rules that run before it", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [i, r] of RULES.entries()) {
      for (const req of r.requires ?? [])
        expect([r.id, req, ids.indexOf(req) >= 0 && ids.indexOf(req) < i]).toEqual([r.id, req, true]);
    }
  });

  it("reports one check per rule, in registry order", () => {
    expect(validateCatalog(editCatalog()).checks.map((c) => c.rule)).toEqual(RULES.map((r) => r.id));
  });

  it("skips a rule while a rule it requires has errors, and says which", () => {
    const c = editCatalog((x) => patchEntry(x, "auth-service", { needs: ["postgres-auht"] }));
    const check = validateCatalog(c, { stackFiles: STACKS }).checks.find((x) => x.rule === "env-vars")!;
    expect(check.checked).toBe("skipped until the errors of needs-known are fixed");
    expect([check.errors, check.warnings]).toEqual([0, 0]);
  });
});

describe("what each kind of entry may be", () => {
  it("never public: data stores, Vault, the mail relay, workers, the monitoring internals, each with the reason", () => {
    const c = editCatalog((x) => {
      patchEntry(x, "postgres-orders", { expose: "public" });
      patchEntry(x, "email-worker", { expose: "public" });
      patchEntry(x, "loki", { expose: "public" });
      patchEntry(x, "vault-service", { expose: "public" });
    });
    expect(lines(errorsOf(c)).filter((l) => l.startsWith("[kinds]"))).toEqual([
      '[kinds] entries.email-worker.expose: a worker entry cannot be public: a worker serves no requests. Fix: set expose: "cluster" (or leave it out)',
      '[kinds] entries.loki.expose: a monitoring entry cannot be public: a monitoring internal takes machine traffic only (the clusters reach it through the ingest host). Fix: set expose: "cluster" (or leave it out)',
      '[kinds] entries.postgres-orders.expose: a postgres entry cannot be public: a data store is reached from the cluster only. Fix: set expose: "cluster" (or leave it out)',
      '[kinds] entries.vault-service.expose: a vault entry cannot be public: Vault is reached over the private network only. Fix: set expose: "cluster" (or leave it out)',
    ]);
  });

  it("a host, a path and TLS only on a public entry; fields only the kinds that use them", () => {
    const c = editCatalog((x) => {
      patchEntry(x, "order-service", {
        subdomain: "orders",
        routes: { "/x": "payment-service" },
        store: x.entries["postgres-orders"]!.store!,
      });
      patchEntry(x, "redis-cache", { image: { repository: "redis", tag: "8.2" }, replicas: 3 });
    });
    expect(lines(errorsOf(c)).filter((l) => l.startsWith("[kinds]"))).toEqual([
      '[kinds] entries.order-service.subdomain: subdomain belongs to a public host, and order-service is not public. Fix: remove subdomain, or set expose: "public" where the kind allows it',
      "[kinds] entries.order-service.store: a service entry has no use for store (it is for data stores (postgres, redis, search, analytics-db, kafka, object-store)). Fix: remove store from order-service",
      "[kinds] entries.order-service.routes: a service entry has no use for routes (it is for the API gateway). Fix: remove routes from order-service",
      "[kinds] entries.redis-cache.image: a redis entry has no use for image (it is for workloads (services, workers, web front ends), which run a container of ours). Fix: remove image from redis-cache",
      "[kinds] entries.redis-cache.replicas: a redis entry has no use for replicas (it is for workloads; a store's nodes are store.sizing). Fix: remove replicas from redis-cache",
    ]);
  });
});

describe("network and secret safety in the catalog", () => {
  it("a cross-environment need from production into another tier, or the reverse", () => {
    const c = editCatalog((x) => {
      const sync = x.entries["data-sync-worker"]!;
      patchEntry(x, "data-sync-worker", {
        crossEnvironmentNeeds: sync.crossEnvironmentNeeds!.map((n) => ({
          ...n,
          environments: [...n.environments, "us-staging"],
        })),
      });
    });
    expect(
      lines(errorsOf(c)).filter((l) => l.includes("production and non-production never call each other")),
    ).toEqual([
      expect.stringMatching(
        /^\[placement\] entries\.data-sync-worker\.crossEnvironmentNeeds\.\S+: reaches us-staging \(staging\) from asia-prod, eu-prod, us-prod \(production\): production and non-production never call each other\. Fix: place data-sync-worker only in non-production environments, or drop us-staging$/,
      ),
    ]);
  });

  it("a credential in a plain value, whatever the variable's name", () => {
    const c = editCatalog((x) => {
      patchEntry(x, "order-service", {
        env: {
          UPSTREAM: "postgres://orders:hunter2@db.internal:5432/orders",
          SIGNING: "-----BEGIN RSA PRIVATE KEY-----\nMIIE",
          PAYMENTS_MODE: "sk_live_0123456789abcdefABCDEF",
          REGION_NAME: "eu-west-1",
        },
      });
    });
    expect(lines(errorsOf(c)).filter((l) => l.startsWith("[secrets]"))).toEqual([
      '[secrets] entries.order-service.env.UPSTREAM: holds a URL with a password in plain text, whatever the variable\'s name. Fix: move it to Vault: secrets: { env: "UPSTREAM", ref: "secret://<name>/<key>" }',
      '[secrets] entries.order-service.env.SIGNING: holds a private key in plain text, whatever the variable\'s name. Fix: move it to Vault: secrets: { env: "SIGNING", ref: "secret://<name>/<key>" }',
      '[secrets] entries.order-service.env.PAYMENTS_MODE: holds a Stripe key in plain text, whatever the variable\'s name. Fix: move it to Vault: secrets: { env: "PAYMENTS_MODE", ref: "secret://<name>/<key>" }',
    ]);
  });
});

describe("names the program owns", () => {
  it("an entry or an environment that takes one is an error naming the object that holds it", () => {
    const c = editCatalog((x) => {
      x.entries["default-deny"] = { ...x.entries["pdf-service"]! };
      x.entries["kube-prometheus-stack"] = { ...x.entries["pdf-service"]! };
      x.entries["grafana-traffic"] = { ...x.entries["pdf-service"]! };
      x.environments.kong = { ...x.environments["us-dev"]! };
    });
    expect(
      lines(errorsOf(c, { stackFiles: [...STACKS, "kong"] })).filter((l) => l.startsWith("[reserved]")),
    ).toEqual([
      "[reserved] entries.default-deny: the name \"default-deny\" is the program's: the namespace's default-deny NetworkPolicy. Fix: rename the entry",
      "[reserved] entries.grafana-traffic: the name \"grafana-traffic\" is the program's: the central services' NetworkPolicies (<service>-traffic). Fix: rename the entry",
      '[reserved] entries.kube-prometheus-stack: the name "kube-prometheus-stack" is the program\'s: the kube-prometheus-stack Helm release. Fix: rename the entry',
      '[reserved] environments.kong: the environment\'s namespace "kong" is the namespace of the kong add-on. Fix: rename the environment',
    ]);
  });
});

describe("credential shapes", () => {
  it("ordinary values are not credentials; real ones are, in their common forms", async () => {
    const { credentialShape } = await import("../../planner/validate/rules/secrets");
    for (const ordinary of [
      "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
      "/usr/share/nginx/html/static-assets/v2/bundle",
      "orders-created-v1-eu-central-1-production-topic",
      "postgres://app:$(DB_PASSWORD)@db.internal:5432/app",
      "https://api.example.com/v1/orders",
      "registry.example.com/ecommerce/web-app:4.12.0",
    ])
      expect([ordinary, credentialShape(ordinary)]).toEqual([ordinary, undefined]);
    for (const [value, what] of <[string, string][]>[
      ["jdbc:mysql://app:s3cr/et@db:3306/app", "a URL with a password"],
      ["AKIAIOSFODNN7EXAMPLE", "an AWS access key id"],
      ["Xk9fQ2mZ7pL4vB8nR1tY6wC3sD5gH0jKa2Bc4De6Fg8", "a token-shaped string (40 or more random characters)"],
    ])
      expect(credentialShape(value)).toBe(what);
  });
});
