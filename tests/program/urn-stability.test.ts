/**
 * URNs follow catalog names: adding, removing or reordering entries renames nothing else. The
 * changed stack is run again reading the deployed outputs of the stacks it reads (their
 * recordings), as when only it is deployed again: URNs are the stack's own. The changes are
 * scenarios of tests/scenarios.ts (add-gift-card, remove-reporting, reorder-entries,
 * add-store-and-consumer).
 */
import type { ProgramRun } from "../../harness/run";
import { loadRecordedRuns, recordedRun, scenarioRun } from "../helpers/runs";

beforeAll(loadRecordedRuns);

describe("URN stability", () => {
  const urns = (run: ProgramRun) => new Set(run.resources.map((r) => r.urn));
  // A URN owned by an entry: its components and children, its Vault policy and role, its monitors.
  const owned = (urn: string, entry: string) =>
    new RegExp(`::(${entry}|us-prod-vault-access-${entry}|us-prod-monitoring-${entry})(-[a-z-]+)?$`).test(
      urn,
    );

  it("adding, removing or reordering catalog entries changes no other entry's URN", async () => {
    const before = urns(recordedRun("us-prod"));

    // gift-card-service, a copy of pdf-service that needs redis-cache and auth-service.
    const afterAdd = urns(await scenarioRun("add-gift-card"));
    expect([...before].filter((u) => !afterAdd.has(u))).toEqual([]);
    expect([...afterAdd].filter((u) => !before.has(u)).every((u) => owned(u, "gift-card-service"))).toBe(
      true,
    );
    // Nobody calls the new service: everything a workload gets but a Service.
    expect(
      [...afterAdd]
        .filter((u) => !before.has(u))
        .map((u) => u.split("::").pop())
        .sort(),
    ).toEqual(
      [
        ...["", "-deployment", "-hpa", "-netpol", "-pdb", "-sa", "-secret-store", "-secrets"].map(
          (s) => `gift-card-service${s}`,
        ),
        "us-prod-vault-access-gift-card-service-policy",
        "us-prod-vault-access-gift-card-service-role",
        "us-prod-monitoring-gift-card-service-monitor",
        "us-prod-monitoring-gift-card-service-rules",
      ].sort(),
    );

    // reporting-service removed.
    const afterRemove = urns(await scenarioRun("remove-reporting"));
    expect([...afterRemove].filter((u) => !before.has(u))).toEqual([]);
    const gone = [...before].filter((u) => !afterRemove.has(u));
    expect(gone.length).toBeGreaterThan(0);
    expect(gone.filter((u) => !owned(u, "reporting-service"))).toEqual([]);

    // The entries in reverse order.
    const rerun = await scenarioRun("reorder-entries");
    expect(urns(rerun)).toEqual(before);
    // Same inputs too: reordering is not a change at all.
    for (const r of recordedRun("us-prod").resources)
      expect([r.key, rerun.byKey.get(r.key)!.inputs]).toEqual([r.key, r.inputs]);
  });
});

describe("URN stability of the data layer", () => {
  it("a new store and its consumer add only their own URNs; the others' keep their names and inputs", async () => {
    const before = recordedRun("us-dev");
    // postgres-reviews, and review-service that needs it and redis-cache.
    const after = await scenarioRun("add-store-and-consumer");
    const names = new Set(before.resources.map((r) => r.urn));
    const fresh = after.resources.filter((r) => !names.has(r.urn));
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.filter((r) => !/(postgres-reviews|review-service)/.test(r.name)).map((r) => r.key)).toEqual(
      [],
    );
    expect(before.resources.filter((r) => !after.byKey.has(r.key)).map((r) => r.key)).toEqual([]);
    // Nothing of another store changes: the data layer depends on each store's own entry only.
    for (const r of before.resources.filter(
      (x) => x.type.startsWith("aws:") || x.type.startsWith("vault:"),
    )) {
      expect([r.key, after.byKey.get(r.key)!.inputs]).toEqual([r.key, r.inputs]);
    }
  });
});
