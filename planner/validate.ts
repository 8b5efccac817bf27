/**
 * Catalog validation: every rule runs, every problem is collected, each names the entry (or
 * environment, cluster, region), the field and the fix. Nothing is registered unless the report
 * has no errors. Each rule also says what it checked, so the plan prints computed checks only.
 */
import {
  ENTRY_KINDS,
  PROTOCOLS,
  TIERS,
  type Catalog,
  type EntrySpec,
} from "../config/types";
import { deriveEnv, resolveTemplate } from "./env-vars";
import { findCycles } from "./graph";
import { hostingOf, STORE_KINDS } from "./kinds";
import { isDnsLabel, isDnsName, MAX_HOST_LENGTH, publicHost, sorted, suggest } from "./naming";
import { environmentsOnCluster, placementOf } from "./placement";
import { cpuMillis, memoryBytes } from "./k8s/quantity";
import { isPlaceholderRef, parseSecretRef, SECRET_LIKE_ENV } from "./secrets";

export type Severity = "error" | "warning";

export interface Problem {
  rule: RuleId;
  severity: Severity;
  /** Where: `entries.auth-service.needs`, `environments.us-prod.cluster`, `stack files`. */
  path: string;
  message: string;
  fix: string;
}

export interface CheckResult {
  rule: RuleId;
  title: string;
  /** What was examined, computed (e.g. "53 entries, 131 dependencies"). */
  checked: string;
  errors: number;
  warnings: number;
}

export interface ValidationReport {
  problems: Problem[];
  checks: CheckResult[];
  ok: boolean;
}

export interface ValidateOptions {
  /** Stack names of the `Pulumi.<stack>.yaml` files beside `Pulumi.yaml`; omit to skip that rule. */
  stackFiles?: readonly string[];
}

export const RULES = {
  shape: "catalog shape: kinds, protocols, tiers, field types",
  environments: "environments name a known region and cluster; one add-on owner per cluster",
  names: "names and subdomains are DNS labels (RFC 1123, at most 63), hosts at most 253",
  "needs-known": "every dependency and route names an entry",
  "needs-self": "no entry depends on itself",
  "needs-acyclic": "no dependency cycles",
  placement: "every dependency runs in its dependent's environment (or is declared cross-environment)",
  "hosts-unique": "public hosts unique across all environments and regions",
  tls: "every public host has TLS; custom certificates are declared and delivered from Vault",
  secrets: "secrets come from Vault paths; none is a placeholder in production; no credential in plain env",
  "env-vars": "derived environment variables are unique and resolvable",
  replicas: "stateless production workloads run at least 2 replicas (3 to spread over zones)",
  ports: "ports in range, unique within a workload, known protocol",
  workloads: "workloads have a pinned image, valid requests within limits, and health endpoints",
  "stack-files": "every stack settings file matches an environment and every environment has one",
} as const;
export type RuleId = keyof typeof RULES;

interface Ctx {
  catalog: Catalog;
  entryNames: string[];
  envNames: string[];
  placements: Map<string, string[]>;
  add(rule: RuleId, path: string, message: string, fix: string, severity?: Severity): void;
  checked: Partial<Record<RuleId, string>>;
}

const DEPLOYED = (e: EntrySpec) => hostingOf(e) === "deployment";

