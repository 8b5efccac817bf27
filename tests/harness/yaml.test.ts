/**
 * The manifests' YAML writer: every document reads back as the same data under YAML 1.2 and 1.1
 * (kubectl's dialect), for every object the stacks register and for generated data.
 */
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { helmCharts, kubernetesObjects, redactedInputs } from "../../harness/manifests";
import { toYaml } from "../../harness/yaml";
import { loadRecordedRuns, recordedRun } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

const readBack = (text: string, version: "1.1" | "1.2") =>
  parse(text, { version, uniqueKeys: true }) as unknown;

/** What YAML refuses raw: controls but tab and line breaks, DEL and C1 but NEL, U+FFFE and U+FFFF. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

beforeAll(loadRecordedRuns);

describe("toYaml", () => {
  it("writes every string, key and number the stacks record as YAML that reads back the same, in both dialects", () => {
    // The structure is the generated test's; what the real objects add is their scalars, so each
    // distinct one is written once (as a key and as a value), with the largest documents whole.
    const scalars = new Set<unknown>();
    const keys = new Set<string>();
    const walk = (v: unknown): void => {
      if (v && typeof v === "object") {
        for (const [k, x] of Object.entries(v)) {
          if (!Array.isArray(v)) keys.add(k);
          walk(x);
        }
      } else scalars.add(v);
    };
    const largest: unknown[] = [];
    for (const stack of STACKS) {
      const run = recordedRun(stack);
      const docs = [...kubernetesObjects(run), ...helmCharts(run).map(redactedInputs)];
      docs.forEach(walk);
      largest.push(docs.sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length)[0]);
    }
    const data = { values: [...scalars], keys: Object.fromEntries([...keys].map((k, i) => [k, i])), largest };
    const text = toYaml(data);
    expect(readBack(text, "1.2")).toEqual(data);
    expect(readBack(text, "1.1")).toEqual(data);
    expect(scalars.size).toBeGreaterThan(3000);
    expect(keys.size).toBeGreaterThan(500);
  });

  it("reads back generated JSON data, with strings that look like numbers, booleans, dates and syntax", () => {
    const tricky = fc.constantFrom(
      "true",
      "False",
      "yes",
      "No",
      "on",
      "OFF",
      "y",
      "N",
      "null",
      "~",
      "",
      " ",
      "-",
      "- a",
      "a: b",
      "a #b",
      "#x",
      "1",
      "1.5",
      "1e3",
      "0x1F",
      "0o17",
      "0b101",
      "1_000",
      ".inf",
      "-.Inf",
      ".NaN",
      "2001-12-14",
      "12:30:00",
      "500m",
      "e0",
      "E+5",
      "-e5",
      "-E1",
      "-e-5",
      "_1",
      "0xff",
      "0xABC",
      "0Xab",
      "0o17",
      "0b1",
      "-0x1f",
      "\ufffe",
      "a\uffff",
      "a\n\ufffe",
      "a:b",
      "a:",
      ":a",
      "a::b",
      "http://x",
      "--x",
      "-x",
      "-1",
      "-.5",
      "a,b",
      "25%",
      "a%",
      "%a",
      "=a",
      "a=b",
      "a@b",
      "a+b",
      "256Mi",
      "1e",
      "0x",
      "@x",
      "`x",
      "!tag",
      "&a",
      "*a",
      "%x",
      "{a}",
      "[a]",
      "|",
      ">",
      "'",
      '"',
      "a\nb",
      "a\nb\n",
      "a\n\n",
      "\na",
      " a\nb",
      "a \nb",
      "a\tb\nc",
      "a\r\nb",
      "\u2028",
      "\u0085x",
      "\ufeffx",
      "a\u0000b",
      "\ud800",
      "é\nü",
      "https://example.com/a?b=c",
      "a,b",
      "a/b.c_d-e",
      "a  b",
      "a ",
      "=",
      "<<",
    );
    const text = fc.oneof(tricky, fc.string(), fc.string({ unit: "binary" }));
    const data = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        text,
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(text, tie("value"), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(fc.dictionary(text, data, { maxKeys: 5 }), (o) => {
        // JSON data: what the engine records (-0 becomes 0).
        const json = JSON.parse(JSON.stringify(o)) as unknown;
        const out = toYaml(json);
        // Only characters YAML may hold raw (its printable set), whatever the data.
        expect(out).not.toMatch(FORBIDDEN);
        expect(readBack(out, "1.2")).toEqual(json);
        expect(readBack(out, "1.1")).toEqual(json);
      }),
      { numRuns: 500 },
    );
  });

  it("writes plain words and quantities plain, sorts keys, nests sequences as kubectl shows them", () => {
    expect(
      toYaml({
        b: ["x", { k: "500m", j: "1" }, [], {}],
        a: { "app.kubernetes.io/name": "web", on: "yes", text: "line 1\nline 2\n" },
      }),
    ).toBe(
      [
        "a:",
        "  app.kubernetes.io/name: web",
        '  "on": "yes"',
        "  text: |",
        "    line 1",
        "    line 2",
        "b:",
        "  - x",
        '  - j: "1"',
        "    k: 500m",
        "  - []",
        "  - {}",
        "",
      ].join("\n"),
    );
  });

  it("reads back like the YAML library's own writer for the same object", () => {
    const o = recordedRun("us-prod").ofType("kubernetes:apps/v1:Deployment")[0]!.inputs;
    expect(parse(toYaml(o))).toEqual(parse(stringify(o, { sortMapEntries: true })));
  });

  it("writes a key too long to be implicit as an explicit one, and no top-level block a marker could break", () => {
    const long = "k".repeat(2000);
    for (const value of ["v", { a: ["b", { c: 1 }] }, [], "x\ny\n"]) {
      const o = { [long]: value, short: 1 };
      expect(readBack(toYaml(o), "1.2")).toEqual(o);
      expect(readBack(toYaml(o), "1.1")).toEqual(o);
    }
    expect(readBack(toYaml("a\n---\nb"), "1.2")).toBe("a\n---\nb");
  });

  it("refuses what JSON cannot hold", () => {
    expect(() => toYaml({ a: Infinity })).toThrow("YAML: Infinity is not a JSON number");
    expect(() => toYaml({ a: () => 1 })).toThrow("YAML: a function is not JSON data");
  });
});
