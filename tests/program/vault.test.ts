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

/** The role and policy of cert-manager's DNS-01 solver, in each cluster's add-on owner. */
const dns01Role = (cluster: string) => `ecommerce-platform-${cluster}-cert-manager-dns01`;
/** The cluster-wide roles of the add-on owner (DNS-01, telemetry), tested on their own below. */
const isDns01 = (name: string) => /^ecommerce-platform-.+-(cert-manager-dns01|telemetry)$/.test(name);

describe.each(STACKS)("Vault access of %s", (stack) => {
  // The environment's own: everything but the cluster's DNS-01 role (tested below).
  const policies = () =>
    new Map(
      recordedRun(stack)
        .ofType("vault:index/policy:Policy")
        .map((r): [string, string] => [inputs(r).name as string, inputs(r).policy as string])
        .filter(([name]) => !isDns01(name)),
    );
  const roles = () =>
    recordedRun(stack)
      .ofType("vault:kubernetes/authBackendRole:AuthBackendRole")
      .map(inputs)
      .filter((r) => !isDns01(r.roleName as string));

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
    expect(policies().size).toBe(withSecrets.length + 1 + (plan.vault?.services.length ?? 0));
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
      const service = planFor(stack).vault?.services.find((x) => x.serviceAccount === sa);
      expect(r.roleName).toBe(
        sa === "external-secrets-vault"
          ? `ecommerce-platform-${stack}`
          : `ecommerce-platform-${stack}-${service ? service.service : sa}`,
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
    const services = planFor(stack).vault?.services ?? [];
    for (const es of objects(stack, "ExternalSecret").filter((x) => x.metadata.namespace === stack)) {
      const ref = es.spec.secretStoreRef;
      const service = services.find((x) => x.secretStore === ref.name);
      if (service) {
        // A central monitoring service's secret, read through its own store and account.
        const store = named(stack, "SecretStore", ref.name);
        expect(store.spec.provider.vault.auth.kubernetes).toMatchObject({
          role: service.name,
          serviceAccountRef: { name: service.serviceAccount, audiences: ["vault"] },
        });
      } else if (workloads.has(es.metadata.name)) {
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
      expect(binding.subjects.map((x: Obj) => `${x.kind} ${x.namespace ?? ""}/${x.name}`).sort()).toEqual(
        [
          ...STACKS.filter((x) => catalog.environments[x]!.cluster === cluster).map(
            (x) => `Group /system:serviceaccounts:${x}`,
          ),
          "ServiceAccount cert-manager/cert-manager-dns01",
          "ServiceAccount observability/telemetry-vault",
        ].sort(),
      );
    }
  });

  it.each(Object.keys(catalog.clusters))(
    "%s: cert-manager's DNS-01 solver reads exactly the cluster's Cloudflare token, as its own account",
    (cluster) => {
      const owner = catalog.clusters[cluster]!.addonOwner;
      const run = recordedRun(owner);
      const DNS01_ROLE = dns01Role(cluster);
      const path = `kv/data/ecommerce-platform/${owner}/cloudflare-dns01`;
      const policy = run
        .ofType("vault:index/policy:Policy")
        .map(inputs)
        .find((p) => p.name === DNS01_ROLE)!;
      expect(grants(policy.policy)).toEqual(new Map([[path, ["read"]]]));
      const role = run
        .ofType("vault:kubernetes/authBackendRole:AuthBackendRole")
        .map(inputs)
        .find((r) => r.roleName === DNS01_ROLE)!;
      expect(role).toMatchObject({
        backend: `kubernetes-${cluster}`,
        boundServiceAccountNames: ["cert-manager-dns01"],
        boundServiceAccountNamespaces: ["cert-manager"],
        tokenPolicies: [DNS01_ROLE],
        audience: "vault",
        tokenNoDefaultPolicy: true,
      });
      expect(role.tokenTtl).toBeLessThanOrEqual(3600);
      // Only the owner has it: one per cluster.
      for (const s of STACKS.filter((x) => x !== owner && catalog.environments[x]!.cluster === cluster))
        expect([
          s,
          recordedRun(s)
            .ofType("vault:index/policy:Policy")
            .map(inputs)
            .some((p) => p.name === DNS01_ROLE),
        ]).toEqual([s, false]);
      // The token's delivery: a store in cert-manager logging in as that account, the ExternalSecret, the issuer.
      const token = named(owner, "ExternalSecret", "cloudflare-dns01");
      expect(token.metadata.namespace).toBe("cert-manager");
      expect(token.spec.secretStoreRef).toEqual({ kind: "SecretStore", name: "vault-cloudflare-dns01" });
      expect(token.spec.data).toEqual([
        {
          secretKey: "api-token",
          remoteRef: { key: `ecommerce-platform/${owner}/cloudflare-dns01`, property: "api-token" },
        },
      ]);
      const store = named(owner, "SecretStore", "vault-cloudflare-dns01");
      expect(store.metadata.namespace).toBe("cert-manager");
      expect(store.spec.provider.vault.auth.kubernetes).toEqual({
        mountPath: `kubernetes-${cluster}`,
        role: DNS01_ROLE,
        serviceAccountRef: { name: "cert-manager-dns01", audiences: ["vault"] },
      });
      expect(named(owner, "ServiceAccount", "cert-manager-dns01").automountServiceAccountToken).toBe(false);
      const issuer = named(owner, "ClusterIssuer", "letsencrypt-production");
      const zones = new Set(
        STACKS.filter((x) => catalog.environments[x]!.cluster === cluster).map(
          (x) => catalog.regions[catalog.environments[x]!.region]!.domain,
        ),
      );
      expect(issuer.spec.acme.solvers).toEqual([
        {
          selector: { dnsZones: [...zones].sort() },
          dns01: { cloudflare: { apiTokenSecretRef: { name: token.spec.target.name, key: "api-token" } } },
        },
      ]);
    },
  );

  it("no two stacks write the same policy, and no two stacks the same role on a mount (one Vault serves all)", () => {
    const policies = STACKS.flatMap((s) =>
      recordedRun(s)
        .ofType("vault:index/policy:Policy")
        .map((r) => inputs(r).name),
    );
    expect(new Set(policies).size).toBe(policies.length);
    const roles = STACKS.flatMap((s) =>
      recordedRun(s)
        .ofType("vault:kubernetes/authBackendRole:AuthBackendRole")
        .map((r) => `${inputs(r).backend}/${inputs(r).roleName}`),
    );
    expect(new Set(roles).size).toBe(roles.length);
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