function ruleShape(c: Ctx): void {
  const { catalog } = c;
  const kinds = new Set<string>(ENTRY_KINDS);
  const protocols = new Set<string>(PROTOCOLS);
  for (const n of c.entryNames) {
    const e = catalog.entries[n]!;
    const p = `entries.${n}`;
    if (!kinds.has(e.kind)) {
      c.add("shape", `${p}.kind`, `unknown kind "${e.kind}"`, `use one of ${ENTRY_KINDS.join(", ")}`);
    }
    if (!protocols.has(e.protocol)) {
      c.add("shape", `${p}.protocol`, `unknown protocol "${e.protocol}"`, `use one of ${PROTOCOLS.join(", ")}`);
    }
    for (const x of e.extraPorts ?? []) {
      if (!protocols.has(x.protocol)) {
        c.add("shape", `${p}.extraPorts.${x.name}`, `unknown protocol "${x.protocol}"`, `use one of ${PROTOCOLS.join(", ")}`);
      }
    }
    if (typeof e.description !== "string" || !e.description.trim()) {
      c.add("shape", `${p}.description`, "is missing", "say in one line what the entry does");
    }
    if (typeof e.owner !== "string" || !/^team-[a-z0-9-]+$/.test(e.owner)) {
      c.add("shape", `${p}.owner`, `"${e.owner}" is not a team`, 'name the owning team as "team-<name>"');
    }
    if (e.expose !== undefined && e.expose !== "public" && e.expose !== "cluster") {
      c.add("shape", `${p}.expose`, `unknown exposure "${String(e.expose)}"`, 'use "public" or "cluster"');
    }
    const pl = e.placement as unknown;
    if (!(pl === "regional" || pl === "shared" || (Array.isArray(pl) && pl.every((x) => typeof x === "string")))) {
      c.add("shape", `${p}.placement`, `invalid placement ${JSON.stringify(pl)}`, 'use "regional", "shared" or a list of environments');
    }
    if (e.needs !== undefined && !(Array.isArray(e.needs) && e.needs.every((x) => typeof x === "string"))) {
      c.add("shape", `${p}.needs`, "must be a list of entry names", "write needs as an array of entry names");
    }
    if (STORE_KINDS.has(e.kind) && !e.store) {
      c.add("shape", `${p}.store`, `a ${e.kind} entry has no store settings`, "add store: engine version, sizing per tier, encryption, backups");
    }
    if (e.store && !e.store.encrypted) {
      c.add("shape", `${p}.store.encrypted`, "data at rest is not encrypted", "set store.encrypted: true");
    }
  }
  const tiers = new Set<string>(TIERS);
  for (const en of c.envNames) {
    const env = catalog.environments[en]!;
    if (!tiers.has(env.tier)) {
      c.add("shape", `environments.${en}.tier`, `unknown tier "${env.tier}"`, `use one of ${TIERS.join(", ")}`);
    }
    if (env.role !== "regional" && env.role !== "shared") {
      c.add("shape", `environments.${en}.role`, `unknown role "${String(env.role)}"`, 'use "regional" or "shared"');
    }
    if (!Number.isInteger(env.replicas) || env.replicas < 1) {
      c.add("shape", `environments.${en}.replicas`, `must be a whole number ≥ 1 (got ${env.replicas})`, "set replicas to 1 or more");
    }
    if (env.dbPool !== undefined && (!Number.isInteger(env.dbPool) || env.dbPool < 1)) {
      c.add("shape", `environments.${en}.dbPool`, `must be a whole number ≥ 1 (got ${env.dbPool})`, "set dbPool to 1 or more, or leave it out");
    }
  }
  c.checked.shape = `${c.entryNames.length} entries, ${c.envNames.length} environments`;
}

function ruleEnvironments(c: Ctx): void {
  const { catalog } = c;
  for (const en of c.envNames) {
    const env = catalog.environments[en]!;
    if (!(env.region in catalog.regions)) {
      const s = suggest(env.region, Object.keys(catalog.regions));
      c.add("environments", `environments.${en}.region`, `unknown region "${env.region}"`, s ? `did you mean "${s}"?` : `add region "${env.region}" to regions, with its domain`);
    }
    if (!(env.cluster in catalog.clusters)) {
      const s = suggest(env.cluster, Object.keys(catalog.clusters));
      c.add("environments", `environments.${en}.cluster`, `unknown cluster "${env.cluster}"`, s ? `did you mean "${s}"?` : `add cluster "${env.cluster}" to clusters`);
    }
  }
  const clusters = Object.keys(catalog.clusters);
  for (const cl of clusters) {
    const spec = catalog.clusters[cl]!;
    const onCluster = environmentsOnCluster(cl, catalog);
    if (onCluster.length === 0) {
      c.add("environments", `clusters.${cl}`, "hosts no environment", `place an environment on ${cl} or remove the cluster`, "warning");
    } else if (!onCluster.includes(spec.addonOwner)) {
      c.add(
        "environments",
        `clusters.${cl}.addonOwner`,
        `"${spec.addonOwner}" is not an environment on ${cl} (those are ${onCluster.join(", ")})`,
        `set addonOwner to exactly one of ${onCluster.join(", ")}`,
      );
    }
    if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(spec.apiServer)) {
      c.add("environments", `clusters.${cl}.apiServer`, `"${spec.apiServer}" is not an https address`, "use https://<host>:<port>");
    }
    if (!Array.isArray(spec.zones) || spec.zones.length === 0) {
      c.add("environments", `clusters.${cl}.zones`, "lists no availability zone", "list the zones of the cluster's nodes");
    }
  }
  c.checked.environments = `${c.envNames.length} environments on ${clusters.length} clusters in ${Object.keys(catalog.regions).length} regions`;
}

