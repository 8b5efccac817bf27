/**
 * The catalog holds the platform's inventory from ../shared/reference/catalog-reference.md:
 * every entry, its dependencies, ports, environments and clusters. Deliberate departures are
 * listed here, each with its reason (and in the README).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { catalog } from "../../config";
import { PROJECT_ROOT } from "../../lib/project";

// The shared reference beside the repository when it is there (it is in CI), else the copy kept
// in tests/fixtures (the test below checks the two are the same whenever both exist).
const SHARED = path.resolve(PROJECT_ROOT, "../shared/reference/catalog-reference.md");
const FIXTURE = path.join(PROJECT_ROOT, "tests/fixtures/catalog-reference.md");
const text = fs.readFileSync(fs.existsSync(SHARED) ? SHARED : FIXTURE, "utf8");

function table(heading: string): string[][] {
  const section = text.split(/^## /m).find((s) => s.startsWith(heading));
  if (!section) throw new Error(`reference has no section "${heading}"`);
  return section
    .split("\n")
    .filter((l) => l.startsWith("|") && !l.startsWith("|---"))
    .slice(1)
    .map((l) =>
      l
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

const refEntries = table("Entries").map(([name, , exposure, portProto, needs]) => ({
  name: name!,
  exposure: exposure!,
  port: Number(portProto!.split("/")[0]),
  protocol: portProto!.split("/")[1]!,
  needs: needs ? needs.split(",").map((s) => s.trim()) : [],
}));

/** Departures from the seed, each with its reason. */
const RETIRED = { zookeeper: "Kafka runs in KRaft mode (managed MSK): no ZooKeeper" };
/** Entries the seed did not have: the third-party APIs it named only as secrets, now declared needs. */
const ADDED: Record<string, string> = {
  "stripe-api": "payment-service calls it (STRIPE_SECRET_KEY)",
  "paypal-api": "payment-service calls it (PAYPAL_CLIENT_SECRET)",
  "twilio-api": "sms-worker calls it (TWILIO_AUTH_TOKEN)",
  "fcm-api": "push-notification-service calls it (FCM_SERVICE_ACCOUNT_JSON)",
  "apns-api": "push-notification-service calls it (APNS_AUTH_KEY)",
  "cloudflare-api": "cdn-service calls it (CLOUDFLARE_API_TOKEN)",
};
const NEEDS_CHANGED: Record<string, { needs: string[]; reason: string }> = {
  "event-bus": { needs: [], reason: "KRaft: no ZooKeeper" },
  alertmanager: { needs: [], reason: "Prometheus sends alerts to Alertmanager, not the other way round" },
  prometheus: { needs: ["alertmanager"], reason: "Prometheus sends alerts to Alertmanager" },
};
/** Needs the seed left implicit in secrets: the third-party APIs each calls (ADDED). */
const EXTERNAL_NEEDS: Record<string, string[]> = {
  "payment-service": ["stripe-api", "paypal-api"],
  "sms-worker": ["twilio-api"],
  "push-notification-service": ["fcm-api", "apns-api"],
  "cdn-service": ["cloudflare-api"],
};
/** Stores reached through managed AWS endpoints listen where the managed service does. */
const PORT_CHANGED: Record<string, { port: number; reason: string }> = {
  elasticsearch: { port: 443, reason: "Amazon OpenSearch Service serves HTTPS on 443" },
  clickhouse: { port: 8443, reason: "ClickHouse over HTTPS (TLS) instead of plain 8123" },
  "event-bus": { port: 9098, reason: "MSK with IAM authentication listens on 9098" },
  "s3-storage": { port: 443, reason: "Amazon S3 over HTTPS" },
  "smtp-service": { port: 443, reason: "Amazon SES through its HTTPS API, with the sender's role" },
};

describe("catalog against the reference inventory", () => {
  it("reads the current reference", () => {
    expect(text).toBe(fs.readFileSync(FIXTURE, "utf8"));
  });

  it("has every reference entry but the retired ones, and no other", () => {
    expect(refEntries).toHaveLength(53);
    const expected = [...refEntries.map((e) => e.name).filter((n) => !(n in RETIRED)), ...Object.keys(ADDED)];
    expect(new Set(Object.keys(catalog.entries))).toEqual(new Set(expected));
  });

  it("keeps every dependency of the reference (compared as sets), but the listed departures", () => {
    for (const r of refEntries) {
      if (r.name in RETIRED) continue;
      const expected = [...(NEEDS_CHANGED[r.name]?.needs ?? r.needs), ...(EXTERNAL_NEEDS[r.name] ?? [])];
      expect([r.name, new Set(catalog.entries[r.name]!.needs ?? [])]).toEqual([r.name, new Set(expected)]);
    }
  });

  it("keeps the reference's in-cluster ports and protocols, but the listed departures", () => {
    for (const r of refEntries) {
      if (r.name in RETIRED || r.exposure.startsWith("public")) continue;
      const e = catalog.entries[r.name]!;
      expect([r.name, e.port]).toEqual([r.name, PORT_CHANGED[r.name]?.port ?? r.port]);
      if (!PORT_CHANGED[r.name]) expect([r.name, e.protocol]).toEqual([r.name, r.protocol]);
    }
  });

  it("exposes publicly exactly the reference's public entries, on the same subdomains and paths", () => {
    for (const r of refEntries) {
      if (r.name in RETIRED) continue;
      const e = catalog.entries[r.name]!;
      const m = /^public: (\S+) \((\S+)\) path (\S+)$/.exec(r.exposure);
      if (m) {
        expect([r.name, e.expose, e.subdomain, e.path]).toEqual([r.name, "public", m[1], m[3]]);
      } else {
        expect([r.name, e.expose ?? "cluster"]).toEqual([r.name, "cluster"]);
      }
    }
  });

  it("has the reference's regions, environments (replicas, DB pool) and clusters", () => {
    const regions = Object.fromEntries(table("Regions").map(([r, d]) => [r!, d!]));
    expect(Object.fromEntries(Object.entries(catalog.regions).map(([r, s]) => [r, s.domain]))).toEqual(
      regions,
    );
    for (const [name, region, tier, replicas, pool] of table("Environments")) {
      const env = catalog.environments[name!]!;
      expect([name, env.region, env.tier, env.replicas, env.dbPool ?? "—"]).toEqual([
        name,
        region,
        tier!.split(" ")[0],
        Number(replicas),
        pool === "—" ? "—" : Number(pool),
      ]);
    }
    for (const [name, api, hosts] of table("Kubernetes clusters")) {
      const cl = catalog.clusters[name!]!;
      expect([name, cl.apiServer]).toEqual([name, api]);
      const onCluster = Object.keys(catalog.environments).filter(
        (e) => catalog.environments[e]!.cluster === name,
      );
      expect(new Set(onCluster)).toEqual(new Set(hosts!.split(",").map((s) => s.trim())));
    }
  });

  it("uses the reference's secret paths for the variables it names", () => {
    const refVars = table("Environment variables").filter((r) => r[3]);
    const declared = new Map<string, string>();
    for (const e of Object.values(catalog.entries)) {
      for (const s of e.secrets ?? []) declared.set(s.env, s.ref);
      for (const p of e.provides ?? []) declared.set(p.env, p.ref);
    }
    const used = refVars.filter(([v]) => declared.has(v!));
    expect(used.length).toBeGreaterThanOrEqual(14);
    for (const [v, , , ref] of used) expect([v, declared.get(v!)]).toEqual([v, ref]);
  });
});
