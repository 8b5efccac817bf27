/**
 * Data stores the data layer can build safely: engine versions it accepts, PostgreSQL classes that
 * hold every consumer's pool at full scale, topics that exist and fit the brokers, object-store
 * access declared, disaster-recovery copies inside the region's jurisdiction, names AWS accepts.
 */
import { RESIDENCIES, type Catalog, type EntrySpec } from "../../../config/types";
import { isAwsRegion, residencyOf } from "../../aws-regions";
import { connectionCapacity, maxConnections, RDS_CLASS_MEMORY_GIB } from "../../data/capacity";
import { defaultReplication, MAX_SEARCH_DOMAIN_NAME } from "../../data/plan";
import { hostingOf } from "../../kinds";
import { maxPodsOf } from "../../scale";
import type { Rule, RuleContext } from "../types";

const ENGINE_VERSION: Partial<Record<EntrySpec["kind"], { re: RegExp; example: string }>> = {
  postgres: { re: /^\d+\.\d+$/, example: "18.4" },
  redis: { re: /^\d+\.\d+$/, example: "8.1" },
  search: { re: /^OpenSearch_\d+\.\d+$/, example: "OpenSearch_3.5" },
  // A plain `3.9.x` runs ZooKeeper, and KRaft cannot be switched on later.
  kafka: { re: /^\d+\.\d+\.x\.kraft$/, example: "4.1.x.kraft" },
};

function checkPostgres(c: RuleContext, name: string, e: EntrySpec): void {
  const { catalog } = c;
  for (const en of c.placements.get(name) ?? []) {
    const env = catalog.environments[en];
    if (!env || !e.store) continue;
    const cls = e.store.sizing[env.tier]?.instanceClass ?? "";
    const capacity = connectionCapacity(cls);
    if (capacity === undefined) {
      c.add(
        `entries.${name}.store.sizing.${env.tier}.instanceClass`,
        `"${cls}" is not an RDS class the platform knows (${Object.keys(RDS_CLASS_MEMORY_GIB).length} listed)`,
        "use a db.t4g, db.m7g, db.r7g or db.r8g class, or add the class's memory to planner/data/capacity.ts",
      );
      continue;
    }
    const consumers = c.entryNames.filter((n) => {
      const x = catalog.entries[n]!;
      return (
        hostingOf(x) === "deployment" &&
        (x.needs ?? []).includes(name) &&
        (c.placements.get(n) ?? []).includes(en)
      );
    });
    const demand = consumers.map((n) => ({
      workload: n,
      pods: maxPodsOf(catalog.entries[n]!, env),
      pool: env.dbPool ?? 0,
    }));
    const needed = maxConnections(demand);
    if (needed > capacity) {
      const who = demand.map((d) => `${d.workload} ${d.pods} pods × ${d.pool}`).join(" + ");
      c.add(
        `entries.${name}.store.sizing.${env.tier}.instanceClass`,
        `in ${en}, ${cls} holds ${capacity} connections but ${who} + reserved need ${needed}`,
        "pick a class with more memory for this tier, or lower the environment's dbPool",
      );
    }
  }
}

function checkTopics(c: RuleContext, bus: string | undefined): void {
  const { catalog } = c;
  const topics = bus ? (catalog.entries[bus]!.store?.topics ?? {}) : {};
  for (const n of c.entryNames) {
    const e = catalog.entries[n]!;
    const declared = [...(e.produces ?? []), ...(e.consumes ?? [])];
    const needsBus = bus !== undefined && (e.needs ?? []).includes(bus);
    if (declared.length && !needsBus) {
      c.add(
        `entries.${n}.needs`,
        `declares topics but does not need the event bus`,
        `add "${bus ?? "event-bus"}" to needs`,
      );
    }
    if (needsBus && !declared.length) {
      c.add(
        `entries.${n}.produces`,
        `needs ${bus} but declares no topic it produces or consumes`,
        "list its topics in produces and consumes",
      );
    }
    for (const field of ["produces", "consumes"] as const) {
      for (const t of e[field] ?? []) {
        if (!(t in topics)) {
          c.add(
            `entries.${n}.${field}`,
            `"${t}" is not a topic of the event bus`,
            `declare it in ${bus ?? "the event bus"}'s store.topics, or use one of ${Object.keys(topics).sort().join(", ")}`,
          );
        }
      }
    }
  }
  if (!bus) return;
  const e = catalog.entries[bus]!;
  for (const [t, spec] of Object.entries(topics)) {
    const p = `entries.${bus}.store.topics.${t}`;
    if (!Number.isInteger(spec.partitions) || spec.partitions < 1)
      c.add(`${p}.partitions`, `must be a whole number ≥ 1 (got ${spec.partitions})`, "set partitions");
    if (!(spec.retentionHours > 0))
      c.add(
        `${p}.retentionHours`,
        `must be more than 0 (got ${spec.retentionHours})`,
        "set how long records are kept",
      );
    for (const en of c.placements.get(bus) ?? []) {
      const tier = catalog.environments[en]?.tier;
      const brokers = tier ? e.store?.sizing[tier]?.nodes : undefined;
      if (brokers === undefined) continue;
      const rf = spec.replicationFactor ?? defaultReplication(brokers);
      if (rf > brokers)
        c.add(
          `${p}.replicationFactor`,
          `${rf} copies, but ${en} runs ${brokers} brokers`,
          `replicate at most ${brokers} times, or run more brokers`,
        );
    }
  }
}