function ruleNames(c: Ctx): void {
  const { catalog } = c;
  const label = (path: string, what: string, v: string) => {
    if (!isDnsLabel(v)) {
      c.add("names", path, `${what} "${v}" is not a DNS label (RFC 1123: a-z, 0-9 and '-', at most 63 characters, no leading or trailing '-')`, `rename it, e.g. "${v.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63) || "x"}"`);
    }
  };
  for (const n of c.entryNames) {
    label(`entries.${n}`, "entry name", n);
    const e = catalog.entries[n]!;
    if (e.subdomain !== undefined) label(`entries.${n}.subdomain`, "subdomain", e.subdomain);
    if (e.path !== undefined && !/^\/[A-Za-z0-9._~\/-]*$/.test(e.path)) {
      c.add("names", `entries.${n}.path`, `"${e.path}" is not a URL path`, 'start it with "/", e.g. "/graphql"');
    }
  }
  for (const en of c.envNames) label(`environments.${en}`, "environment (namespace) name", en);
  for (const cl of Object.keys(catalog.clusters)) label(`clusters.${cl}`, "cluster name", cl);
  for (const [r, spec] of Object.entries(catalog.regions)) {
    label(`regions.${r}`, "region name", r);
    if (!isDnsName(spec.domain) || !spec.domain.includes(".")) {
      c.add("names", `regions.${r}.domain`, `"${spec.domain}" is not a domain name`, 'use a registered domain such as "example.eu"');
    }
  }
  let hosts = 0;
  for (const n of c.entryNames) {
    const e = catalog.entries[n]!;
    if (e.expose !== "public" || !e.subdomain) continue;
    for (const en of c.placements.get(n) ?? []) {
      const env = catalog.environments[en];
      if (!env || !(env.region in catalog.regions)) continue;
      const host = publicHost(e.subdomain, env, catalog);
      hosts++;
      if (host.length > MAX_HOST_LENGTH) {
        c.add("names", `entries.${n}.subdomain`, `host ${host} in ${en} has ${host.length} characters (at most ${MAX_HOST_LENGTH})`, "shorten the subdomain");
      }
    }
  }
  c.checked.names = `${c.entryNames.length} entry names, ${c.envNames.length} namespaces, ${hosts} hosts`;
}

