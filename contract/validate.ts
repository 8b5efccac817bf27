/** Checks a value against the contract's schema: every problem, each naming the field. */
import Ajv from "ajv";
import { PLATFORM_OUTPUTS_SCHEMA, SCHEMA_VERSION, type PlatformOutputs } from "./schema";

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile<PlatformOutputs>(PLATFORM_OUTPUTS_SCHEMA);

/** What is wrong with a value read as the `platform` output (empty when it is valid). */
export function contractProblems(value: unknown): string[] {
  if (value === undefined || value === null)
    return ["the stack exports no `platform` output (deployed with an older program, or not at all)"];
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version !== SCHEMA_VERSION) {
    return [
      `schemaVersion is ${JSON.stringify(version)}, this reader understands ${SCHEMA_VERSION}: upgrade the reader or pin the stack's program`,
    ];
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => {
    const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "(root)";
    return `${where}: ${e.message ?? "is invalid"}`;
  });
}

/** The value as the contract's type, or an error listing every problem. */
export function asPlatformOutputs(value: unknown, source: string): PlatformOutputs {
  const problems = contractProblems(value);
  if (problems.length)
    throw new Error(
      `${source}: the platform output does not match the contract:\n${problems.map((p) => `✗ ${p}`).join("\n")}`,
    );
  return value as PlatformOutputs;
}
