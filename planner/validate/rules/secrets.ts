/** Secrets come from Vault paths; none is a placeholder in production; no credential in plain env. */
import { isPlaceholderRef, parseSecretRef, SECRET_LIKE_ENV } from "../../secrets";
import type { Rule } from "../types";

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** Values that are credentials by their shape, with what they are. */
const CREDENTIAL_SHAPES: [RegExp, string][] = [
  [/^[a-z][a-z0-9+.:-]*:\/\/[^/\s:@]*:(?!\$\()[^\s@]+@/i, "a URL with a password"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, "an AWS access key id"],
  [/\b(sk|rk)_(live|test)_[0-9A-Za-z]{16,}\b/, "a Stripe key"],
  [/\bgh[pousr]_[0-9A-Za-z]{36,}\b/, "a GitHub token"],
  [/\bxox[abposr]-[0-9A-Za-z-]{10,}\b/, "a Slack token"],
  [/\beyJ[0-9A-Za-z_-]{8,}\.eyJ[0-9A-Za-z_-]{8,}\.[0-9A-Za-z_-]+/, "a JSON Web Token"],
  // Random-looking: upper and lower case and digits, no path or word separators, 40 characters or more.
  [
    /^(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z])[0-9A-Za-z+=_]{40,}$/,
    "a token-shaped string (40 or more random characters)",
  ],
];

/** What a plain value is, when its shape says it is a credential. */
export function credentialShape(value: string): string | undefined {
  return CREDENTIAL_SHAPES.find(([re]) => re.test(value))?.[1];
}

export const secrets: Rule = {
  id: "secrets",
  title: "secrets come from Vault paths; none is a placeholder in production; no credential in plain env",
  check(c) {
    const { catalog } = c;
    let refs = 0;
    for (const n of c.entryNames) {
      const e = catalog.entries[n]!;
      const envs = c.placements.get(n) ?? [];
      const production = envs.filter((en) => catalog.environments[en]?.tier === "production");
      const check = (path: string, ref: string | undefined, what: string) => {
        refs++;
        if (ref === undefined || ref === "" || isPlaceholderRef(ref)) {
          const where = production.length ? ` and ${n} runs in production (${production.join(", ")})` : "";
          c.add(
            path,
            `${what} has ${ref ? `placeholder reference "${ref}"` : "no Vault reference"}${where}`,
            "point it at the real Vault secret: secret://<name>/<key>",
            production.length ? "error" : "warning",
          );
        } else if (!parseSecretRef(ref)) {
          c.add(
            path,
            `${what}: "${ref}" is not a Vault reference`,
            "write it as secret://<name>/<key> (lower-case, digits, '-')",
          );
        }
      };
      for (const s of e.secrets ?? []) {
        if (!ENV_NAME.test(s.env)) {
          c.add(
            `entries.${n}.secrets.${s.env}`,
            "is not an environment variable name",
            "use UPPER_SNAKE_CASE",
          );
        }
        check(`entries.${n}.secrets.${s.env}`, s.ref, `secret ${s.env}`);
      }
      for (const p of e.provides ?? []) check(`entries.${n}.provides.${p.env}`, p.ref, `connection ${p.env}`);
      for (const [k, v] of Object.entries(e.env ?? {})) {
        if (!ENV_NAME.test(k))
          c.add(`entries.${n}.env.${k}`, "is not an environment variable name", "use UPPER_SNAKE_CASE");
        const shaped = credentialShape(v);
        if (SECRET_LIKE_ENV.test(k) && !k.startsWith("NEXT_PUBLIC_") && v !== "") {
          c.add(
            `entries.${n}.env.${k}`,
            "holds a credential in plain text",
            `move it to secrets: { env: "${k}", ref: "secret://<name>/<key>" }`,
          );
        } else if (shaped) {
          c.add(
            `entries.${n}.env.${k}`,
            `holds ${shaped} in plain text, whatever the variable's name`,
            `move it to Vault: secrets: { env: "${k}", ref: "secret://<name>/<key>" }`,
          );
        }
      }
    }
    return `${refs} Vault references`;
  },
};