function ruleNeeds(c: Ctx): void {
  const { catalog } = c;
  let edges = 0;
  const known = new Set(c.entryNames);
  const graph: Record<string, string[]> = {};
  for (const n of c.entryNames) {
    const e = catalog.entries[n]!;
    const needs = Array.isArray(e.needs) ? e.needs : [];
    graph[n] = [];
    const seen = new Set<string>();
    for (const d of needs) {
      edges++;
      if (seen.has(d)) {
        c.add("needs-known", `entries.${n}.needs`, `"${d}" is listed twice`, `remove the second "${d}"`);
      }
      seen.add(d);
      if (d === n) {
        c.add("needs-self", `entries.${n}.needs`, `"${n}" depends on itself`, `remove "${n}" from its own needs`);
        continue;
      }
      if (!known.has(d)) {
        const s = suggest(d, known);
        c.add("needs-known", `entries.${n}.needs`, `"${d}" is not an entry`, s ? `did you mean "${s}"?` : `add an entry "${d}" or remove it from needs`);
        continue;
      }
      graph[n]!.push(d);
    }
    for (const [path, target] of Object.entries(e.routes ?? {})) {
      if (!known.has(target)) {
        const s = suggest(target, known);
        c.add("needs-known", `entries.${n}.routes.${path}`, `"${target}" is not an entry`, s ? `did you mean "${s}"?` : "route to an existing entry");
      } else if (!needs.includes(target)) {
        c.add("needs-known", `entries.${n}.routes.${path}`, `routes to "${target}", which is not in needs`, `add "${target}" to needs (that grants the network path)`);
      }
    }
    if (hostingOf(e) === "gateway") {
      const routed = new Set(Object.values(e.routes ?? {}));
      for (const d of needs) {
        if (known.has(d) && !routed.has(d)) {
          c.add("needs-known", `entries.${n}.routes`, `the gateway needs "${d}" but routes no path to it`, `add a route such as "/v1/${d.replace(/-service$/, "")}": "${d}"`);
        }
      }
    }
    for (const x of e.crossEnvironmentNeeds ?? []) {
      if (!known.has(x.entry)) {
        const s = suggest(x.entry, known);
        c.add("needs-known", `entries.${n}.crossEnvironmentNeeds`, `"${x.entry}" is not an entry`, s ? `did you mean "${s}"?` : "name an existing entry");
      }
    }
  }
  for (const cycle of findCycles(graph)) {
    c.add(
      "needs-acyclic",
      `entries.${cycle[0]}.needs`,
      `dependency cycle ${cycle.join(" -> ")}`,
      "remove one of these needs, or make that call asynchronous through event-bus",
    );
  }
  c.checked["needs-known"] = `${edges} dependencies of ${c.entryNames.length} entries`;
  c.checked["needs-self"] = `${edges} dependencies`;
  c.checked["needs-acyclic"] = `${c.entryNames.length} entries, ${edges} dependencies`;
}

function rulePlacement(c: Ctx): void {
  const { catalog } = c;
  let pairs = 0;
  for (const n of c.entryNames) {
    const e = catalog.entries[n]!;
    const envs = c.placements.get(n) ?? [];
    if (Array.isArray(e.placement)) {
      for (const en of e.placement) {
        if (!(en in catalog.environments)) {
          const s = suggest(en, c.envNames);
          c.add("placement", `entries.${n}.placement`, `unknown environment "${en}"`, s ? `did you mean "${s}"?` : `use one of ${c.envNames.join(", ")}`);
        }
      }
    }
    if (envs.filter((x) => x in catalog.environments).length === 0) {
      c.add("placement", `entries.${n}.placement`, "runs in no environment", 'place it ("regional", "shared" or a list of environments) or remove it');
    }
    for (const d of Array.isArray(e.needs) ? e.needs : []) {
      const target = catalog.entries[d];
      if (!target || d === n) continue;
      const there = new Set(c.placements.get(d) ?? []);
      const missing = envs.filter((en) => en in catalog.environments && !there.has(en));
      pairs += envs.length;
      if (missing.length) {
        c.add(
          "placement",
          `entries.${n}.needs`,
          `"${d}" is not placed in ${missing.join(", ")}, where ${n} runs`,
          `place "${d}" there too, or declare the call in ${n}.crossEnvironmentNeeds with a reason`,
        );
      }
    }
    for (const x of e.crossEnvironmentNeeds ?? []) {
      const target = catalog.entries[x.entry];
      if (!x.reason?.trim()) {
        c.add("placement", `entries.${n}.crossEnvironmentNeeds.${x.entry}`, "gives no reason", "say in one line why the call crosses environments");
      }
      for (const en of x.environments) {
        if (!(en in catalog.environments)) {
          const s = suggest(en, c.envNames);
          c.add("placement", `entries.${n}.crossEnvironmentNeeds.${x.entry}`, `unknown environment "${en}"`, s ? `did you mean "${s}"?` : `use one of ${c.envNames.join(", ")}`);
        } else if (target && !(c.placements.get(x.entry) ?? []).includes(en)) {
          c.add("placement", `entries.${n}.crossEnvironmentNeeds.${x.entry}`, `"${x.entry}" is not placed in ${en}`, `place "${x.entry}" in ${en} or drop ${en} from the list`);
        }
      }
      if (target && !target.provides?.length) {
        c.add("placement", `entries.${n}.crossEnvironmentNeeds.${x.entry}`, `"${x.entry}" provides no connection to reach it across environments`, "only data stores with provides can be reached across environments");
      }
    }
  }
  c.checked.placement = `${pairs} dependency placements`;
}

