/**
 * The catalog's one schema: the built-in catalog, its printed JSON and the published JSON Schema
 * agree; the TypeScript type is the schema's (checked at compile time, catalog-schema-types.ts);
 * every kind of shape mistake is a validation problem naming the field, never a TypeError.
 */
import * as fs from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import { catalog } from "../../config";
import { CatalogSchema } from "../../config/schema";
import { CATALOG_SCHEMA_FILE, catalogSchemaText } from "../../config/write-schema";
import type { Catalog } from "../../config/types";
import { parseCatalogJson, validateCatalog } from "../../planner";
import { editCatalog, errorsOf, lines, patchEntry, STACKS } from "../helpers/catalog";
import { SCHEMA_IS_THE_TYPE } from "./catalog-schema-types";

const schemaErrors = (c: unknown) =>
  lines(errorsOf(c as Catalog)).filter((l) => l.startsWith("[schema]") || l.startsWith("[values]"));

describe("the schema, the type and the published file", () => {
  it("agree: the type is the schema's, the file is the schema's, the built-in catalog and its JSON pass both", () => {
    expect(SCHEMA_IS_THE_TYPE).toBe(true);
    const published = fs.readFileSync(CATALOG_SCHEMA_FILE, "utf8");
    expect(JSON.parse(published)).toEqual(JSON.parse(catalogSchemaText()));
    expect(CatalogSchema.safeParse(catalog).success).toBe(true);
    const printed = JSON.stringify(catalog, null, 2);
    const fromJson = parseCatalogJson(printed);
    expect(fromJson.problems).toEqual([]);
    expect(CatalogSchema.safeParse(fromJson.catalog).success).toBe(true);
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(published) as object);
    expect([validate(JSON.parse(printed)), validate.errors ?? []]).toEqual([true, []]);
    // And the file refuses what the schema refuses.
    const typo = JSON.parse(printed) as { entries: Record<string, Record<string, unknown>> };
    typo.entries["auth-service"]!.neeeds = typo.entries["auth-service"]!.needs;
    expect(validate(typo)).toBe(false);
  });
});

describe("shape mistakes are validation problems", () => {
  it("an unknown field, with the nearest known one: a typo never silently drops a dependency or a host", () => {
    const c = editCatalog((x) => {
      const e = x.entries["order-service"] as unknown as Record<string, unknown>;
      e.neeeds = e.needs;
      delete e.needs;
      const w = x.entries["web-app"] as unknown as Record<string, unknown>;
      w.exposee = "public";
      (x.environments["us-dev"] as unknown as Record<string, unknown>).replica = 2;
      (x.platform.monitoring as unknown as Record<string, unknown>).retension = {};
    });
    expect(schemaErrors(c).sort()).toEqual(
      [
        '[schema] platform.monitoring.retension: unknown field "retension". Fix: did you mean "retention"?',
        '[schema] environments.us-dev.replica: unknown field "replica". Fix: did you mean "replicas"?',
        '[schema] entries.order-service.neeeds: unknown field "neeeds". Fix: did you mean "needs"?',
        '[schema] entries.web-app.exposee: unknown field "exposee". Fix: did you mean "expose"?',
      ].sort(),
    );
    // No other rule ran on it.
    expect(
      validateCatalog(c, { stackFiles: STACKS }).checks.find((x) => x.rule === "needs-known")!.checked,
    ).toBe("skipped until the errors of schema are fixed");
  });

  it("wrong types, every one at once, naming the field and the type expected", () => {
    const c = editCatalog((x) => {
      patchEntry(x, "order-service", { port: "8080" as never, needs: "postgres-orders" as never });
      x.environments["us-prod"] = { ...x.environments["us-prod"]!, replicas: "five" as never };
      const store = x.entries["postgres-orders"]!.store!;
      const sizing: Partial<typeof store.sizing> = { ...store.sizing };
      delete sizing.staging;
      x.entries["postgres-orders"]!.store = { ...store, sizing: sizing as typeof store.sizing };
    });
    expect(schemaErrors(c)).toEqual([
      '[schema] environments.us-prod.replicas: must be a number, not a string ("five"). Fix: write a number',
      '[schema] entries.order-service.port: must be a number, not a string ("8080"). Fix: write a number',
      '[schema] entries.order-service.needs: must be a list, not a string ("postgres-orders"). Fix: write a list',
      "[schema] entries.postgres-orders.store.sizing.staging: is missing. Fix: add it (an object)",
    ]);
  });

  it("numbers out of range: a typo such as 100000 replicas, a negative retention", () => {
    const c = editCatalog((x) => {
      x.environments["us-prod"] = { ...x.environments["us-prod"]!, replicas: 100000 };
      patchEntry(x, "order-service", { replicas: 0 });
      x.platform.monitoring.retention.production.logsDays = -1;
    });
    expect(schemaErrors(c)).toEqual([
      "[values] platform.monitoring.retention.production.logsDays: -1 is below the minimum 1. Fix: use a value from the allowed range",
      "[values] environments.us-prod.replicas: 100000 is above the maximum 100. Fix: use a value from the allowed range",
      "[values] entries.order-service.replicas: 0 is below the minimum 1. Fix: use a value from the allowed range",
    ]);
  });

  it("a catalog of the wrong shape throws no TypeError: it is a list of problems", () => {
    for (const broken of [
      { ...catalog, entries: [] },
      { ...catalog, entries: { x: 5 } },
      { ...catalog, environments: null },
      { ...catalog, platform: "x" },
      // Names an object's prototype answers for: never a TypeError deep in a rule.
      {
        ...catalog,
        entries: {
          ...catalog.entries,
          "order-service": { ...catalog.entries["order-service"], kind: "constructor" },
        },
      },
      {
        ...catalog,
        environments: {
          ...catalog.environments,
          "us-dev": { ...catalog.environments["us-dev"], cluster: "constructor", region: "__proto__" },
        },
      },
      {
        ...catalog,
        entries: {
          ...catalog.entries,
          "order-service": { ...catalog.entries["order-service"], needs: [1, 2] },
        },
      },
    ]) {
      const report = validateCatalog(broken as unknown as Catalog, { stackFiles: STACKS });
      expect(report.ok).toBe(false);
      expect(report.problems.some((p) => p.severity === "error")).toBe(true);
    }
  });
});
