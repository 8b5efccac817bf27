/**
 * What each kind of entry may be. Data stores, Vault, the mail relay, the monitoring internals and
 * workers are never public; a host, a path, TLS and routes only where the kind serves them; and a
 * field that the kind does not use is an error, never silently ignored: the decision per field is
 * the table below (README: "What each kind of entry may be").
 */
import type { EntryKind, EntrySpec } from "../../../config/types";
import { hostingOf, STORE_KINDS } from "../../kinds";
import type { Rule } from "../types";

/** Monitoring entries that are a UI people sign in to; the rest take machine traffic only. */
const MONITORING_UIS: ReadonlySet<string> = new Set(["prometheus", "grafana", "jaeger"]);

/** Why a kind is never public. */
const NEVER_PUBLIC: Partial<Record<EntryKind, string>> = {
  worker: "a worker serves no requests",
  postgres: "a data store is reached from the cluster only",
  redis: "a data store is reached from the cluster only",
  search: "a data store is reached from the cluster only",
  "analytics-db": "a data store is reached from the cluster only",
  kafka: "a data store is reached from the cluster only",
  "object-store":
    "the object store is reached through its VPC endpoint with the workload's role (public assets go through the CDN service)",
  smtp: "the mail relay is an AWS API the workloads call, not a host of ours",
  vault: "Vault is reached over the private network only",
  external: "a third-party API is the provider's host, not ours",
};

type Field = keyof EntrySpec;
const deployment = (e: EntrySpec) => hostingOf(e) === "deployment";
/** Each field that only some kinds use: who may set it, and why the others may not. */
const FIELD_RULES: { field: Field; allowed: (e: EntrySpec) => boolean; who: string }[] = [
  {
    field: "store",
    allowed: (e) => STORE_KINDS.has(e.kind),
    who: "data stores (postgres, redis, search, analytics-db, kafka, object-store)",
  },
  {
    field: "provides",
    allowed: (e) => STORE_KINDS.has(e.kind) || e.kind === "smtp",
    who: "data stores and the mail relay, which hand connections to what needs them",
  },
  {
    field: "image",
    allowed: deployment,
    who: "workloads (services, workers, web front ends), which run a container of ours",
  },
  { field: "resources", allowed: deployment, who: "workloads; a store's size is store.sizing" },
  { field: "health", allowed: deployment, who: "workloads" },
  { field: "metrics", allowed: deployment, who: "workloads" },
  { field: "replicas", allowed: deployment, who: "workloads; a store's nodes are store.sizing" },
  { field: "needsKubernetesApi", allowed: deployment, who: "workloads" },
  {
    field: "objectives",
    allowed: (e) => deployment(e) && e.kind !== "worker",
    who: "services and web front ends",
  },
  { field: "produces", allowed: deployment, who: "workloads, which write to the event bus" },
  { field: "consumes", allowed: deployment, who: "workloads, which read from the event bus" },
  { field: "objectAccess", allowed: deployment, who: "workloads that need the object store" },
  { field: "routes", allowed: (e) => e.kind === "gateway", who: "the API gateway" },
  { field: "env", allowed: deployment, who: "workloads" },
  { field: "external", allowed: (e) => e.kind === "external", who: "third-party APIs (kind external)" },
];

export const kinds: Rule = {
  id: "kinds",
  title: "each kind of entry is exposed and configured only as it can be served",
  check(c) {
    const { catalog } = c;
    let fields = 0;
    for (const n of c.entryNames) {
      const e = catalog.entries[n]!;
      const p = `entries.${n}`;
      const publicFor =
        NEVER_PUBLIC[e.kind] ??
        (e.kind === "monitoring" && !MONITORING_UIS.has(n)
          ? "a monitoring internal takes machine traffic only (the clusters reach it through the ingest host)"
          : undefined);
      if (e.expose === "public" && publicFor)
        c.add(
          `${p}.expose`,
          `a ${e.kind} entry cannot be public: ${publicFor}`,
          'set expose: "cluster" (or leave it out)',
        );
      if (e.expose !== "public")
        for (const f of ["subdomain", "path", "tls"] as const)
          if (e[f] !== undefined)
            c.add(
              `${p}.${f}`,
              `${f} belongs to a public host, and ${n} is not public`,
              `remove ${f}, or set expose: "public" where the kind allows it`,
            );
      if (e.kind === "external" && !e.external?.hosts.length)
        c.add(
          `${p}.external`,
          "a third-party API names no host",
          'add external: { hosts: ["api.example.net"], ranges: "…" }',
        );
      for (const r of FIELD_RULES) {
        if (e[r.field] === undefined) continue;
        fields++;
        if (!r.allowed(e))
          c.add(
            `${p}.${r.field}`,
            `a ${e.kind} entry has no use for ${r.field} (it is for ${r.who})`,
            `remove ${r.field} from ${n}`,
          );
      }
    }
    return `${c.entryNames.length} entries, ${fields} kind-specific fields`;
  },
};