function ruleHosts(c: Ctx): void {
  const { catalog } = c;
  const owners = new Map<string, string[]>();
  for (const n of c.entryNames) {
    const e = catalog.entries[n]!;
    if (e.expose === "public" && !e.subdomain) {
      c.add("hosts-unique", `entries.${n}.subdomain`, "a public entry has no subdomain", 'add subdomain (e.g. "api"), or set expose: "cluster"');
      continue;
    }
    if (e.expose !== "public" && e.subdomain !== undefined) {
      c.add("hosts-unique", `entries.${n}.subdomain`, "is set but the entry is not public", 'set expose: "public" or remove the subdomain', "warning");
    }
    if (e.expose !== "public" || !e.subdomain) continue;
    for (const en of c.placements.get(n) ?? []) {
      const env = catalog.environments[en];
      if (!env || !(env.region in catalog.regions)) continue;
      const host = publicHost(e.subdomain, env, catalog);
      owners.set(host, [...(owners.get(host) ?? []), `${n} in ${en}`]);
    }
  }
  for (const [host, list] of sorted(owners, ([h]) => h)) {
    if (list.length > 1) {
      c.add("hosts-unique", `host ${host}`, `is claimed ${list.length} times: ${list.join(", ")}`, "give one of them another subdomain, or give its environment another tier or region");
    }
  }
  c.checked["hosts-unique"] = `${owners.size} public hosts`;
}

function ruleTls(c: Ctx): void {
  const { catalog } = c;
  let n = 0;
  for (const name of c.entryNames) {
    const e = catalog.entries[name]!;
    if (e.expose !== "public") {
      if (e.tls) c.add("tls", `entries.${name}.tls`, "is set but the entry is not public", "remove tls", "warning");
      continue;
    }
    n++;
    const tls = e.tls as unknown as { mode?: string; certificate?: string; secretName?: string } | undefined;
    if (!tls) {
      c.add("tls", `entries.${name}.tls`, "a public host has no TLS policy", 'set tls: { mode: "letsencrypt" } or { mode: "custom", certificate: "<name>" }');
    } else if (tls.mode === "letsencrypt") {
      if (tls.certificate !== undefined || tls.secretName !== undefined) {
        c.add("tls", `entries.${name}.tls`, "letsencrypt names a certificate secret", "remove it: cert-manager creates and names the secret");
      }
    } else if (tls.mode === "custom") {
      if (!tls.certificate) {
        c.add("tls", `entries.${name}.tls.certificate`, "custom TLS names no certificate", `name one of ${Object.keys(catalog.certificates).join(", ") || "the certificates (none declared)"}`);
      } else if (!(tls.certificate in catalog.certificates)) {
        const s = suggest(tls.certificate, Object.keys(catalog.certificates));
        c.add("tls", `entries.${name}.tls.certificate`, `certificate "${tls.certificate}" is not declared`, s ? `did you mean "${s}"?` : `declare it in certificates with its Vault path`);
      }
    } else {
      c.add("tls", `entries.${name}.tls.mode`, `unknown TLS mode "${String(tls.mode)}"`, 'use "letsencrypt" or "custom"');
    }
  }
  for (const [cert, spec] of Object.entries(catalog.certificates)) {
    if (!isDnsLabel(cert)) c.add("tls", `certificates.${cert}`, "is not a valid Secret name", "use a DNS label");
    for (const field of ["certificate", "privateKey"] as const) {
      const ref = spec[field];
      if (!ref || !parseSecretRef(ref) || isPlaceholderRef(ref)) {
        c.add("tls", `certificates.${cert}.${field}`, `"${ref ?? ""}" is not a Vault reference`, `deliver the ${field === "certificate" ? "certificate chain" : "private key"} from Vault: secret://<name>/<key>`);
      }
    }
  }
  c.checked.tls = `${n} public entries, ${Object.keys(catalog.certificates).length} custom certificates`;
}

