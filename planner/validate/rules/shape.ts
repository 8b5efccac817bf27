/** Kinds, protocols, tiers, roles and field types: what the rest of validation relies on. */
import { ENTRY_KINDS, PROTOCOLS, TIERS } from "../../../config/types";
import { STORE_KINDS } from "../../kinds";
import type { Rule } from "../types";

export const shape: Rule = {
  id: "shape",
  title: "catalog shape: kinds, protocols, tiers, field types",
  check(c) {
    const { catalog } = c;
    const kinds = new Set<string>(ENTRY_KINDS);
    const protocols = new Set<string>(PROTOCOLS);
    const oneOf = (values: readonly string[]) => `use one of ${values.join(", ")}`;
    for (const n of c.entryNames) {
      const e = catalog.entries[n]!;
      const p = `entries.${n}`;
      if (!kinds.has(e.kind)) c.add(`${p}.kind`, `unknown kind "${e.kind}"`, oneOf(ENTRY_KINDS));
      if (!protocols.has(e.protocol))
        c.add(`${p}.protocol`, `unknown protocol "${e.protocol}"`, oneOf(PROTOCOLS));
      for (const x of e.extraPorts ?? []) {
        if (!protocols.has(x.protocol)) {
          c.add(`${p}.extraPorts.${x.name}`, `unknown protocol "${x.protocol}"`, oneOf(PROTOCOLS));
        }
      }
      if (typeof e.description !== "string" || !e.description.trim()) {
        c.add(`${p}.description`, "is missing", "say in one line what the entry does");
      }
      if (typeof e.owner !== "string" || !/^team-[a-z0-9-]+$/.test(e.owner)) {
        c.add(`${p}.owner`, `"${e.owner}" is not a team`, 'name the owning team as "team-<name>"');
      }
      if (e.expose !== undefined && e.expose !== "public" && e.expose !== "cluster") {
        c.add(`${p}.expose`, `unknown exposure "${String(e.expose)}"`, 'use "public" or "cluster"');
      }
      const pl = e.placement as unknown;
      if (!(
        pl === "regional" ||
        pl === "shared" ||
        (Array.isArray(pl) && pl.every((x) => typeof x === "string"))
      )) {
        c.add(
          `${p}.placement`,
          `invalid placement ${JSON.stringify(pl)}`,
          'use "regional", "shared" or a list of environments',
        );
      }
      if (e.needs !== undefined && !(Array.isArray(e.needs) && e.needs.every((x) => typeof x === "string"))) {
        c.add(`${p}.needs`, "must be a list of entry names", "write needs as an array of entry names");
      }
      if (STORE_KINDS.has(e.kind) && !e.store) {
        c.add(
          `${p}.store`,
          `a ${e.kind} entry has no store settings`,
          "add store: engine version, sizing per tier, encryption, backups",
        );
      }
      if (e.store && !e.store.encrypted) {
        c.add(`${p}.store.encrypted`, "data at rest is not encrypted", "set store.encrypted: true");
      }
    }
    const tiers = new Set<string>(TIERS);
    for (const en of c.envNames) {
      const env = catalog.environments[en]!;
      const p = `environments.${en}`;
      if (!tiers.has(env.tier)) c.add(`${p}.tier`, `unknown tier "${env.tier}"`, oneOf(TIERS));
      if (env.role !== "regional" && env.role !== "shared") {
        c.add(`${p}.role`, `unknown role "${String(env.role)}"`, 'use "regional" or "shared"');
      }
      if (!Number.isInteger(env.replicas) || env.replicas < 1) {
        c.add(
          `${p}.replicas`,
          `must be a whole number ≥ 1 (got ${env.replicas})`,
          "set replicas to 1 or more",
        );
      }
      if (env.dbPool !== undefined && (!Number.isInteger(env.dbPool) || env.dbPool < 1)) {
        c.add(
          `${p}.dbPool`,
          `must be a whole number ≥ 1 (got ${env.dbPool})`,
          "set dbPool to 1 or more, or leave it out",
        );
      }
    }
    return `${c.entryNames.length} entries, ${c.envNames.length} environments`;
  },
};
