/**
 * YAML for JSON data (what the manifests are), with sorted keys, in one pass over strings: a
 * tenth of the cost of a general YAML library's document model, which `plan` paid for every
 * object it wrote. Every document reads back as the same data under YAML 1.2 and YAML 1.1 (the
 * dialect of kubectl's parser): a string is written plain only when no reader can take it for a
 * number, a boolean, a null, a date or syntax; multi-line strings are literal blocks when that
 * is exact, double-quoted (JSON escapes, which YAML shares) otherwise. Tested by round trip over
 * every recorded object and over generated data (tests/harness/yaml.test.ts).
 */
import { sorted } from "../planner/naming";

/** A plain-safe word: letters, digits and `_ . / @ % + = , -`, with `:` only between them. */
const WORD = "[\\w./@%+=,-]+(?::[\\w./@%+=,-]+)*";
/**
 * Plain-safe words with single spaces between, starting with a letter, `_`, `/` or dashes and a
 * letter (`--flag`): never a number, an indicator, a comment or a key-value separator.
 */
const PLAIN_WORDS = new RegExp(`^(?=[A-Za-z_/]|-+[A-Za-z])${WORD}(?: ${WORD})*$`);
/** A quantity, duration or share (`500m`, `256Mi`, `30s`, `25%`): digits then letters, never a number. */
const PLAIN_QUANTITY = /^\d+(?:\.\d+)?(?:[A-Za-z]+|%)$/;
/** What YAML 1.1 (or 1.2) reads as a boolean or a null, in any case. */
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n)$/i;
/** An exponent with no digits before it (`e0`, `-E5`), which lenient YAML 1.1 readers take for a float. */
const EXPONENT = /^[-+]?[eE][-+]?\d[\d_]*$/;
/** A radix prefix (`0xff`, `0o17`, `0b1`): YAML 1.2 and go-yaml read what follows as an integer. */
const RADIX = /^[-+]?0[xXoObB]/;
/** YAML's longest implicit key, in characters (with room for the quotes and escapes). */
const MAX_IMPLICIT_KEY = 900;
/** Characters a double-quoted JSON string leaves raw but YAML must see escaped. */
const UNSAFE_RAW = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;
/** Characters that rule out a literal block (controls other than tab and newline, line breaks of YAML 1.1, surrogates). */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NOT_IN_BLOCK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/;

function quoted(s: string): string {
  return JSON.stringify(s).replace(UNSAFE_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function plain(s: string): boolean {
  return (
    (PLAIN_WORDS.test(s) || PLAIN_QUANTITY.test(s)) &&
    !RESERVED.test(s) &&
    !EXPONENT.test(s) &&
    !RADIX.test(s)
  );
}

/** A multi-line string as a literal block whose lines sit at `indent`, when that reads back exactly. */
function literalBlock(s: string, indent: string): string | undefined {
  // At the top level a line of the block could read as a document marker (`---`): quoted instead.
  if (!indent) return undefined;
  if (!s.includes("\n") || !/^[^\s]/.test(s) || NOT_IN_BLOCK.test(s) || /[ \t]\n|[ \t]$/.test(s))
    return undefined;
  const body = s.replace(/\n+$/, "");
  const trailing = s.length - body.length;
  const lines = body.split("\n");
  for (let i = 1; i < trailing; i++) lines.push("");
  const chomp = trailing === 0 ? "|-" : trailing === 1 ? "|" : "|+";
  return `${chomp}\n${lines.map((l) => (l ? indent + l : "")).join("\n")}`;
}

function key(k: string): string {
  return plain(k) ? k : quoted(k);
}

/** A value written on its key's line (scalars, empty collections, literal blocks), or undefined. */
function inline(v: unknown, childIndent: string): string | undefined {
  if (v === null) return "null";
  switch (typeof v) {
    case "string":
      return plain(v) ? v : (literalBlock(v, childIndent) ?? quoted(v));
    case "number":
      if (!Number.isFinite(v)) throw new Error(`YAML: ${v} is not a JSON number`);
      // YAML 1.1 reads an exponent as a number only after a dot: 1e-7 becomes 1.0e-7.
      return String(v).replace(/^(-?\d+)e/, "$1.0e");
    case "boolean":
      return String(v);
    case "object":
      if (Array.isArray(v)) return v.length ? undefined : "[]";
      return Object.keys(v).some((k) => (v as Record<string, unknown>)[k] !== undefined) ? undefined : "{}";
    default:
      throw new Error(`YAML: a ${typeof v} is not JSON data`);
  }
}

// Lines are pushed onto one array and joined once: a string built by `+=` is a rope, and writing
// thousands of ropes to files cost four times the writing of flat strings.
function collection(v: object, indent: string, out: string[]): void {
  if (Array.isArray(v)) sequence(v, indent, out);
  else mapping(v as Record<string, unknown>, indent, out);
}

function mapping(o: Record<string, unknown>, indent: string, out: string[]): void {
  const child = indent + "  ";
  for (const k of sorted(Object.keys(o))) {
    const v = o[k];
    if (v === undefined) continue;
    const s = inline(v, child);
    // A key of more than 1024 characters cannot be implicit (YAML's limit): `? key` then `: value`.
    const head = k.length > MAX_IMPLICIT_KEY ? `${indent}? ${quoted(k)}\n${indent}:` : `${indent}${key(k)}:`;
    if (s === undefined) {
      out.push(`${head}\n`);
      collection(v as object, child, out);
    } else out.push(`${head} ${s}\n`);
  }
}

function sequence(a: readonly unknown[], indent: string, out: string[]): void {
  const child = indent + "  ";
  for (const item of a) {
    const v = item === undefined ? null : item;
    const s = inline(v, child);
    if (s === undefined) {
      // A collection item starts on the dash's line: its first line's indentation becomes "- ".
      const first = out.length;
      collection(v as object, child, out);
      out[first] = `${indent}- ${out[first]!.slice(child.length)}`;
    } else out.push(`${indent}- ${s}\n`);
  }
}

/** One YAML document for JSON data, keys sorted. */
export function toYaml(value: unknown): string {
  const s = inline(value, "");
  if (s !== undefined) return `${s}\n`;
  const out: string[] = [];
  collection(value as object, "", out);
  return out.join("");
}