function ruleSecrets(c: Ctx): void {
  const { catalog } = c;
  let refs = 0;
  for (const n of c.entryNames) {
    const e = catalog.entries[n]!;
    const envs = c.placements.get(n) ?? [];
    const production = envs.filter((en) => catalog.environments[en]?.tier === "production");
    const check = (path: string, ref: string | undefined, what: string) => {
      refs++;
      if (ref === undefined || ref === "" || isPlaceholderRef(ref)) {
        c.add(
          "secrets",
          path,
          `${what} has ${ref ? `placeholder reference "${ref}"` : "no Vault reference"}${production.length ? ` and ${n} runs in production (${production.join(", ")})` : ""}`,
          "point it at the real Vault secret: secret://<name>/<key>",
          production.length ? "error" : "warning",
        );
      } else if (!parseSecretRef(ref)) {
        c.add("secrets", path, `${what}: "${ref}" is not a Vault reference`, "write it as secret://<name>/<key> (lower-case, digits, '-')");
      }
    };
    for (const s of e.secrets ?? []) {
      if (!/^[A-Z_][A-Z0-9_]*$/.test(s.env)) {
        c.add("secrets", `entries.${n}.secrets.${s.env}`, "is not an environment variable name", "use UPPER_SNAKE_CASE");
      }
      check(`entries.${n}.secrets.${s.env}`, s.ref, `secret ${s.env}`);
    }
    for (const p of e.provides ?? []) check(`entries.${n}.provides.${p.env}`, p.ref, `connection ${p.env}`);
    for (const [k, v] of Object.entries(e.env ?? {})) {
      if (!/^[A-Z_][A-Z0-9_]*$/.test(k)) {
        c.add("secrets", `entries.${n}.env.${k}`, "is not an environment variable name", "use UPPER_SNAKE_CASE");
      }
      if (SECRET_LIKE_ENV.test(k) && !k.startsWith("NEXT_PUBLIC_") && v !== "") {
        c.add("secrets", `entries.${n}.env.${k}`, "holds a credential in plain text", `move it to secrets: { env: "${k}", ref: "secret://<name>/<key>" }`);
      }
    }
  }
  c.checked.secrets = `${refs} Vault references`;
}

function ruleEnvVars(c: Ctx, blocked: boolean): void {
  const { catalog } = c;
  if (blocked) {
    c.checked["env-vars"] = "skipped until the dependency and secret errors above are fixed";
    return;
  }
  let count = 0;
  for (const n of c.entryNames) {
    const e = catalog.entries[n]!;
    if (!DEPLOYED(e)) continue;
    for (const en of c.placements.get(n) ?? []) {
      if (!(en in catalog.environments)) continue;
      const { vars, problems } = deriveEnv(catalog, n, en);
      count += vars.length;
      for (const p of problems) {
        c.add("env-vars", `entries.${n}.env.${p.name}`, `in ${en}: ${p.message}`, "rename one of them, or drop the duplicate dependency");
      }
    }
  }
  // Templates of entries that are not workloads still have to resolve.
  for (const n of c.entryNames) {
    const e = catalog.entries[n]!;
    if (DEPLOYED(e)) continue;
    for (const en of c.placements.get(n) ?? []) {
      if (!(en in catalog.environments)) continue;
      for (const [k, v] of Object.entries(e.env ?? {})) {
        const problems: string[] = [];
        resolveTemplate(v, en, catalog, problems);
        for (const m of problems) c.add("env-vars", `entries.${n}.env.${k}`, `in ${en}: ${m}`, "name a public entry placed there");
      }
    }
  }
  c.checked["env-vars"] = `${count} variables of deployed workloads`;
}

