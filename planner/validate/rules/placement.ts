/** Every dependency runs where its dependent runs, or the call is declared cross-environment. */
import { suggest } from "../../naming";
import type { Rule } from "../types";

export const placement: Rule = {
  id: "placement",
  title: "every dependency runs in its dependent's environment (or is declared cross-environment)",
  check(c) {
    const { catalog } = c;
    let pairs = 0;
    const unknownEnvironment = (path: string, en: string) => {
      const s = suggest(en, c.envNames);
      c.add(
        path,
        `unknown environment "${en}"`,
        s ? `did you mean "${s}"?` : `use one of ${c.envNames.join(", ")}`,
      );
    };
    for (const n of c.entryNames) {
      const e = catalog.entries[n]!;
      const envs = c.placements.get(n) ?? [];
      if (Array.isArray(e.placement)) {
        for (const en of e.placement as readonly string[])
          if (!Object.hasOwn(catalog.environments, en)) unknownEnvironment(`entries.${n}.placement`, en);
      }
      if (envs.filter((x) => Object.hasOwn(catalog.environments, x)).length === 0) {
        c.add(
          `entries.${n}.placement`,
          "runs in no environment",
          'place it ("regional", "shared" or a list of environments) or remove it',
        );
      }
      for (const d of Array.isArray(e.needs) ? (e.needs as readonly string[]) : []) {
        const target = catalog.entries[d];
        if (!target || d === n) continue;
        const there = new Set(c.placements.get(d) ?? []);
        const missing = envs.filter((en) => Object.hasOwn(catalog.environments, en) && !there.has(en));
        pairs += envs.length;
        if (missing.length) {
          c.add(
            `entries.${n}.needs`,
            `"${d}" is not placed in ${missing.join(", ")}, where ${n} runs`,
            `place "${d}" there too, or declare the call in ${n}.crossEnvironmentNeeds with a reason`,
          );
        }
      }
      for (const x of e.crossEnvironmentNeeds ?? []) {
        const target = catalog.entries[x.entry];
        const path = `entries.${n}.crossEnvironmentNeeds.${x.entry}`;
        if (!x.reason?.trim())
          c.add(path, "gives no reason", "say in one line why the call crosses environments");
        const production = (env: string) => catalog.environments[env]?.tier === "production";
        for (const en of x.environments) {
          // Production data never flows to or from another tier.
          const across = (c.placements.get(n) ?? []).filter(
            (from) =>
              from !== en &&
              Object.hasOwn(catalog.environments, en) &&
              Object.hasOwn(catalog.environments, from) &&
              production(from) !== production(en),
          );
          if (across.length)
            c.add(
              path,
              `reaches ${en} (${catalog.environments[en]!.tier}) from ${across.join(", ")} (${catalog.environments[across[0]!]!.tier}): production and non-production never call each other`,
              `place ${n} only in ${production(en) ? "production" : "non-production"} environments, or drop ${en}`,
            );
          if (!Object.hasOwn(catalog.environments, en)) unknownEnvironment(path, en);
          else if (target && !(c.placements.get(x.entry) ?? []).includes(en)) {
            c.add(
              path,
              `"${x.entry}" is not placed in ${en}`,
              `place "${x.entry}" in ${en} or drop ${en} from the list`,
            );
          }
        }
        if (target && !target.provides?.length) {
          c.add(
            path,
            `"${x.entry}" provides no connection to reach it across environments`,
            "only data stores with provides can be reached across environments",
          );
        }
      }
    }
    return `${pairs} dependency placements`;
  },
};
