/**
 * Cluster add-ons: created once per cluster, by its owner stack.
 * The real program for every stack, as tests/global-setup.ts recorded it under the mock engine.
 */
import { catalog } from "../../config";
import { ADDONS } from "../../config/addons";
import { loadRecordedRuns, named, type Obj, objects, recordedRun, settingsFor } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

describe("cluster add-ons", () => {
  it("are created by exactly the stack the catalog names as each cluster's owner", () => {
    expect(
      objects("platform-shared", "Namespace")
        .map((n) => n.metadata.name)
        .sort(),
    ).toEqual([...ADDONS.map((a) => a.namespace), "platform-shared"].sort());
    for (const [cluster, spec] of Object.entries(catalog.clusters)) {
      const onCluster = STACKS.filter((s) => catalog.environments[s]!.cluster === cluster);
      const withAddons = onCluster.filter(
        (s) => recordedRun(s).ofType("ecommerce:k8s:ClusterAddons").length > 0,
      );
      expect([cluster, withAddons]).toEqual([cluster, [spec.addonOwner]]);
      const owner = recordedRun(spec.addonOwner);
      const addonCharts = owner
        .ofType("kubernetes:helm.sh/v4:Chart")
        .filter((c) => c.parent?.includes("ecommerce:k8s:ClusterAddons"));
      const charts = addonCharts.map((c) => {
        const i = c.inputs as Obj;
        return `${i.name}: ${i.chart}@${i.version} ${i.repositoryOpts.repo} -n ${i.namespace}`;
      });
      expect(charts).toEqual(
        ADDONS.map((p) => `${p.chart}: ${p.chart}@${p.version} ${p.repository} -n ${p.namespace}`),
      );
      for (const c of addonCharts) expect([c.name, c.options.protect]).toEqual([c.name, true]);
      const stores = objects(spec.addonOwner, "ClusterSecretStore");
      expect(stores.map((s) => s.metadata.name)).toEqual(onCluster.map((s) => `vault-${s}`).sort());
      for (const s of stores) {
        const env = s.metadata.name.replace(/^vault-/, "");
        expect(s.spec.conditions).toEqual([{ namespaces: [env] }]);
        expect(s.spec.provider.vault).toMatchObject({
          // Each environment's own Vault address, from its own stack file.
          server: settingsFor(env).vaultAddress,
          path: "kv",
          version: "v2",
        });
        expect(s.spec.provider.vault.auth.kubernetes).toEqual({
          mountPath: `kubernetes-${cluster}`,
          role: `ecommerce-platform-${env}`,
          serviceAccountRef: { name: "external-secrets-vault", namespace: env, audiences: ["vault"] },
        });
      }
      // DNS-01 only (the solver is tested with its token in vault.test.ts): HTTP-01 would fail behind
      // Cloudflare's strict SSL before the origin has a certificate.
      const solvers = named(spec.addonOwner, "ClusterIssuer", "letsencrypt-production").spec.acme.solvers;
      expect(solvers.map((x: Obj) => Object.keys(x).sort())).toEqual([["dns01", "selector"]]);
    }
  });

  it("no two stacks on a cluster create the same object", () => {
    for (const cluster of Object.keys(catalog.clusters)) {
      const seen = new Map<string, string>();
      for (const s of STACKS.filter((x) => catalog.environments[x]!.cluster === cluster)) {
        for (const o of objects(s)) {
          const id = `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
          expect([id, seen.get(id)]).toEqual([id, undefined]);
          seen.set(id, s);
        }
      }
    }
  });

  it("only the owner stacks create cluster-scoped objects", () => {
    const clusterScoped = new Set(["Namespace", "ClusterIssuer", "ClusterSecretStore"]);
    for (const s of STACKS) {
      const names = objects(s)
        .filter((o) => clusterScoped.has(o.kind))
        .map((o) => `${o.kind}/${o.metadata.name}`);
      const owner = catalog.clusters[catalog.environments[s]!.cluster]!.addonOwner === s;
      if (!owner) expect([s, names]).toEqual([s, [`Namespace/${s}`]]);
      else expect(names.length).toBeGreaterThan(1);
    }
  });
});

describe("the add-ons as installed", () => {
  const owners = [...new Set(Object.values(catalog.clusters).map((c) => c.addonOwner))];
  const chart = (stack: string, name: string) =>
    recordedRun(stack)
      .ofType("kubernetes:helm.sh/v4:Chart")
      .find((c) => (c.inputs as Obj).chart === name)!;

  it("pass the values the pinned charts define, and none they dropped", () => {
    for (const s of owners) {
      const kong = chart(s, "kong").inputs as Obj;
      expect(kong.values.ingressController).toEqual({
        enabled: true,
        ingressClass: "kong",
        createIngressClass: false,
      });
      expect(kong.values.image).toEqual({ repository: "kong/kong-gateway", tag: "3.14" });
      const eso = chart(s, "external-secrets").inputs as Obj;
      // More than one controller replica needs leader election.
      expect([eso.values.replicaCount > 1, eso.values.leaderElect]).toEqual([true, true]);
      expect((chart(s, "cert-manager").inputs as Obj).values.crds).toEqual({ enabled: true, keep: true });
    }
  });

  it("create Kong's IngressClass once per cluster, protected, in the owner stack", () => {
    for (const [cluster, spec] of Object.entries(catalog.clusters)) {
      const onCluster = STACKS.filter((s) => catalog.environments[s]!.cluster === cluster);
      const withClass = onCluster.filter((s) => objects(s, "IngressClass").length > 0);
      expect([cluster, withClass]).toEqual([cluster, [spec.addonOwner]]);
      expect(named(spec.addonOwner, "IngressClass", "kong").spec).toEqual({
        controller: "ingress-controllers.konghq.com/kong",
      });
      const r = recordedRun(spec.addonOwner).ofType("kubernetes:networking.k8s.io/v1:IngressClass")[0]!;
      expect(r.options.protect).toBe(true);
    }
  });

  it("register each custom resource of an add-on after its chart", () => {
    for (const s of owners) {
      const run = recordedRun(s);
      const issuer = run.resources.find((r) => r.type === "kubernetes:cert-manager.io/v1:ClusterIssuer")!;
      expect(issuer.options.dependsOn).toEqual([chart(s, "cert-manager").key]);
      for (const store of run.ofType("kubernetes:external-secrets.io/v1:ClusterSecretStore")) {
        expect(store.options.dependsOn).toEqual([chart(s, "external-secrets").key]);
      }
    }
  });
});

describe("custom resources of an add-on owner", () => {
  it("each waits for the add-ons whose charts bring its CRDs, directly or through what it waits for", () => {
    const builtin = [
      "core",
      "apps",
      "networking.k8s.io",
      "policy",
      "rbac.authorization.k8s.io",
      "storage.k8s.io",
      "autoscaling",
      "batch",
      "helm.sh",
    ];
    for (const s of [...new Set(Object.values(catalog.clusters).map((c) => c.addonOwner))]) {
      const run = recordedRun(s);
      const waitsForAddons = (key: string, seen = new Set<string>()): boolean => {
        if (seen.has(key)) return false;
        seen.add(key);
        const r = run.byKey.get(key);
        if (!r) return false;
        return r.options.dependsOn.some(
          (d) =>
            d.startsWith("ecommerce:k8s:ClusterAddons::") ||
            d.startsWith("kubernetes:helm.sh/v4:Chart::") ||
            waitsForAddons(d, seen),
        );
      };
      const custom = run.resources.filter(
        (r) =>
          r.type.startsWith("kubernetes:") &&
          !r.read &&
          !builtin.includes(r.type.split(":")[1]!.split("/")[0]!) &&
          r.type.split(":")[1] !== "v1",
      );
      expect(custom.length).toBeGreaterThan(10);
      for (const r of custom) expect([s, r.key, waitsForAddons(r.key)]).toEqual([s, r.key, true]);
    }
  });
});
