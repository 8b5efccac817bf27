/** The data-stores rule and the data layer's stack-setting checks, each with an input that breaks it. */
import { catalog } from "../../config";
import type { Catalog, DataStoreSpec } from "../../config/types";
import { connectionCapacity, maxConnections } from "../../planner/data/capacity";
import { checkSettingsAgainstCatalog } from "../../planner/settings-check";
import { editCatalog, errorsOf, lines, patchEntry } from "../helpers/catalog";
import { settingsFor } from "../helpers/runs";

/** Replaces one entry's store settings with a changed copy (stores share presets: never edit in place). */
function patchStore(c: Catalog, name: string, patch: (s: DataStoreSpec) => Partial<DataStoreSpec>): void {
  const e = c.entries[name]!;
  e.store = { ...e.store!, ...patch(e.store!) };
}

describe("the data-stores rule", () => {
  it("accepts the built-in catalog", () => {
    expect(lines(errorsOf(editCatalog()))).toEqual([]);
  });

  it("rejects a store whose data would not be encrypted at rest", () => {
    const c = editCatalog((x) => patchStore(x, "redis-sessions", () => ({ encrypted: false })));
    expect(lines(errorsOf(c))).toEqual([
      "[shape] entries.redis-sessions.store.encrypted: data at rest is not encrypted. Fix: set store.encrypted: true",
    ]);
  });

  it("rejects a ZooKeeper-mode Kafka and versions the data layer cannot pin", () => {
    const c = editCatalog((x) => {
      patchStore(x, "event-bus", () => ({ engineVersion: "3.9.x" }));
      patchStore(x, "postgres-auth", () => ({ engineVersion: "18" }));
    });
    expect(lines(errorsOf(c))).toEqual([
      '[data-stores] entries.event-bus.store.engineVersion: "3.9.x" is not a kafka version the data layer accepts. Fix: pin it like "4.1.x.kraft"',
      '[data-stores] entries.postgres-auth.store.engineVersion: "18" is not a postgres version the data layer accepts. Fix: pin it like "18.4"',
    ]);
  });

  it("rejects a PostgreSQL class that cannot hold its consumers' pools at full scale, with the numbers", () => {
    const c = editCatalog((x) => {
      patchStore(x, "postgres-orders", (st) => ({
        sizing: { ...st.sizing, production: { instanceClass: "db.r7g.large", storageGiB: 100, nodes: 2 } },
      }));
    });
    const capacity = connectionCapacity("db.r7g.large")!;
    const need = maxConnections([
      { workload: "invoice-generator-worker", pods: 15, pool: 100 },
      { workload: "order-service", pods: 15, pool: 100 },
    ]);
    const asiaNeed = maxConnections([
      { workload: "invoice-generator-worker", pods: 9, pool: 50 },
      { workload: "order-service", pods: 9, pool: 50 },
    ]);
    expect(asiaNeed).toBeLessThanOrEqual(capacity);
    expect(lines(errorsOf(c))).toEqual(
      ["eu-prod", "us-prod"].map(
        (en) =>
          `[data-stores] entries.postgres-orders.store.sizing.production.instanceClass: in ${en}, db.r7g.large holds ${capacity} connections but invoice-generator-worker 15 pods × 100 + order-service 15 pods × 100 + reserved need ${need}. Fix: pick a class with more memory for this tier, or lower the environment's dbPool`,
      ),
    );
  });

  it("rejects an instance class it cannot size", () => {
    const c = editCatalog((x) => {
      patchStore(x, "postgres-users", (st) => ({
        sizing: { ...st.sizing, development: { instanceClass: "db.x9.huge", storageGiB: 10, nodes: 1 } },
      }));
    });
    expect(lines(errorsOf(c))).toEqual([
      '[data-stores] entries.postgres-users.store.sizing.development.instanceClass: "db.x9.huge" is not an RDS class the platform knows (18 listed). Fix: use a db.t4g, db.m7g, db.r7g or db.r8g class, or add the class\'s memory to planner/data/capacity.ts',
    ]);
  });

  it("rejects unknown topics, topics without the bus, a bus user with no topic, and more copies than brokers", () => {
    const c = editCatalog((x) => {
      patchEntry(x, "user-service", { produces: ["user"] });
      patchEntry(x, "search-service", { consumes: ["products"] });
      patchEntry(x, "inventory-service", { produces: [], consumes: [] });
      patchStore(x, "event-bus", (st) => ({
        topics: { ...st.topics, orders: { partitions: 12, retentionHours: 168, replicationFactor: 3 } },
      }));
    });
    expect(lines(errorsOf(c))).toEqual([
      "[data-stores] entries.inventory-service.produces: needs event-bus but declares no topic it produces or consumes. Fix: list its topics in produces and consumes",
      '[data-stores] entries.search-service.needs: declares topics but does not need the event bus. Fix: add "event-bus" to needs',
      '[data-stores] entries.user-service.produces: "user" is not a topic of the event bus. Fix: declare it in event-bus\'s store.topics, or use one of inventory, orders, payments, products, users',
      ...["eu-staging", "us-dev", "us-staging"].map(
        (en) =>
          `[data-stores] entries.event-bus.store.topics.orders.replicationFactor: 3 copies, but ${en} runs 2 brokers. Fix: replicate at most 2 times, or run more brokers`,
      ),
    ]);
  });

  it("asks what a workload may do in the object store", () => {
    const c = editCatalog((x) => {
      patchEntry(x, "ml-model-service", { objectAccess: undefined });
      patchEntry(x, "pdf-service", { objectAccess: "read" });
    });
    expect(lines(errorsOf(c))).toEqual([
      '[data-stores] entries.ml-model-service.objectAccess: needs s3-storage but does not say what it may do there. Fix: set objectAccess: "read" or "read-write"',
      "[data-stores] entries.pdf-service.objectAccess: is set but the entry needs no object store. Fix: remove it, or add the object store to needs",
    ]);
  });

  it("keeps disaster-recovery copies in the region's jurisdiction", () => {
    const c = editCatalog((x) => {
      x.regions["eu"]!.disasterRecoveryRegion = "us-east-2";
      x.regions["asia"]!.disasterRecoveryRegion = "mars-1";
    });
    expect(lines(errorsOf(c))).toEqual([
      '[data-stores] regions.asia.disasterRecoveryRegion: "mars-1" is not an AWS region. Fix: name the AWS region that holds backup copies, e.g. eu-central-1',
      "[data-stores] regions.eu.disasterRecoveryRegion: us-east-2 is outside the region's data residency EU. Fix: copy backups to a region inside EU",
    ]);
  });

  it("keeps OpenSearch domain names within AWS's 28 characters", () => {
    const c = editCatalog((x) => {
      x.entries["product-search-index"] = { ...x.entries["elasticsearch"]! };
      delete x.entries["elasticsearch"];
      for (const e of Object.values(x.entries))
        if (e.needs) e.needs = e.needs.map((n) => (n === "elasticsearch" ? "product-search-index" : n));
    });
    expect(lines(errorsOf(c)).filter((l) => l.includes("OpenSearch"))).toEqual(
      [
        ["asia-prod", 30],
        ["eu-staging", 31],
        ["us-staging", 31],
      ].map(
        ([en, n]) =>
          `[data-stores] entries.product-search-index: its OpenSearch domain in ${en}, "${en}-product-search-index", has ${n} characters (AWS allows 28). Fix: shorten the entry's name`,
      ),
    );
  });
});

