/**
 * zod's issues as the catalog's problems: each names the field (dotted path), what is wrong and
 * the fix, and an unknown field gets the nearest known one suggested. Pure.
 */
import type { z } from "zod";
import { suggest } from "../naming";

export interface FieldProblem {
  path: string;
  message: string;
  fix: string;
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object schemas a path may lead to (several where a union leads there). */
function schemasAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType[] {
  let here: z.ZodType[] = [root];
  const unwrap = (s: z.ZodType): z.ZodType[] => {
    const d = defOf(s);
    if ((d.type === "optional" || d.type === "readonly" || d.type === "nullable") && d.innerType)
      return unwrap(d.innerType);
    if (d.type === "union" && d.options) return d.options.flatMap(unwrap);
    return [s];
  };
  for (const key of path) {
    here = here.flatMap(unwrap).flatMap((s) => {
      const d = defOf(s);
      if (d.type === "object") return d.shape?.[String(key)] ? [d.shape[String(key)]!] : [];
      if (d.type === "record" && d.valueType) return [d.valueType];
      if (d.type === "array" && d.element) return [d.element];
      return [];
    });
  }
  return here.flatMap(unwrap);
}

/** The fields an object at `path` knows. */
export function knownFields(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  return [
    ...new Set(
      schemasAt(root, path).flatMap((s) => {
        const d = defOf(s);
        return d.type === "object" && d.shape ? Object.keys(d.shape) : [];
      }),
    ),
  ].sort();
}

const show = (v: unknown) => (typeof v === "string" ? `"${v}"` : JSON.stringify(v));
const kindOf = (v: unknown) =>
  v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "an object" : `a ${typeof v}`;
const an = (t: string) =>
  t === "array" ? "a list" : t === "object" || t === "integer" ? `an ${t}` : `a ${t}`;

export function fieldProblems(root: z.ZodType, issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const i of issues) {
    const at = (extra: PropertyKey[] = []) => [...i.path, ...extra].map(String).join(".") || "(catalog)";
    const input = (i as { input?: unknown }).input;
    switch (i.code) {
      case "unrecognized_keys": {
        const known = knownFields(root, i.path);
        for (const k of i.keys) {
          const near = suggest(k, known);
          out.push(
            known.includes(k)
              ? {
                  path: at([k]),
                  message: `"${k}" does not belong with the other fields of this form`,
                  fix: "remove it",
                }
              : {
                  path: at([k]),
                  message: `unknown field "${k}"`,
                  fix: near ? `did you mean "${near}"?` : `remove it (known fields: ${known.join(", ")})`,
                },
          );
        }
        break;
      }
      case "invalid_type":
        out.push(
          input === undefined
            ? { path: at(), message: "is missing", fix: `add it (${an(i.expected)})` }
            : {
                path: at(),
                message: `must be ${an(i.expected)}, not ${kindOf(input)} (${show(input)})`,
                fix: `write ${an(i.expected)}`,
              },
        );
        break;
      case "too_small":
      case "too_big": {
        const bound = i.code === "too_small" ? i.minimum : i.maximum;
        const what = i.origin === "string" ? "characters" : i.origin === "array" ? "items" : "";
        const string = i.origin === "string";
        out.push({
          path: at(),
          message:
            string && i.code === "too_small"
              ? "is empty"
              : string
                ? `${show(input)} is longer than ${String(bound)} characters`
                : `${show(input)} is ${i.code === "too_small" ? "below the minimum" : "above the maximum"} ${String(bound)}${what ? ` ${what}` : ""}`,
          fix: string
            ? i.code === "too_small"
              ? "write it out"
              : `shorten it (${i.message})`
            : "use a value from the allowed range",
        });
        break;
      }
      case "invalid_value":
        out.push({
          path: at(),
          message: `${show(input)} is not one of ${i.values.map(show).join(", ")}`,
          fix: `use one of ${i.values.map((v) => String(v)).join(", ")}`,
        });
        break;
      case "invalid_format":
        out.push({ path: at(), message: `${show(input)} is not ${i.message}`, fix: `write ${i.message}` });
        break;
      case "invalid_union": {
        const expected = i.errors.flatMap((e) =>
          e.map((x) =>
            x.code === "invalid_value"
              ? x.values.map(show).join(", ")
              : x.code === "invalid_type"
                ? an(x.expected)
                : x.message,
          ),
        );
        out.push({
          path: at(),
          message: `${show(input)} is none of the allowed forms`,
          fix: `use ${[...new Set(expected)].join(" or ")}`,
        });
        break;
      }
      default:
        out.push({ path: at(), message: i.message, fix: "see config/catalog.schema.json" });
    }
  }
  return out;
}
