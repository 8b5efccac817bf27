/**
 * The dependency graph: every dependency and route names an entry, no entry depends on itself,
 * and `needs` has no cycle. Three rules over one graph.
 */
import type { EntrySpec } from "../../../config/types";
import { findCycles } from "../../graph";
import { hostingOf } from "../../kinds";
import { suggest } from "../../naming";
import type { Rule, RuleContext } from "../types";

/** The entry's needs; a malformed value (a JSON catalog's) counts as none here: `shape` reports it. */
const needsOf = (e: EntrySpec): readonly string[] =>
  Array.isArray(e.needs) ? (e.needs as readonly string[]) : [];

function dependencyCount(c: RuleContext): number {
  return c.entryNames.reduce((n, name) => n + needsOf(c.catalog.entries[name]!).length, 0);
}

export const needsKnown: Rule = {
  id: "needs-known",
  title: "every dependency and route names an entry",
  check(c) {
    const { catalog } = c;
    const known = new Set(c.entryNames);
    const unknown = (path: string, target: string, otherwise: string) => {
      const s = suggest(target, known);
      c.add(path, `"${target}" is not an entry`, s ? `did you mean "${s}"?` : otherwise);
    };
    for (const n of c.entryNames) {
      const e = catalog.entries[n]!;
      const needs = needsOf(e);
      const seen = new Set<string>();
      for (const d of needs) {
        if (seen.has(d)) c.add(`entries.${n}.needs`, `"${d}" is listed twice`, `remove the second "${d}"`);
        seen.add(d);
        if (d !== n && !known.has(d))
          unknown(`entries.${n}.needs`, d, `add an entry "${d}" or remove it from needs`);
      }
      for (const [path, target] of Object.entries(e.routes ?? {})) {
        if (!known.has(target)) unknown(`entries.${n}.routes.${path}`, target, "route to an existing entry");
        else if (!needs.includes(target)) {
          c.add(
            `entries.${n}.routes.${path}`,
            `routes to "${target}", which is not in needs`,
            `add "${target}" to needs (that grants the network path)`,
          );
        }
      }
      if (hostingOf(e) === "gateway") {
        const routed = new Set(Object.values(e.routes ?? {}));
        for (const d of needs) {
          if (known.has(d) && !routed.has(d)) {
            c.add(
              `entries.${n}.routes`,
              `the gateway needs "${d}" but routes no path to it`,
              `add a route such as "/v1/${d.replace(/-service$/, "")}": "${d}"`,
            );
          }
        }
      }
      for (const x of e.crossEnvironmentNeeds ?? []) {
        if (!known.has(x.entry))
          unknown(`entries.${n}.crossEnvironmentNeeds`, x.entry, "name an existing entry");
      }
    }
    return `${dependencyCount(c)} dependencies of ${c.entryNames.length} entries`;
  },
};

export const needsSelf: Rule = {
  id: "needs-self",
  title: "no entry depends on itself",
  check(c) {
    for (const n of c.entryNames) {
      if (needsOf(c.catalog.entries[n]!).includes(n)) {
        c.add(`entries.${n}.needs`, `"${n}" depends on itself`, `remove "${n}" from its own needs`);
      }
    }
    return `${dependencyCount(c)} dependencies`;
  },
};

export const needsAcyclic: Rule = {
  id: "needs-acyclic",
  title: "no dependency cycles",
  check(c) {
    const known = new Set(c.entryNames);
    const graph: Record<string, string[]> = {};
    for (const n of c.entryNames)
      graph[n] = needsOf(c.catalog.entries[n]!).filter((d) => d !== n && known.has(d));
    for (const cycle of findCycles(graph)) {
      c.add(
        `entries.${cycle[0]}.needs`,
        `dependency cycle ${cycle.join(" -> ")}`,
        "remove one of these needs, or make that call asynchronous through event-bus",
      );
    }
    return `${c.entryNames.length} entries, ${dependencyCount(c)} dependencies`;
  },
};