function checkRegions(c: RuleContext, catalog: Catalog): void {
  for (const [r, spec] of Object.entries(catalog.regions).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!RESIDENCIES.includes(spec.residency)) {
      c.add(
        `regions.${r}.residency`,
        `unknown residency "${String(spec.residency)}"`,
        `use one of ${RESIDENCIES.join(", ")}`,
      );
    }
    const dr = spec.disasterRecoveryRegion;
    if (typeof dr !== "string" || !isAwsRegion(dr)) {
      c.add(
        `regions.${r}.disasterRecoveryRegion`,
        `${JSON.stringify(dr)} is not an AWS region`,
        "name the AWS region that holds backup copies, e.g. eu-central-1",
      );
    } else if (residencyOf(dr) !== spec.residency) {
      c.add(
        `regions.${r}.disasterRecoveryRegion`,
        `${dr} is outside the region's data residency ${spec.residency}`,
        `copy backups to a region inside ${spec.residency}`,
      );
    }
  }
}

/**
 * A cross-environment need between regions of different residencies moves data across
 * jurisdictions: the catalog must say it does so on purpose (`acrossResidencies`).
 */
function checkResidency(c: RuleContext): void {
  const { catalog } = c;
  const residency = (env: string) => catalog.regions[catalog.environments[env]?.region ?? ""]?.residency;
  for (const n of c.entryNames) {
    for (const x of catalog.entries[n]!.crossEnvironmentNeeds ?? []) {
      const pairs = new Set<string>();
      for (const from of c.placements.get(n) ?? []) {
        for (const to of x.environments) {
          const a = residency(from);
          const b = residency(to);
          if (from !== to && a && b && a !== b) pairs.add([a, b].sort().join("↔"));
        }
      }
      const path = `entries.${n}.crossEnvironmentNeeds.${x.entry}`;
      if (pairs.size && !x.acrossResidencies) {
        c.add(
          path,
          `moves data across residencies (${[...pairs].sort().join(", ")}) without saying so`,
          "set acrossResidencies: true once the data owners agree the topics it reads may leave their jurisdiction, or keep the need inside one residency",
        );
      }
      if (!pairs.size && x.acrossResidencies) {
        c.add(
          path,
          "declares acrossResidencies but stays inside one residency",
          "remove acrossResidencies",
          "warning",
        );
      }
    }
  }
}

export const dataStores: Rule = {
  id: "data-stores",
  title: "data stores fit their consumers, their topics and their jurisdiction",
  requires: ["shape", "environments", "needs-known"],
  check(c) {
    const { catalog } = c;
    let stores = 0;
    const bus = c.entryNames.find((n) => catalog.entries[n]!.kind === "kafka");
    for (const n of c.entryNames) {
      const e = catalog.entries[n]!;
      const rule = ENGINE_VERSION[e.kind];
      if (e.store) stores++;
      if (rule && e.store && !rule.re.test(e.store.engineVersion)) {
        c.add(
          `entries.${n}.store.engineVersion`,
          `"${e.store.engineVersion}" is not a ${e.kind} version the data layer accepts`,
          `pin it like "${rule.example}"`,
        );
      }
      if (e.kind === "postgres") checkPostgres(c, n, e);
      if (e.store?.topics && e.kind !== "kafka")
        c.add(
          `entries.${n}.store.topics`,
          "only the event bus has topics",
          "move the topics to the kafka entry",
        );
      if (e.kind === "search") {
        for (const en of c.placements.get(n) ?? []) {
          const domain = `${en}-${n}`;
          if (domain.length > MAX_SEARCH_DOMAIN_NAME) {
            c.add(
              `entries.${n}`,
              `its OpenSearch domain in ${en}, "${domain}", has ${domain.length} characters (AWS allows ${MAX_SEARCH_DOMAIN_NAME})`,
              "shorten the entry's name",
            );
          }
        }
      }
      const objectStores = (e.needs ?? []).filter((d) => catalog.entries[d]?.kind === "object-store");
      if (objectStores.length && !e.objectAccess) {
        c.add(
          `entries.${n}.objectAccess`,
          `needs ${objectStores.join(", ")} but does not say what it may do there`,
          'set objectAccess: "read" or "read-write"',
        );
      }
      if (!objectStores.length && e.objectAccess) {
        c.add(
          `entries.${n}.objectAccess`,
          "is set but the entry needs no object store",
          "remove it, or add the object store to needs",
        );
      }
    }
    checkTopics(c, bus);
    checkRegions(c, catalog);
    checkResidency(c);
    return `${stores} stores, ${Object.keys((bus && catalog.entries[bus]!.store?.topics) || {}).length} topics, ${Object.keys(catalog.regions).length} regions`;
  },
};
