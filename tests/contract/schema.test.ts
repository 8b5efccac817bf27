/** The contract's schema: published as a file, and never broken without raising its version. */
import * as fs from "node:fs";
import * as path from "node:path";
import { breakingChanges } from "../../contract/compatibility";
import { PLATFORM_OUTPUTS_SCHEMA, SCHEMA_VERSION, schemaFileName } from "../../contract/schema";
import { PROJECT_ROOT } from "../../lib/project";

const published = (version: number) =>
  JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "contract", schemaFileName(version)), "utf8")) as Record<
    string,
    unknown
  >;

describe("the published schema", () => {
  it("is the schema the type is derived from (npm run contract writes it)", () => {
    expect(published(SCHEMA_VERSION)).toEqual(JSON.parse(JSON.stringify(PLATFORM_OUTPUTS_SCHEMA)));
  });

  it("of every earlier version stays published, for the readers still on it", () => {
    for (let v = 1; v <= SCHEMA_VERSION; v++)
      expect(fs.existsSync(path.join(PROJECT_ROOT, "contract", schemaFileName(v)))).toBe(true);
  });

  it("is not broken within a version: the current schema only extends the published one", () => {
    expect(breakingChanges(published(SCHEMA_VERSION), PLATFORM_OUTPUTS_SCHEMA)).toEqual([]);
  });
});

describe("breaking changes are recognised", () => {
  const base = JSON.parse(JSON.stringify(PLATFORM_OUTPUTS_SCHEMA)) as Record<string, any>;
  const changed = (edit: (s: Record<string, any>) => void) => {
    const s = structuredClone(base);
    edit(s);
    return breakingChanges(base, s);
  };

  it("a removed or retyped field, a new required field, a narrowed enum", () => {
    expect(changed((s) => delete s.properties.domain)).toEqual(["$.domain: removed"]);
    expect(
      changed((s) => (s.properties.services.additionalProperties.properties.port = { type: "string" })),
    ).toEqual(['$.services[*].port: type changed from ["integer",null,null] to ["string",null,null]']);
    expect(changed((s) => s.properties.dataStores.additionalProperties.required.push("region"))).toEqual([
      "$.dataStores[*].region: newly required",
    ]);
    expect(changed((s) => (s.properties.tier.enum = ["production", "staging"]))).toEqual([
      '$.tier: no longer allows "development"',
    ]);
  });

  it("but not a new optional field or a wider enum", () => {
    expect(
      changed((s) => {
        s.properties.monitoring = { type: "object" };
        s.properties.tier.enum = [...s.properties.tier.enum, "preview"];
      }),
    ).toEqual([]);
  });
});
