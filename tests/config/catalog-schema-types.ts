/**
 * Compile-time proof that the catalog's run-time schema and its TypeScript type are the same
 * shape: `npm run typecheck` (and CI) fails when a field is added to one and not the other.
 */
import type { CatalogFromSchema } from "../../config/schema";
import type { Catalog } from "../../config/types";

/** Exactly equal types (optional and readonly modifiers included). */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const SCHEMA_IS_THE_TYPE: Equals<CatalogFromSchema, Catalog> = true;
