/**
 * The built-in platform catalog, assembled from `config/entries/*` and `config/platform.ts`.
 *
 * The type checks at the bottom make TypeScript reject, at compile time, a `needs` or route
 * target that is not an entry, an environment name that does not exist, or a certificate that
 * is not declared. Everything else is checked at run time by `planner/validate.ts`.
 */
import { analyticsEntries } from "./entries/analytics";
import { businessEntries } from "./entries/business";
import { communicationEntries } from "./entries/communication";
import { dataEntries } from "./entries/data";
import { edgeEntries } from "./entries/edge";
import { externalEntries } from "./entries/external";
import { infrastructureEntries } from "./entries/infrastructure";
import { monitoringEntries } from "./entries/monitoring";
import { workerEntries } from "./entries/workers";
import { certificates, clusters, environments, platform, regions } from "./platform";
import type { CertificateName, EnvironmentName } from "./platform";
import type { Catalog } from "./types";

export const entries = {
  ...edgeEntries,
  ...businessEntries,
  ...communicationEntries,
  ...analyticsEntries,
  ...workerEntries,
  ...infrastructureEntries,
  ...dataEntries,
  ...monitoringEntries,
  ...externalEntries,
};

export type EntryName = keyof typeof entries;

// ---- Compile-time checks ------------------------------------------------------------------
// A wrong name makes the assignment below fail with the offending literal in the message, e.g.
//   Type '"ok"' is not assignable to type '{ "not an entry": "postgres-auht"; }'.
type ValuesOf<T> = T[keyof T];
type Field<E, K extends string> = E extends { readonly [P in K]: infer V } ? V : never;
type ElementOf<T> = T extends readonly (infer U)[] ? U : never;
type Verdict<T, U, What extends string> = [Exclude<T, U>] extends [never]
  ? "ok"
  : { [K in What]: Exclude<T, U> };

/** What TypeScript checks in a set of entries: each field is `"ok"` or names the unknown values. */
export type EntriesVerdict<E, Env extends string = EnvironmentName, Cert extends string = CertificateName> = {
  needs: Verdict<ElementOf<ValuesOf<{ [K in keyof E]: Field<E[K], "needs"> }>>, keyof E, "not an entry">;
  routes: Verdict<ValuesOf<Field<ValuesOf<E>, "routes">>, keyof E, "not an entry">;
  crossEnvironmentEntries: Verdict<
    Field<ElementOf<Field<ValuesOf<E>, "crossEnvironmentNeeds">>, "entry">,
    keyof E,
    "not an entry"
  >;
  crossEnvironmentEnvironments: Verdict<
    ElementOf<Field<ElementOf<Field<ValuesOf<E>, "crossEnvironmentNeeds">>, "environments">>,
    Env,
    "not an environment"
  >;
  placement: Verdict<ElementOf<Exclude<Field<ValuesOf<E>, "placement">, string>>, Env, "not an environment">;
  certificates: Verdict<Field<Field<ValuesOf<E>, "tls">, "certificate">, Cert, "not a certificate">;
};

/** Every check passing. */
export const ALL_OK = {
  needs: "ok",
  routes: "ok",
  crossEnvironmentEntries: "ok",
  crossEnvironmentEnvironments: "ok",
  placement: "ok",
  certificates: "ok",
} as const;

export const builtinVerdict: EntriesVerdict<typeof entries> = ALL_OK;

/** The built-in catalog, as plain data. */
export const catalog: Catalog = { platform, regions, environments, clusters, certificates, entries };