function ruleReplicas(c: Ctx): void {
  const { catalog } = c;
  let n = 0;
  for (const name of c.entryNames) {
    const e = catalog.entries[name]!;
    if (!DEPLOYED(e)) continue;
    for (const en of c.placements.get(name) ?? []) {
      const env = catalog.environments[en];
      if (!env || env.tier !== "production") continue;
      n++;
      const replicas = e.replicas ?? env.replicas;
      const zones = catalog.clusters[env.cluster]?.zones.length ?? 0;
      if (replicas < 2) {
        c.add("replicas", `entries.${name}.replicas`, `runs ${replicas} replica in production (${en})`, "run at least 2 (3 to spread over zones): raise the environment's or the entry's replicas");
      } else if (replicas < 3 && zones >= 3) {
        c.add("replicas", `entries.${name}.replicas`, `runs ${replicas} replicas in ${en}, fewer than its cluster's ${zones} zones`, "run 3 or more to survive a zone outage", "warning");
      }
    }
  }
  c.checked.replicas = `${n} production workload placements`;
}

function rulePorts(c: Ctx): void {
  const { catalog } = c;
  let n = 0;
  for (const name of c.entryNames) {
    const e = catalog.entries[name]!;
    const ports: { what: string; port: number }[] = [
      { what: "port", port: e.port },
      ...(e.extraPorts ?? []).map((x) => ({ what: `extraPorts.${x.name}`, port: x.port })),
      ...(e.metrics ? [{ what: "metrics.port", port: e.metrics.port }] : []),
    ];
    const byPort = new Map<number, string[]>();
    for (const p of ports) {
      n++;
      if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
        c.add("ports", `entries.${name}.${p.what}`, `${p.port} is not a port (1-65535)`, "use a port between 1 and 65535");
      }
      byPort.set(p.port, [...(byPort.get(p.port) ?? []), p.what]);
    }
    for (const [port, whats] of byPort) {
      if (whats.length > 1) {
        c.add("ports", `entries.${name}.${whats[1]}`, `port ${port} is used by ${whats.join(" and ")}`, "give each port of a workload its own number");
      }
    }
    const names = (e.extraPorts ?? []).map((x) => x.name);
    for (const pn of names) {
      if (!/^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(pn)) {
        c.add("ports", `entries.${name}.extraPorts.${pn}`, "is not a Kubernetes port name (at most 15 characters, a-z, 0-9, '-')", "shorten or rename it");
      }
    }
    if (DEPLOYED(e) && e.port < 1024) {
      c.add("ports", `entries.${name}.port`, `${e.port} is a privileged port; non-root containers cannot bind it`, "listen on a port of 1024 or above");
    }
  }
  c.checked.ports = `${n} ports`;
}

function ruleWorkloads(c: Ctx): void {
  const { catalog } = c;
  let n = 0;
  for (const name of c.entryNames) {
    const e = catalog.entries[name]!;
    if (!DEPLOYED(e)) continue;
    n++;
    const p = `entries.${name}`;
    if (!e.image?.repository || !e.image.tag) {
      c.add("workloads", `${p}.image`, "has no image", "set image: { repository, tag } with a release version");
    } else if (/^(latest|main|master|dev|stable)$/i.test(e.image.tag) || !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(@sha256:[0-9a-f]{64})?$/.test(e.image.tag)) {
      c.add("workloads", `${p}.image.tag`, `"${e.image.tag}" is not a pinned tag`, "use an immutable release version such as 1.4.2 (optionally with @sha256 digest)");
    }
    if (!e.resources) c.add("workloads", `${p}.resources`, "has no requests and limits", "set resources (cpu and memory request and limit)");
    else {
      for (const [what, parse, example] of [
        ["cpu", cpuMillis, "250m or 2"],
        ["memory", memoryBytes, "256Mi or 2Gi"],
      ] as const) {
        const r = e.resources[what];
        let request: number | undefined;
        let limit: number | undefined;
        try {
          request = parse(r.request);
        } catch {
          c.add("workloads", `${p}.resources.${what}.request`, `"${r.request}" is not a ${what} quantity`, `write it like ${example}`);
        }
        try {
          limit = parse(r.limit);
        } catch {
          c.add("workloads", `${p}.resources.${what}.limit`, `"${r.limit}" is not a ${what} quantity`, `write it like ${example}`);
        }
        if (request !== undefined && limit !== undefined && request > limit) {
          c.add("workloads", `${p}.resources.${what}`, `request ${r.request} is above limit ${r.limit}`, "raise the limit or lower the request");
        }
      }
    }
    if (!e.health) c.add("workloads", `${p}.health`, "has no health endpoints", "set health: { liveness, readiness }");
    if (!e.metrics) c.add("workloads", `${p}.metrics`, "exports no metrics", "set metrics: { port, path }", "warning");
  }
  c.checked.workloads = `${n} deployed workloads`;
}

