/**
 * What the schema cannot say about an entry's shape: a data store carries its store settings,
 * and they encrypt its data at rest. (Field types, enumerations and ranges are the schema's.)
 */
import { STORE_KINDS } from "../../kinds";
import type { Rule } from "../types";

export const shape: Rule = {
  id: "shape",
  title: "every data store has store settings, and encrypts its data at rest",
  check(c) {
    const { catalog } = c;
    let stores = 0;
    for (const n of c.entryNames) {
      const e = catalog.entries[n]!;
      const p = `entries.${n}`;
      if (STORE_KINDS.has(e.kind)) stores++;
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
    return `${c.entryNames.length} entries, ${stores} data stores, ${c.envNames.length} environments`;
  },
};
