/** Stateless production workloads survive a node loss (2 replicas) and a zone loss (3). */
import { hostingOf } from "../../kinds";
import type { Rule } from "../types";

export const replicas: Rule = {
  id: "replicas",
  title: "stateless production workloads run at least 2 replicas (3 to spread over zones)",
  check(c) {
    const { catalog } = c;
    let n = 0;
    for (const name of c.entryNames) {
      const e = catalog.entries[name]!;
      if (hostingOf(e) !== "deployment") continue;
      for (const en of c.placements.get(name) ?? []) {
        const env = catalog.environments[en];
        if (!env || env.tier !== "production") continue;
        n++;
        const count = e.replicas ?? env.replicas;
        const zones = catalog.clusters[env.cluster]?.zones.length ?? 0;
        if (count < 2) {
          c.add(
            `entries.${name}.replicas`,
            `runs ${count} replica in production (${en})`,
            "run at least 2 (3 to spread over zones): raise the environment's or the entry's replicas",
          );
        } else if (count < 3 && zones >= 3) {
          c.add(
            `entries.${name}.replicas`,
            `runs ${count} replicas in ${en}, fewer than its cluster's ${zones} zones`,
            "run 3 or more to survive a zone outage",
            "warning",
          );
        }
      }
    }
    return `${n} production workload placements`;
  },
};