function ruleStackFiles(c: Ctx, stackFiles: readonly string[] | undefined): void {
  if (!stackFiles) {
    c.checked["stack-files"] = "not checked (no project directory given)";
    return;
  }
  const files = new Set(stackFiles);
  for (const f of sorted(files)) {
    if (!c.envNames.includes(f)) {
      const s = suggest(f, c.envNames);
      c.add("stack-files", `Pulumi.${f}.yaml`, `matches no environment`, s ? `rename it to Pulumi.${s}.yaml?` : `add environment "${f}" to the catalog or delete the file`);
    }
  }
  for (const en of c.envNames) {
    if (!files.has(en)) {
      c.add("stack-files", `environments.${en}`, `has no stack settings file Pulumi.${en}.yaml`, `create Pulumi.${en}.yaml from config/stack-settings.template.yaml`);
    }
  }
  c.checked["stack-files"] = `${files.size} stack files, ${c.envNames.length} environments`;
}

/** Runs every rule and returns every problem found. */
export function validateCatalog(catalog: Catalog, options: ValidateOptions = {}): ValidationReport {
  const problems: Problem[] = [];
  const entryNames = sorted(Object.keys(catalog.entries ?? {}));
  const envNames = sorted(Object.keys(catalog.environments ?? {}));
  const ctx: Ctx = {
    catalog,
    entryNames,
    envNames,
    placements: new Map(entryNames.map((n) => [n, placementOf(catalog.entries[n]!, catalog)])),
    checked: {},
    add: (rule, path, message, fix, severity = "error") => problems.push({ rule, severity, path, message, fix }),
  };
  ruleShape(ctx);
  ruleEnvironments(ctx);
  ruleNames(ctx);
  ruleNeeds(ctx);
  rulePlacement(ctx);
  ruleHosts(ctx);
  ruleTls(ctx);
  ruleSecrets(ctx);
  const blocking = problems.some((p) => p.severity === "error" && (p.rule === "needs-known" || p.rule === "secrets" || p.rule === "shape" || p.rule === "environments"));
  ruleEnvVars(ctx, blocking);
  ruleReplicas(ctx);
  rulePorts(ctx);
  ruleWorkloads(ctx);
  ruleStackFiles(ctx, options.stackFiles);

  const checks: CheckResult[] = (Object.keys(RULES) as RuleId[]).map((rule) => ({
    rule,
    title: RULES[rule],
    checked: ctx.checked[rule] ?? "",
    errors: problems.filter((p) => p.rule === rule && p.severity === "error").length,
    warnings: problems.filter((p) => p.rule === rule && p.severity === "warning").length,
  }));
  return { problems, checks, ok: !problems.some((p) => p.severity === "error") };
}

/** One line per problem: `✗ entries.auth-service.needs: "x" is not an entry. Fix: …`. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems
    .map((p) => `${p.severity === "error" ? "✗" : "!"} [${p.rule}] ${p.path}: ${p.message}. Fix: ${p.fix}`)
    .join("\n");
}

/** Thrown by the program before anything is registered. */
export class CatalogError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    const errors = problems.filter((p) => p.severity === "error");
    super(`Invalid catalog: ${errors.length} problem${errors.length === 1 ? "" : "s"}:\n${formatProblems(errors)}`);
    this.name = "CatalogError";
  }
}

/** Validates and throws a `CatalogError` listing every error. */
export function assertValidCatalog(catalog: Catalog, options: ValidateOptions = {}): ValidationReport {
  const report = validateCatalog(catalog, options);
  if (!report.ok) throw new CatalogError(report.problems);
  return report;
}
