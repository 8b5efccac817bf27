/**
 * Environment variables of a workload, derived from the catalog: its own settings and secrets,
 * one variable (or a set of secrets) per dependency, and the platform's telemetry settings.
 * A dependency declared once in `needs` yields its variable here, its edge in `plan.ts`, its
 * NetworkPolicy rule and its Vault policy: nothing is written twice.
 */
import type { Catalog, EntrySpec } from "../config/types";
import { hostingOf, runsInCluster } from "./kinds";
import { clusterHost, publicHost, sorted, upperSnake } from "./naming";
import { placementOf } from "./placement";
import { vaultLocation, type VaultLocation } from "./secrets";

export type EnvSource = "catalog" | "secret" | "dependency" | "cross-environment" | "platform";

export interface EnvVarPlan {
  name: string;
  /** Where it comes from, for the plan's readers. */
  source: EnvSource;
  /** The entry (or `platform`) it comes from. */
  from: string;
  /** A plain value… */
  value?: string;
  /** …or a secret, delivered from Vault by an ExternalSecret (never through Pulumi state). */
  secret?: VaultLocation;
}

export interface EnvProblem {
  name: string;
  message: string;
}

const TEMPLATE = /\$\{([a-z-]+):([^}]*)\}/g;

/** `https://<host><path>` of a public entry in an environment. */
export function publicUrl(entry: EntrySpec, environment: string, catalog: Catalog): string {
  const env = catalog.environments[environment]!;
  if (entry.expose !== "public" || !entry.subdomain) {
    throw new Error(
      `publicUrl: "${entry.description}" has no public host (expose: "public" and a subdomain)`,
    );
  }
  const host = publicHost(entry.subdomain, env, catalog);
  const path = entry.path && entry.path !== "/" ? entry.path : "";
  return `https://${host}${path}`;
}

/** In-cluster URL of an entry (Service DNS name, main port, protocol as scheme). */
export function inClusterUrl(name: string, entry: EntrySpec, namespace: string): string {
  return `${entry.protocol}://${clusterHost(name, namespace)}:${entry.port}`;
}

/** Resolves `${public-url:<entry>}` in a catalog value. */
export function resolveTemplate(
  value: string,
  environment: string,
  catalog: Catalog,
  problems: string[],
): string {
  return value.replace(TEMPLATE, (whole, fn: string, arg: string) => {
    const target = catalog.entries[arg];
    if (fn !== "public-url") {
      problems.push(`unknown template function "${fn}" in ${whole} (only \${public-url:<entry>} exists)`);
      return whole;
    }
    if (!target) {
      problems.push(`${whole} names no entry`);
      return whole;
    }
    if (target.expose !== "public") {
      problems.push(`${whole}: "${arg}" is not public (expose: "public")`);
      return whole;
    }
    if (!target.subdomain) {
      problems.push(`${whole}: "${arg}" has no subdomain`);
      return whole;
    }
    if (!placementOf(target, catalog).includes(environment)) {
      problems.push(`${whole}: "${arg}" is not placed in ${environment}`);
      return whole;
    }
    return publicUrl(target, environment, catalog);
  });
}

export interface DeriveOptions {
  /** Vault address from the stack settings (for `VAULT_ADDR`); validation derives without it. */
  vaultAddress?: string;
}

/** All variables of `name` in `environment`, sorted by name, plus any collisions or bad templates. */
export function deriveEnv(
  catalog: Catalog,
  name: string,
  environment: string,
  options: DeriveOptions = {},
): { vars: EnvVarPlan[]; problems: EnvProblem[] } {
  const entry = catalog.entries[name]!;
  const env = catalog.environments[environment]!;
  const vars: EnvVarPlan[] = [];
  const problems: EnvProblem[] = [];

  for (const [k, v] of Object.entries(entry.env ?? {})) {
    const templateProblems: string[] = [];
    const value = resolveTemplate(v, environment, catalog, templateProblems);
    for (const message of templateProblems) problems.push({ name: k, message });
    vars.push({ name: k, source: "catalog", from: name, value });
  }
  for (const s of entry.secrets ?? []) {
    vars.push({
      name: s.env,
      source: "secret",
      from: name,
      secret: vaultLocation(s.ref, environment, catalog),
    });
  }

  let usesPostgres = false;
  for (const dep of entry.needs ?? []) {
    const target = catalog.entries[dep];
    if (!target) continue;
    const hosting = hostingOf(target);
    if (target.kind === "postgres") usesPostgres = true;
    if (target.provides?.length) {
      for (const p of target.provides) {
        vars.push({
          name: p.env,
          source: "dependency",
          from: dep,
          secret: vaultLocation(p.ref, environment, catalog),
        });
      }
    } else if (hosting === "vault") {
      // Without stack settings (validation) the address is unknown: the plan always has it.
      vars.push({
        name: "VAULT_ADDR",
        source: "dependency",
        from: dep,
        ...(options.vaultAddress ? { value: options.vaultAddress } : {}),
      });
    } else if (hosting === "external-api") {
      const host = target.external?.hosts[0];
      if (host)
        vars.push({
          name: `${upperSnake(dep)}_URL`,
          source: "dependency",
          from: dep,
          value: `https://${host}${target.port === 443 ? "" : `:${target.port}`}`,
        });
    } else if (hosting === "gateway") {
      if (target.expose !== "public" || !target.subdomain) {
        problems.push({
          name: `${upperSnake(dep)}_URL`,
          message: `needs the gateway "${dep}", which has no public host`,
        });
        continue;
      }
      // In the cluster: Kong's routes of this environment, at the gateway's own in-cluster name.
      vars.push({
        name: `${upperSnake(dep)}_URL`,
        source: "dependency",
        from: dep,
        value: `http://${clusterHost(dep, environment)}`,
      });
    } else if (runsInCluster(target)) {
      vars.push({
        name: `${upperSnake(dep)}_URL`,
        source: "dependency",
        from: dep,
        value: inClusterUrl(dep, target, environment),
      });
    }
  }

  for (const cross of entry.crossEnvironmentNeeds ?? []) {
    const target = catalog.entries[cross.entry];
    if (!target) continue;
    for (const other of sorted(cross.environments)) {
      if (other === environment) continue;
      for (const p of target.provides ?? []) {
        vars.push({
          name: `${p.env}_${upperSnake(other)}`,
          source: "cross-environment",
          from: `${cross.entry}@${other}`,
          secret: vaultLocation(p.ref, other, catalog),
        });
      }
    }
  }

  const platform = (n: string, value: string) =>
    vars.push({ name: n, source: "platform", from: "platform", value });
  platform("OTEL_SERVICE_NAME", name);
  platform("OTEL_EXPORTER_OTLP_ENDPOINT", catalog.platform.telemetry.otlpEndpoint);
  platform(
    "OTEL_RESOURCE_ATTRIBUTES",
    `deployment.environment=${environment},service.namespace=${catalog.platform.project},service.owner=${entry.owner}`,
  );
  platform("ENABLE_DEBUG_LOGGING", env.tier === "development" ? "true" : "false");
  if (usesPostgres && env.dbPool !== undefined) platform("MAX_DB_CONNECTIONS", String(env.dbPool));

  const byName = new Map<string, EnvVarPlan[]>();
  for (const v of vars) byName.set(v.name, [...(byName.get(v.name) ?? []), v]);
  for (const [n, list] of byName) {
    if (list.length > 1) {
      problems.push({
        name: n,
        message: `is set ${list.length} times (by ${list.map((v) => `${v.source} ${v.from}`).join(", ")})`,
      });
    }
  }
  return { vars: sorted(vars, (v) => v.name), problems };
}
