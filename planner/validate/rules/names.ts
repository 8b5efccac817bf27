/** Names, subdomains, paths and hosts are what DNS and Kubernetes accept. */
import { isDnsLabel, isDnsName, MAX_HOST_LENGTH, publicHost } from "../../naming";
import type { Rule } from "../types";

export const names: Rule = {
  id: "names",
  title: "names and subdomains are DNS labels (RFC 1123, at most 63), hosts at most 253",
  check(c) {
    const { catalog } = c;
    const label = (path: string, what: string, v: string) => {
      if (isDnsLabel(v)) return;
      const example =
        v
          .toLowerCase()
          .replace(/[^a-z0-9-]+/g, "-")
          .replace(/^-+|-+$/g, "")
          .slice(0, 63) || "x";
      c.add(
        path,
        `${what} "${v}" is not a DNS label (RFC 1123: a-z, 0-9 and '-', at most 63 characters, no leading or trailing '-')`,
        `rename it, e.g. "${example}"`,
      );
    };
    for (const n of c.entryNames) {
      label(`entries.${n}`, "entry name", n);
      const e = catalog.entries[n]!;
      if (e.subdomain !== undefined) label(`entries.${n}.subdomain`, "subdomain", e.subdomain);
      if (e.path !== undefined && !/^\/[A-Za-z0-9._~/-]*$/.test(e.path)) {
        c.add(`entries.${n}.path`, `"${e.path}" is not a URL path`, 'start it with "/", e.g. "/graphql"');
      }
    }
    for (const en of c.envNames) label(`environments.${en}`, "environment (namespace) name", en);
    for (const cl of Object.keys(catalog.clusters)) label(`clusters.${cl}`, "cluster name", cl);
    for (const [r, spec] of Object.entries(catalog.regions)) {
      label(`regions.${r}`, "region name", r);
      if (!isDnsName(spec.domain) || !spec.domain.includes(".")) {
        c.add(
          `regions.${r}.domain`,
          `"${spec.domain}" is not a domain name`,
          'use a registered domain such as "example.eu"',
        );
      }
    }
    let hosts = 0;
    for (const n of c.entryNames) {
      const e = catalog.entries[n]!;
      if (e.expose !== "public" || !e.subdomain) continue;
      for (const en of c.placements.get(n) ?? []) {
        const env = catalog.environments[en];
        if (!env || !Object.hasOwn(catalog.regions, env.region)) continue;
        const host = publicHost(e.subdomain, env, catalog);
        hosts++;
        if (host.length > MAX_HOST_LENGTH) {
          c.add(
            `entries.${n}.subdomain`,
            `host ${host} in ${en} has ${host.length} characters (at most ${MAX_HOST_LENGTH})`,
            "shorten the subdomain",
          );
        }
      }
    }
    return `${c.entryNames.length} entry names, ${c.envNames.length} namespaces, ${hosts} hosts`;
  },
};
