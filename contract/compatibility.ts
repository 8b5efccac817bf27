/**
 * Whether a new version of a JSON Schema breaks its readers: a property removed, a type changed,
 * a property newly required, an enum narrowed, a closed object that was open. Additions that
 * readers can ignore (a new optional property, a wider enum) are not breaking.
 */
type Schema = Record<string, unknown>;

const asSchema = (v: unknown): Schema | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Schema) : undefined;
const typesOf = (s: Schema) => JSON.stringify([s.type, s.const, s.pattern]);

/** Every breaking difference from `before` to `after`, each naming the path. */
export function breakingChanges(before: unknown, after: unknown, path = "$"): string[] {
  const a = asSchema(before);
  const b = asSchema(after);
  if (!a || !b) return JSON.stringify(before) === JSON.stringify(after) ? [] : [`${path}: changed`];
  const out: string[] = [];
  if (typesOf(a) !== typesOf(b)) out.push(`${path}: type changed from ${typesOf(a)} to ${typesOf(b)}`);
  if (Array.isArray(a.enum) && Array.isArray(b.enum)) {
    for (const v of a.enum)
      if (!b.enum.includes(v)) out.push(`${path}: no longer allows ${JSON.stringify(v)}`);
  }
  const required = (s: Schema) => new Set((s.required as string[] | undefined) ?? []);
  for (const r of required(b)) if (!required(a).has(r)) out.push(`${path}.${r}: newly required`);
  const pa = asSchema(a.properties) ?? {};
  const pb = asSchema(b.properties) ?? {};
  for (const k of Object.keys(pa)) {
    if (!(k in pb)) out.push(`${path}.${k}: removed`);
    else out.push(...breakingChanges(pa[k], pb[k], `${path}.${k}`));
  }
  if (a.additionalProperties !== false && b.additionalProperties === false && Object.keys(pa).length === 0) {
    out.push(`${path}: closed to properties it used to allow`);
  }
  if (asSchema(a.additionalProperties) || asSchema(b.additionalProperties)) {
    out.push(...breakingChanges(a.additionalProperties, b.additionalProperties, `${path}[*]`));
  }
  if (a.items !== undefined || b.items !== undefined)
    out.push(...breakingChanges(a.items, b.items, `${path}[]`));
  return out;
}
