/** The environment variables derived for every workload are unique and resolvable. */
import type { EntrySpec } from "../../../config/types";
import { deriveEnv, resolveTemplate } from "../../env-vars";
import { hostingOf } from "../../kinds";
import type { Rule } from "../types";

const deployed = (e: EntrySpec) => hostingOf(e) === "deployment";

export const envVars: Rule = {
  id: "env-vars",
  title: "derived environment variables are unique and resolvable",
  // Deriving variables follows needs and secret references: it needs them sound first.
  requires: ["shape", "environments", "needs-known", "secrets"],
  check(c) {
    const { catalog } = c;
    let count = 0;
    for (const n of c.entryNames) {
      const e = catalog.entries[n]!;
      for (const en of c.placements.get(n) ?? []) {
        if (!Object.hasOwn(catalog.environments, en)) continue;
        if (deployed(e)) {
          const { vars, problems } = deriveEnv(catalog, n, en);
          count += vars.length;
          for (const p of problems) {
            c.add(
              `entries.${n}.env.${p.name}`,
              `in ${en}: ${p.message}`,
              "rename one of them, or drop the duplicate dependency",
            );
          }
          continue;
        }
        // Templates of entries that are not workloads still have to resolve.
        for (const [k, v] of Object.entries(e.env ?? {})) {
          const problems: string[] = [];
          resolveTemplate(v, en, catalog, problems);
          for (const m of problems)
            c.add(`entries.${n}.env.${k}`, `in ${en}: ${m}`, "name a public entry placed there");
        }
      }
    }
    return `${count} variables of deployed workloads`;
  },
};