describe("the data layer's stack settings", () => {
  const check = (stack: string, patch: Partial<ReturnType<typeof settingsFor>>) =>
    checkSettingsAgainstCatalog({ ...settingsFor(stack), ...patch }, stack, catalog).map(
      (p) => `${p.key} ${p.message}`,
    );

  it("accept every stack file as it is", () => {
    for (const s of ["us-prod", "us-dev", "eu-staging", "asia-prod"]) expect(check(s, {})).toEqual([]);
  });

  it("need one data subnet per zone, in 2 to all of the cluster's zones, matching the CIDRs, and MSK's multiple", () => {
    // One subnet: too few zones, and not the CIDRs' count (3 brokers are a multiple of 1, so MSK is content).
    expect(check("us-prod", { dataSubnetIds: ["subnet-0a1b2c3d4e5f60711"] })).toEqual([
      "ecommerce-platform:dataSubnetIds lists 1 subnets but dataSubnetCidrs lists 3: give one id per data subnet, in the same order",
      "ecommerce-platform:dataSubnetIds lists 1 subnets: RDS, ElastiCache, OpenSearch and MSK need one subnet in each of 2 to 3 zones of cluster us-k8s-prod (us-east-1a, us-east-1b, us-east-1c)",
    ]);
    expect(
      check("us-prod", {
        dataSubnetIds: ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712"],
        dataSubnetCidrs: ["10.10.64.0/20", "10.10.80.0/20"],
      }),
    ).toEqual([
      "ecommerce-platform:dataSubnetIds lists 2 subnets, but event-bus runs 3 brokers in production: MSK needs a multiple of the subnets",
    ]);
    expect(
      check("us-dev", { dataSubnetIds: ["subnet-04b8d2e6f1a3c5011", "subnet-04b8d2e6f1a3c5011"] }),
    ).toEqual(["ecommerce-platform:dataSubnetIds names a subnet twice: one subnet per zone"]);
  });

  it("keep the stack in its region's jurisdiction and away from its DR region", () => {
    expect(check("eu-prod", { awsRegion: "eu-central-1" })).toEqual([
      "aws:region is eu-central-1, the same as region eu's disaster-recovery region: backups must be copied elsewhere",
      "aws:region is eu-central-1, but cluster eu-k8s-prod runs in zones eu-west-1a, eu-west-1b, eu-west-1c",
    ]);
    expect(check("asia-prod", { awsRegion: "us-east-1" })[0]).toBe(
      "aws:region is us-east-1, outside region asia's data residency APAC",
    );
  });
});
