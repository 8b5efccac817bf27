/**
 * URNs follow catalog names: adding, removing or reordering entries renames nothing else. The
 * changed stack is run again reading the deployed outputs of the stacks it reads (their
 * recordings), as when only it is deployed again: URNs are the stack's own.
 */
import { catalog } from "../../config";
import { runProgram, type ProgramRun } from "../../harness/engine";
import { deployedOutputs, loadRecordedRuns, recordedRun } from "../helpers/runs";

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

    const added = structuredClone(catalog);
    added.entries["gift-card-service"] = {
      ...added.entries["pdf-service"]!,
      description: "Gift cards",
      needs: ["redis-cache", "auth-service"],
    };
    const afterAdd = urns(
      await runProgram("us-prod", { catalog: added, stackReferences: deployedOutputs("us-prod") }),
    );
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

    const removed = structuredClone(catalog);
    delete removed.entries["reporting-service"];
    const afterRemove = urns(
      await runProgram("us-prod", { catalog: removed, stackReferences: deployedOutputs("us-prod") }),
    );
    expect([...afterRemove].filter((u) => !before.has(u))).toEqual([]);
    const gone = [...before].filter((u) => !afterRemove.has(u));
    expect(gone.length).toBeGreaterThan(0);
    expect(gone.filter((u) => !owned(u, "reporting-service"))).toEqual([]);

    const reordered = structuredClone(catalog);
    reordered.entries = Object.fromEntries(Object.entries(reordered.entries).reverse());
    const rerun = await runProgram("us-prod", {
      catalog: reordered,
      stackReferences: deployedOutputs("us-prod"),
    });
    expect(urns(rerun)).toEqual(before);
    // Same inputs too: reordering is not a change at all.
    for (const r of recordedRun("us-prod").resources)
      expect([r.key, rerun.byKey.get(r.key)!.inputs]).toEqual([r.key, r.inputs]);
  });
});

describe("URN stability of the data layer", () => {
  it("a new store and its consumer add only their own URNs; the others' keep their names and inputs", async () => {
    const before = recordedRun("us-dev");
    const added = structuredClone(catalog);
    added.entries["postgres-reviews"] = {
      ...added.entries["postgres-auth"]!,
      description: "PostgreSQL for reviews",
      owner: "team-catalog",
      provides: [{ env: "REVIEW_DATABASE_URL", ref: "secret://postgres-reviews/url" }],
    };
    added.entries["review-service"] = {
      ...added.entries["pdf-service"]!,
      description: "Reviews",
      port: 8103,
      needs: ["postgres-reviews", "redis-cache"],
    };
    const after = await runProgram("us-dev", { catalog: added, stackReferences: deployedOutputs("us-dev") });
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
