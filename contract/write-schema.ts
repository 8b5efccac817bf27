/** `npm run contract`: writes the contract's published schema file for the current version. */
import * as fs from "node:fs";
import * as path from "node:path";
import { PLATFORM_OUTPUTS_SCHEMA, SCHEMA_VERSION, schemaFileName } from "./schema";

/** The published file's text: the schema as JSON, stable from run to run. */
export const schemaFileText = () => JSON.stringify(PLATFORM_OUTPUTS_SCHEMA, null, 2) + "\n";

if (require.main === module) {
  const file = path.join(__dirname, schemaFileName(SCHEMA_VERSION));
  fs.writeFileSync(file, schemaFileText());
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}
