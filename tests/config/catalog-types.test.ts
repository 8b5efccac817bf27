/**
 * Compile-time checks of the catalog. `npm run typecheck` (and CI) compile this file: every
 * `@ts-expect-error` below must meet an error, or the type check fails (the values are exported
 * only so that the compiler keeps them). Jest then checks the same mistakes at run time.
 */
import { ALL_OK, type EntriesVerdict } from "../../config";
import type { EntrySpec } from "../../config/types";
import { validateCatalog } from "../../planner";
import { editCatalog, STACKS } from "../helpers/catalog";

const base = { kind: "service", description: "x", owner: "team-x", port: 8080, protocol: "http" } as const;

export const good = {
  a: { ...base, placement: "regional", needs: ["b"] },
  b: { ...base, placement: ["us-prod"], tls: { mode: "custom", certificate: "admin-tls-cert" } },
} as const;
export const goodVerdict: EntriesVerdict<typeof good> = ALL_OK;

export const typoInNeeds = {
  a: { ...base, placement: "regional", needs: ["bb"] },
  b: { ...base, placement: "regional" },
} as const;
// @ts-expect-error "bb" is not an entry
export const needsVerdict: EntriesVerdict<typeof typoInNeeds> = ALL_OK;

export const unknownEnvironment = { a: { ...base, placement: ["us-prodd"] } } as const;
// @ts-expect-error "us-prodd" is not an environment
export const placementVerdict: EntriesVerdict<typeof unknownEnvironment> = ALL_OK;

export const unknownRoute = {
  gw: { ...base, kind: "gateway", placement: "regional", routes: { "/x": "nope" } },
} as const;
// @ts-expect-error "nope" is not an entry
export const routeVerdict: EntriesVerdict<typeof unknownRoute> = ALL_OK;

export const unknownCertificate = {
  a: { ...base, placement: "regional", tls: { mode: "custom", certificate: "admin-cert" } },
} as const;
// @ts-expect-error "admin-cert" is not a certificate
export const certificateVerdict: EntriesVerdict<typeof unknownCertificate> = ALL_OK;

// @ts-expect-error "udp" is not a protocol
export const wrongProtocol: EntrySpec = { ...base, placement: "regional", protocol: "udp" };

describe("compile-time checks have run-time twins", () => {
  it("the same mistakes in a JSON catalog are run-time errors", () => {
    const c = editCatalog((c) => {
      c.entries["pdf-service"] = {
        ...c.entries["pdf-service"]!,
        needs: ["bb"],
        protocol: wrongProtocol.protocol,
        placement: ["us-prodd"],
      };
    });
    const rules = validateCatalog(c, { stackFiles: STACKS }).problems.map((p) => `${p.rule} ${p.message}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'values "udp" is not one of "http", "https", "grpc", "tcp"',
        'needs-known "bb" is not an entry',
        'placement unknown environment "us-prodd"',
      ]),
    );
  });
});
