/**
 * `npm run schema`: writes `config/catalog.schema.json`, the catalog's JSON Schema (draft 2020-12)
 * generated from the run-time schema, for editors and other tools. A test fails when the file
 * and the schema differ.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { CatalogSchema } from "./schema";

export const CATALOG_SCHEMA_FILE = path.join(__dirname, "catalog.schema.json");

/** The published file's text, stable from run to run. */
export function catalogSchemaText(): string {
  const schema = z.toJSONSchema(CatalogSchema, { io: "input" });
  return (
    JSON.stringify(
      {
        ...schema,
        $id: "https://ecommerce-platform.example.com/schemas/catalog.schema.json",
        title: "The ecommerce-platform catalog (npm run plan -- --print-catalog prints one)",
      },
      null,
      2,
    ) + "\n"
  );
}

if (require.main === module) {
  fs.writeFileSync(CATALOG_SCHEMA_FILE, catalogSchemaText());
  process.stdout.write(`wrote ${path.relative(process.cwd(), CATALOG_SCHEMA_FILE)}\n`);
}
