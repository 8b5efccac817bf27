/** Every public host has TLS; custom certificates are declared and delivered from Vault. */
import { isDnsLabel, suggest } from "../../naming";
import { isPlaceholderRef, parseSecretRef } from "../../secrets";
import type { Rule } from "../types";

export const tls: Rule = {
  id: "tls",
  title: "every public host has TLS; custom certificates are declared and delivered from Vault",
  check(c) {
    const { catalog } = c;
    const certificates = Object.keys(catalog.certificates);
    let n = 0;
    for (const name of c.entryNames) {
      const e = catalog.entries[name]!;
      const p = `entries.${name}.tls`;
      if (e.expose !== "public") {
        if (e.tls) c.add(p, "is set but the entry is not public", "remove tls", "warning");
        continue;
      }
      n++;
      const policy = e.tls as unknown as
        { mode?: string; certificate?: string; secretName?: string } | undefined;
      if (!policy) {
        c.add(
          p,
          "a public host has no TLS policy",
          'set tls: { mode: "letsencrypt" } or { mode: "custom", certificate: "<name>" }',
        );
      } else if (policy.mode === "letsencrypt") {
        if (policy.certificate !== undefined || policy.secretName !== undefined) {
          c.add(
            p,
            "letsencrypt names a certificate secret",
            "remove it: cert-manager creates and names the secret",
          );
        }
      } else if (policy.mode === "custom") {
        if (!policy.certificate) {
          c.add(
            `${p}.certificate`,
            "custom TLS names no certificate",
            `name one of ${certificates.join(", ") || "the certificates (none declared)"}`,
          );
        } else if (!Object.hasOwn(catalog.certificates, policy.certificate)) {
          const s = suggest(policy.certificate, certificates);
          c.add(
            `${p}.certificate`,
            `certificate "${policy.certificate}" is not declared`,
            s ? `did you mean "${s}"?` : `declare it in certificates with its Vault path`,
          );
        }
      } else {
        c.add(`${p}.mode`, `unknown TLS mode "${String(policy.mode)}"`, 'use "letsencrypt" or "custom"');
      }
    }
    for (const [cert, spec] of Object.entries(catalog.certificates)) {
      if (!isDnsLabel(cert)) c.add(`certificates.${cert}`, "is not a valid Secret name", "use a DNS label");
      for (const field of ["certificate", "privateKey"] as const) {
        const ref = spec[field];
        if (!ref || !parseSecretRef(ref) || isPlaceholderRef(ref)) {
          const what = field === "certificate" ? "certificate chain" : "private key";
          c.add(
            `certificates.${cert}.${field}`,
            `"${ref ?? ""}" is not a Vault reference`,
            `deliver the ${what} from Vault: secret://<name>/<key>`,
          );
        }
      }
    }
    return `${n} public entries, ${certificates.length} custom certificates`;
  },
};
