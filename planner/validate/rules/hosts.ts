/** Public hosts are unique across every environment and region; public entries have a subdomain. */
import { publicHost, sorted } from "../../naming";
import type { Rule } from "../types";

export const hostsUnique: Rule = {
  id: "hosts-unique",
  title: "public hosts unique across all environments and regions",
  check(c) {
    const { catalog } = c;
    const owners = new Map<string, string[]>();
    for (const n of c.entryNames) {
      const e = catalog.entries[n]!;
      if (e.expose === "public" && !e.subdomain) {
        c.add(
          `entries.${n}.subdomain`,
          "a public entry has no subdomain",
          'add subdomain (e.g. "api"), or set expose: "cluster"',
        );
        continue;
      }
      if (e.expose !== "public" && e.subdomain !== undefined) {
        c.add(
          `entries.${n}.subdomain`,
          "is set but the entry is not public",
          'set expose: "public" or remove the subdomain',
          "warning",
        );
      }
      if (e.expose !== "public" || !e.subdomain) continue;
      for (const en of c.placements.get(n) ?? []) {
        const env = catalog.environments[en];
        if (!env || !Object.hasOwn(catalog.regions, env.region)) continue;
        const host = publicHost(e.subdomain, env, catalog);
        owners.set(host, [...(owners.get(host) ?? []), `${n} in ${en}`]);
      }
    }
    for (const [host, list] of sorted(owners, ([h]) => h)) {
      if (list.length > 1) {
        c.add(
          `host ${host}`,
          `is claimed ${list.length} times: ${list.join(", ")}`,
          "give one of them another subdomain, or give its environment another tier or region",
        );
      }
    }
    return `${owners.size} public hosts`;
  },
};
