/** Every stack settings file matches an environment, and every environment has one. */
import { sorted, suggest } from "../../naming";
import type { Rule } from "../types";

export const stackFiles: Rule = {
  id: "stack-files",
  title: "every stack settings file matches an environment and every environment has one",
  check(c) {
    const given = c.options.stackFiles;
    if (!given) return "not checked (no project directory given)";
    const files = new Set(given);
    for (const f of sorted(files)) {
      if (!c.envNames.includes(f)) {
        const s = suggest(f, c.envNames);
        c.add(
          `Pulumi.${f}.yaml`,
          `matches no environment`,
          s ? `rename it to Pulumi.${s}.yaml?` : `add environment "${f}" to the catalog or delete the file`,
        );
      }
    }
    for (const en of c.envNames) {
      if (!files.has(en)) {
        c.add(
          `environments.${en}`,
          `has no stack settings file Pulumi.${en}.yaml`,
          `create Pulumi.${en}.yaml from config/stack-settings.template.yaml`,
        );
      }
    }
    return `${files.size} stack files, ${c.envNames.length} environments`;
  },
};
