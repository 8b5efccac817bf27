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
};

export type EntryName = keyof typeof entries;

// ---- Compile-time checks (a failing one names the offending literal in the error) ----------
type ValuesOf<T> = T[keyof T];
type Field<E, K extends string> = E extends { readonly [P in K]: infer V } ? V : never;
type ElementOf<T> = T extends readonly (infer U)[] ? U : never;

type NeedNames = ElementOf<ValuesOf<{ [K in EntryName]: Field<(typeof entries)[K], "needs"> }>>;
type RouteTargets = ValuesOf<Field<ValuesOf<typeof entries>, "routes">>;
type CrossNeeds = ElementOf<ValuesOf<{ [K in EntryName]: Field<(typeof entries)[K], "crossEnvironmentNeeds"> }>>;
type PlacementLists = ElementOf<Exclude<ValuesOf<{ [K in EntryName]: (typeof entries)[K]["placement"] }>, string>>;
type TlsCertificates = Field<Field<ValuesOf<typeof entries>, "tls">, "certificate">;

type Known<T extends U, U> = T;
export type CatalogTypeChecks = [
  Known<NeedNames, EntryName>,
  Known<RouteTargets, EntryName>,
  Known<Field<CrossNeeds, "entry">, EntryName>,
  Known<ElementOf<Field<CrossNeeds, "environments">>, EnvironmentName>,
  Known<PlacementLists, EnvironmentName>,
  Known<TlsCertificates, CertificateName>,
];

/** The built-in catalog, as plain data. */
export const catalog: Catalog = { platform, regions, environments, clusters, certificates, entries };
