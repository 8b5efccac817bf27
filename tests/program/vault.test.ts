/**
 * Vault, least privilege, in every stack: one policy and one role per workload with secrets,
 * granting read on exactly its paths, bound to exactly its ServiceAccount and namespace, tokens of
 * an hour at most; the cluster's auth backend in its owner stack; the KV mount in platform-shared.
 */
import { catalog } from "../../config";
import { policyHcl } from "../../builders/vault";
import type { RecordedResource } from "../../harness/run";
import { loadRecordedRuns, named, objects, planFor, recordedRun, type Obj } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

const inputs = (r: RecordedResource) => r.inputs as Obj;
/** The paths an HCL policy grants, with their capabilities. */
function grants(hcl: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of hcl.matchAll(/path "([^"]+)" \{\s*capabilities = \[([^\]]*)\]\s*\}/g)) {
    out.set(
      m[1]!,
      m[2]!
        .split(",")
        .map((c) => c.trim().replace(/"/g, ""))
        .filter(Boolean),
    );
  }
  return out;
}

describe.each(STACKS)("Vault access of %s", (stack) => {
  const policies = () =>
    new Map(
      recordedRun(stack)
        .ofType("vault:index/policy:Policy")
        .map((r) => [inputs(r).name as string, inputs(r).policy as string]),
    );
  const roles = () =>
    recordedRun(stack).ofType("vault:kubernetes/authBackendRole:AuthBackendRole").map(inputs);

  it("gives each workload with secrets its own policy: read on exactly its paths, nothing else", () => {
    const plan = planFor(stack);
    const withSecrets = plan.workloads.filter((w) => w.vaultPolicyPaths.length);
    for (const w of withSecrets) {
      const hcl = policies().get(`ecommerce-platform-${stack}-${w.name}`);
      expect([w.name, hcl !== undefined]).toEqual([w.name, true]);
      const g = grants(hcl!);
      expect([w.name, new Set(g.keys())]).toEqual([w.name, new Set(w.vaultPolicyPaths)]);
      // Its own environment's paths, and those of the environments it declares it reaches.
      const reach = new Set([
        stack,
        ...(catalog.entries[w.name]!.crossEnvironmentNeeds ?? []).flatMap((x) => x.environments),
      ]);
      for (const [path, caps] of g) {
        expect([path, caps]).toEqual([path, ["read"]]);
        const m = /^kv\/data\/ecommerce-platform\/([a-z0-9-]+)\/[a-z0-9-]+$/.exec(path);
        expect([path, m !== null && reach.has(m[1]!)]).toEqual([path, true]);
      }
    }
    expect(policies().size).toBe(withSecrets.length + 1);
  });

  it("binds each role to exactly its ServiceAccount and namespace, its own policy, tokens of an hour at most", () => {
    for (const r of roles()) {
      expect(r.boundServiceAccountNamespaces).toEqual([stack]);
      expect(r.boundServiceAccountNames).toHaveLength(1);
      expect(r.tokenPolicies).toEqual([r.roleName]);
      expect([r.audience, r.tokenTtl <= 3600, r.tokenMaxTtl <= 3600, r.tokenNoDefaultPolicy]).toEqual([
        "vault",
        true,
        true,
        true,
      ]);
      expect(r.backend).toBe(`kubernetes-${planFor(stack).cluster}`);
      const sa = r.boundServiceAccountNames[0];
      expect(r.roleName).toBe(
        sa === "external-secrets-vault" ? `ecommerce-platform-${stack}` : `ecommerce-platform-${stack}-${sa}`,
      );
    }
  });

  it("has the platform role read only the namespace's own platform secrets (certificates, ClickHouse)", () => {
    const plan = planFor(stack);
    const expected = new Set([
      ...plan.certificates.flatMap((c) => [c.vault.certificate.policyPath, c.vault.privateKey.policyPath]),
      ...(plan.data?.clickhouse ? [`kv/data/ecommerce-platform/${stack}/clickhouse`] : []),
    ]);
    expect(new Set(grants(policies().get(`ecommerce-platform-${stack}`)!).keys())).toEqual(expected);
  });

  it("lets every ExternalSecret authenticate only as its own workload, or as the platform role for platform objects", () => {
    const workloads = new Set(planFor(stack).workloads.map((w) => w.name));
    for (const es of objects(stack, "ExternalSecret")) {
      const ref = es.spec.secretStoreRef;
      if (workloads.has(es.metadata.name)) {
        expect(ref).toEqual({ kind: "SecretStore", name: `vault-${es.metadata.name}` });
        const store = named(stack, "SecretStore", ref.name);
        expect(store.spec.provider.vault.auth.kubernetes.serviceAccountRef.name).toBe(es.metadata.name);
      } else {
        expect([es.metadata.name, ref]).toEqual([
          es.metadata.name,
          { kind: "ClusterSecretStore", name: `vault-${stack}` },
        ]);
      }
    }
  });
});

describe("the cluster's auth backend and the KV mount", () => {
  it("each cluster's add-on owner configures its Kubernetes auth, with the catalog's API server and no stored reviewer token", () => {
    for (const [cluster, spec] of Object.entries(catalog.clusters)) {
      for (const s of STACKS.filter((x) => catalog.environments[x]!.cluster === cluster)) {
        const backends = recordedRun(s).ofType("vault:index/authBackend:AuthBackend");
        expect([s, backends.length]).toEqual([s, s === spec.addonOwner ? 1 : 0]);
      }
      const owner = recordedRun(spec.addonOwner);
      const backend = inputs(owner.ofType("vault:index/authBackend:AuthBackend")[0]!);
      expect(backend).toMatchObject({ type: "kubernetes", path: `kubernetes-${cluster}` });
      expect(owner.ofType("vault:index/authBackend:AuthBackend")[0]!.options.protect).toBe(true);
      const config = owner.ofType("vault:kubernetes/authBackendConfig:AuthBackendConfig")[0]!;
      expect(inputs(config)).toMatchObject({ kubernetesHost: spec.apiServer, disableLocalCaJwt: true });
      expect(inputs(config).tokenReviewerJwt).toBeUndefined();
      expect(config.secretPaths).toContain("kubernetesCaCert");
      const binding = named(spec.addonOwner, "ClusterRoleBinding", "vault-token-review");
      expect(binding.roleRef.name).toBe("system:auth-delegator");
      expect(binding.subjects.map((x: Obj) => x.name).sort()).toEqual(
        STACKS.filter((x) => catalog.environments[x]!.cluster === cluster)
          .map((x) => `system:serviceaccounts:${x}`)
          .sort(),
      );
    }
  });

  it("platform-shared, and only it, owns the KV v2 mount, protected", () => {
    for (const s of STACKS) {
      const mounts = recordedRun(s).ofType("vault:index/mount:Mount");
      expect([s, mounts.length]).toEqual([s, s === "platform-shared" ? 1 : 0]);
    }
    const m = recordedRun("platform-shared").ofType("vault:index/mount:Mount")[0]!;
    expect(inputs(m)).toMatchObject({ path: "kv", type: "kv", options: { version: "2" } });
    expect(m.options.protect).toBe(true);
  });
});

describe("policies as HCL", () => {
  it("grant read on each path and nothing else", () => {
    expect(policyHcl(["kv/data/a/b"])).toBe('path "kv/data/a/b" {\n  capabilities = ["read"]\n}\n');
    expect(grants(policyHcl(["kv/data/x", "kv/data/y"]))).toEqual(
      new Map([
        ["kv/data/x", ["read"]],
        ["kv/data/y", ["read"]],
      ]),
    );
  });
});
