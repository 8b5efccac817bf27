/**
 * The Kubernetes side of every stack, from the real program run under Pulumi's mock engine:
 * what `pulumi up --stack <env>` would register, checked object by object.
 */
import { readStackConfig } from "../lib/stack-config";
import { catalog } from "../config";
import { CERT_MANAGER, EXTERNAL_SECRETS, KONG } from "../config/addons";
import { Workload } from "../components";
import { runInMockStack, runProgram, SECRET_PLACEHOLDER, type ProgramRun, type RecordedResource } from "../harness/engine";
import { kubernetesObjects } from "../harness/manifests";
import { hygieneViolations, restrictedViolations } from "../harness/pod-security";
import { VALIDATED_KINDS, validateManifests, type ManifestObject } from "../harness/schemas";
import {
  cpuMillis,
  entriesIn,
  memoryBytes,
  hostingOf,
  parseStackSettings,
  planEnvironment,
  planFigures,
  SECRET_LIKE_ENV,
  type EnvironmentPlan,
  type StackSettings,
} from "../planner";
import { STACKS } from "./helpers/catalog";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const runs = new Map<string, ProgramRun>();
const plans = new Map<string, EnvironmentPlan>();
const settings = new Map<string, StackSettings>();

beforeAll(async () => {
  for (const s of STACKS) {
    runs.set(s, await runProgram(s));
    settings.set(s, parseStackSettings(readStackConfig(s).values).settings!);
    plans.set(s, planEnvironment(catalog, s, settings.get(s)));
  }
});

const objects = (s: string, kind?: string): Obj[] => kubernetesObjects(runs.get(s)!).filter((o) => !kind || o.kind === kind);
const named = (s: string, kind: string, name: string): Obj => {
  const o = objects(s, kind).find((x) => x.metadata?.name === name);
  if (!o) throw new Error(`${s}: no ${kind} ${name}`);
  return o;
};
const resource = (s: string, key: string): RecordedResource => {
  const r = runs.get(s)!.byKey.get(key);
  if (!r) throw new Error(`${s}: no resource ${key}`);
  return r;
};

describe.each(STACKS)("stack %s", (stack) => {
  it("exports the plan's summary as stack outputs", () => {
    const plan = plans.get(stack)!;
    expect(runs.get(stack)!.outputs).toEqual({
      environment: stack,
      region: plan.region,
      domain: plan.domain,
      cluster: plan.cluster,
      namespace: stack,
      tier: plan.tier,
      publicEndpoints: Object.fromEntries(plan.publicHosts.map((h) => [h.entry, h.url])),
      dataStores: plan.dataStores.map((d) => d.name),
      figures: planFigures(plan),
      kubernetesNamespace: stack,
    });
  });

  it("has one Kubernetes provider: the stack's secret kubeconfig, server-side apply, its namespace as default", () => {
    const providers = runs.get(stack)!.ofType("pulumi:providers:kubernetes");
    expect(providers.map((p) => p.name)).toEqual([`${stack}-k8s`]);
    const p = providers[0]!;
    expect(p.inputs).toMatchObject({ kubeconfig: SECRET_PLACEHOLDER("ecommerce-platform:kubeconfig"), namespace: stack });
    expect(JSON.parse(String(p.inputs.enableServerSideApply))).toBe(true);
    expect(p.secretPaths).toEqual(["kubeconfig"]);
    for (const r of runs.get(stack)!.resources.filter((x) => x.type.startsWith("kubernetes:"))) {
      expect([r.key, r.provider]).toEqual([r.key, p.key]);
    }
  });

  it("labels its namespace restricted (enforce, audit, warn), denies all traffic by default, allows DNS", () => {
    const ns = named(stack, "Namespace", stack);
    for (const mode of ["enforce", "audit", "warn"]) expect(ns.metadata.labels[`pod-security.kubernetes.io/${mode}`]).toBe("restricted");
    expect(named(stack, "NetworkPolicy", "default-deny").spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    const dns = named(stack, "NetworkPolicy", "allow-dns").spec;
    expect(dns.policyTypes).toEqual(["Egress"]);
    expect(dns.egress[0].ports).toEqual([{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }]);
    expect(dns.egress[0].to[0].podSelector.matchLabels).toEqual({ "k8s-app": "kube-dns" });
    const tier = plans.get(stack)!.tier;
    const nsResource = resource(stack, `kubernetes:core/v1:Namespace::${stack}-namespace`);
    expect([nsResource.options.protect, nsResource.options.retainOnDelete]).toEqual([tier === "production", tier === "production"]);
  });

  it("caps the namespace at its workloads' full scale, and lets Kong reach ACME solvers where Let's Encrypt is used", () => {
    const plan = plans.get(stack)!;
    const quota = objects(stack, "ResourceQuota");
    const solver = objects(stack, "NetworkPolicy").filter((p) => p.metadata.name === "allow-acme-http01-solver");
    expect(solver.length).toBe(plan.publicHosts.some((h) => h.tls.mode === "letsencrypt") ? 1 : 0);
    for (const p of solver) {
      expect(p.spec.podSelector.matchLabels).toEqual({ "acme.cert-manager.io/http01-solver": "true" });
      expect(p.spec.ingress[0].ports).toEqual([{ protocol: "TCP", port: 8089 }]);
    }
    if (!plan.workloads.length) {
      expect(quota).toEqual([]);
      return;
    }
    // Recomputed from the registered objects: every Deployment at its HPA's maximum plus a 25% surge.
    let pods = 0;
    let cpuLimits = 0;
    let memLimits = 0;
    for (const d of objects(stack, "Deployment")) {
      const hpa = objects(stack, "HorizontalPodAutoscaler").find((h) => h.metadata.name === d.metadata.name);
      const max = hpa ? hpa.spec.maxReplicas : d.spec.replicas;
      const n = max + Math.ceil(max / 4);
      const limits = d.spec.template.spec.containers[0].resources.limits;
      pods += n;
      cpuLimits += n * cpuMillis(limits.cpu);
      memLimits += n * memoryBytes(limits.memory);
    }
    const hard = quota[0]!.spec.hard;
    expect(Number(hard.pods) - pods).toBe(10);
    expect(cpuMillis(hard["limits.cpu"]) - cpuLimits).toBe(10 * 100);
    expect(memoryBytes(hard["limits.memory"]) - memLimits).toBe(10 * 128 * 2 ** 20);
    expect(hard["services.loadbalancers"]).toBe("0");
    const range = named(stack, "LimitRange", "container-defaults").spec.limits[0];
    const biggest = Math.max(...objects(stack, "Deployment").map((d) => memoryBytes(d.spec.template.spec.containers[0].resources.limits.memory)));
    expect(memoryBytes(range.max.memory)).toBe(biggest);
  });

  it("creates one Workload component per planned workload, and nothing for other entries", () => {
    const plan = plans.get(stack)!;
    const expected = entriesIn(stack, catalog).filter((n) => hostingOf(catalog.entries[n]!) === "deployment");
    expect(runs.get(stack)!.ofType("ecommerce:k8s:Workload").map((r) => r.name).sort()).toEqual(expected);
    expect(objects(stack, "Deployment").map((d) => d.metadata.name).sort()).toEqual(expected);
    for (const w of plan.workloads) {
      const has = (kind: string) => objects(stack, kind).some((o) => o.metadata.name === w.name);
      expect([w.name, has("ServiceAccount"), has("NetworkPolicy"), has("Service"), has("HorizontalPodAutoscaler"), has("PodDisruptionBudget"), has("ExternalSecret")]).toEqual([
        w.name,
        true,
        true,
        w.service,
        plan.tier !== "development",
        w.replicas >= 2,
        w.env.some((v) => v.secret),
      ]);
    }
  });

  it("sizes Deployments, autoscalers and disruption budgets from the environment", () => {
    const plan = plans.get(stack)!;
    for (const d of objects(stack, "Deployment")) expect([d.metadata.name, d.spec.replicas]).toEqual([d.metadata.name, plan.replicas]);
    for (const h of objects(stack, "HorizontalPodAutoscaler")) {
      expect(h.spec.minReplicas).toBeGreaterThanOrEqual(plan.replicas);
      expect(h.spec.maxReplicas).toBeGreaterThan(h.spec.minReplicas);
      expect(h.spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: h.metadata.name });
    }
    for (const p of objects(stack, "PodDisruptionBudget")) expect(p.spec.maxUnavailable).toBe(1);
    for (const r of runs.get(stack)!.ofType("kubernetes:apps/v1:Deployment")) {
      const hasHpa = objects(stack, "HorizontalPodAutoscaler").some((h) => `${h.metadata.name}-deployment` === r.name);
      expect([r.name, r.options.ignoreChanges]).toEqual([r.name, hasHpa ? ["spec.replicas"] : []]);
      expect(r.options.dependsOn).toContain(r.name.replace(/-deployment$/, "-sa").replace(/^/, "kubernetes:core/v1:ServiceAccount::"));
    }
  });

  it("every Deployment passes Pod Security restricted and the hygiene checks", () => {
    const deployments = objects(stack, "Deployment");
    expect(deployments.length).toBe(plans.get(stack)!.workloads.length);
    for (const d of deployments) {
      expect([d.metadata.name, restrictedViolations(d), hygieneViolations(d)]).toEqual([d.metadata.name, [], []]);
      const c = d.spec.template.spec.containers[0];
      expect(c.securityContext).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
      expect(d.spec.template.spec.securityContext.runAsUser).toBeGreaterThan(0);
      expect(d.spec.template.spec.serviceAccountName).toBe(d.metadata.name);
    }
  });

  it("NetworkPolicies admit exactly the catalog's in-cluster edges, in both directions", () => {
    const here = new Set(entriesIn(stack, catalog).filter((n) => hostingOf(catalog.entries[n]!) === "deployment"));
    const expected = new Set<string>();
    for (const n of here) for (const d of catalog.entries[n]!.needs ?? []) if (here.has(d)) expected.add(`${n}->${d}:${catalog.entries[d]!.port}`);

    const egress = new Set<string>();
    const ingress = new Set<string>();
    for (const p of objects(stack, "NetworkPolicy").filter((x) => here.has(x.metadata.name))) {
      const self = p.spec.podSelector.matchLabels["app.kubernetes.io/name"];
      expect(p.spec.policyTypes).toEqual(["Ingress", "Egress"]);
      for (const rule of p.spec.egress ?? []) {
        for (const peer of rule.to) {
          const to = peer.podSelector?.matchLabels?.["app.kubernetes.io/name"];
          if (to && !peer.namespaceSelector) for (const port of rule.ports) egress.add(`${self}->${to}:${port.port}`);
        }
      }
      for (const rule of p.spec.ingress ?? []) {
        for (const peer of rule.from) {
          const from = peer.podSelector?.matchLabels?.["app.kubernetes.io/name"];
          if (from && !peer.namespaceSelector) for (const port of rule.ports) ingress.add(`${from}->${self}:${port.port}`);
        }
      }
    }
    expect(egress).toEqual(expected);
    expect(ingress).toEqual(expected);
  });

  it("NetworkPolicies reach managed stores, Vault and peers only at their address ranges and ports", () => {
    const plan = plans.get(stack)!;
    const s = settings.get(stack)!;
    for (const w of plan.workloads) {
      const rules: Obj[] = named(stack, "NetworkPolicy", w.name).spec.egress;
      expect(rules).toHaveLength(w.egress.length);
      for (const e of w.egress) {
        const port = e.port;
        const cidrs = (r: Obj) => r.to.map((p: Obj) => p.ipBlock?.cidr).filter(Boolean).sort();
        const matching = rules.filter((r) => r.ports[0].port === port);
        if (e.via === "managed") {
          // Cross-environment: the peer's own data subnets, as its stack file states them.
          const want = settings.get(e.toEnvironment)!.dataSubnetCidrs.slice().sort();
          expect(matching.map(cidrs)).toContainEqual(want);
        } else if (e.via === "vault") {
          expect(matching.map(cidrs)).toContainEqual([s.vaultCidr]);
        }
      }
    }
    // Who may reach a workload from outside the namespace: the gateway for public and routed
    // workloads, the telemetry agents on the metrics port, nobody else.
    for (const w of plan.workloads) {
      const rules: Obj[] = named(stack, "NetworkPolicy", w.name).spec.ingress ?? [];
      const namespaces = rules.flatMap((r) => r.from.map((p: Obj) => p.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"]).filter(Boolean));
      expect([w.name, namespaces.sort()]).toEqual([w.name, [...(w.callers.includes("gateway") ? [KONG.namespace] : []), ...(w.metrics ? ["observability"] : [])].sort()]);
      const scrape = rules.filter((r) => r.from[0].namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === "observability");
      expect(scrape.map((r) => [r.from[0].podSelector.matchLabels, r.ports])).toEqual(
        w.metrics ? [[{ "app.kubernetes.io/name": "prometheus" }, [{ protocol: "TCP", port: w.metrics.port }]]] : [],
      );
    }
  });

  it("every public host has an Ingress with TLS and the right issuer or certificate secret", () => {
    const plan = plans.get(stack)!;
    const ingresses = objects(stack, "Ingress");
    expect(ingresses.map((i) => i.spec.rules[0].host).sort()).toEqual(plan.publicHosts.map((h) => h.host).sort());
    for (const h of plan.publicHosts) {
      const ing = named(stack, "Ingress", h.entry);
      expect(ing.spec.ingressClassName).toBe("kong");
      expect(ing.spec.tls).toEqual([{ hosts: [h.host], secretName: h.tls.secretName }]);
      expect(ing.metadata.annotations["konghq.com/protocols"]).toBe("https");
      expect(ing.metadata.annotations["konghq.com/https-redirect-status-code"]).toBe("301");
      if (h.tls.mode === "letsencrypt") {
        expect(ing.metadata.annotations["cert-manager.io/cluster-issuer"]).toBe("letsencrypt-production");
      } else {
        expect(ing.metadata.annotations["cert-manager.io/cluster-issuer"]).toBeUndefined();
        const cert = named(stack, "ExternalSecret", h.tls.certificate);
        expect(cert.spec.target).toMatchObject({ name: h.tls.secretName, template: { type: "kubernetes.io/tls" } });
        expect(cert.spec.data.map((d: Obj) => d.secretKey)).toEqual(["tls.crt", "tls.key"]);
        expect(cert.spec.data[0].remoteRef.key).toBe(`ecommerce-platform/${stack}/${h.tls.certificate}`);
      }
      const backends = ing.spec.rules[0].http.paths.map((p: Obj) => `${p.path} ${p.backend.service.name}:${p.backend.service.port.number}`);
      expect(backends).toEqual(h.backends.map((b) => `${b.path} ${b.service}:${b.port}`));
      if (h.rateLimited) {
        const plugin = named(stack, "KongPlugin", ing.metadata.annotations["konghq.com/plugins"]);
        expect(plugin).toMatchObject({ plugin: "rate-limiting", config: { limit_by: "ip" } });
        expect(plugin.config.minute).toBeGreaterThan(0);
      }
    }
    expect(objects(stack, "KongPlugin")).toHaveLength(plan.publicHosts.filter((h) => h.rateLimited).length);
  });

  it("every workload's secrets come through its ExternalSecret, exactly the catalog's, from its Vault paths", () => {
    const plan = plans.get(stack)!;
    for (const w of plan.workloads) {
      const secretVars = w.env.filter((v) => v.secret);
      const container = named(stack, "Deployment", w.name).spec.template.spec.containers[0];
      const fromSecret = container.env.filter((e: Obj) => e.valueFrom).map((e: Obj) => `${e.name} ${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}`);
      expect([w.name, fromSecret]).toEqual([w.name, secretVars.map((v) => `${v.name} ${w.name}-secrets/${v.name}`)]);
      if (!secretVars.length) continue;
      const es = named(stack, "ExternalSecret", w.name);
      expect(es.spec.secretStoreRef).toEqual({ kind: "ClusterSecretStore", name: `vault-${stack}` });
      expect(es.spec.target.name).toBe(`${w.name}-secrets`);
      expect(es.spec.data).toEqual(secretVars.map((v) => ({ secretKey: v.name, remoteRef: { key: v.secret!.key, property: v.secret!.property } })));
      const declared = [...(catalog.entries[w.name]!.secrets ?? []).map((s) => s.env)];
      for (const d of declared) expect(es.spec.data.map((x: Obj) => x.secretKey)).toContain(d);
    }
  });

  it("no secret value anywhere in the recorded inputs", () => {
    expect(objects(stack, "Secret")).toEqual([]);
    const placeholder = SECRET_PLACEHOLDER("ecommerce-platform:kubeconfig");
    for (const r of runs.get(stack)!.resources) {
      const text = JSON.stringify(r.inputs);
      if (r.type !== "pulumi:providers:kubernetes") expect([r.key, text.includes(placeholder)]).toEqual([r.key, false]);
    }
    for (const d of objects(stack, "Deployment")) {
      for (const e of d.spec.template.spec.containers[0].env) {
        if (SECRET_LIKE_ENV.test(e.name) && !e.name.startsWith("NEXT_PUBLIC_")) expect([d.metadata.name, e.name, e.value]).toEqual([d.metadata.name, e.name, undefined]);
      }
    }
  });

  it("every Kubernetes object validates against the Kubernetes OpenAPI and CRD schemas", async () => {
    const objs = objects(stack) as ManifestObject[];
    for (const kind of new Set(objs.map((o) => `${o.apiVersion}/${o.kind}`))) expect(VALIDATED_KINDS).toContain(kind);
    expect(await validateManifests(objs)).toEqual([]);
  });
});

describe("cluster add-ons", () => {
  it("are created by exactly the stack the catalog names as each cluster's owner", () => {
    expect(objects("platform-shared", "Namespace").map((n) => n.metadata.name).sort()).toEqual(["cert-manager", "external-secrets", "kong", "platform-shared"]);
    for (const [cluster, spec] of Object.entries(catalog.clusters)) {
      const onCluster = STACKS.filter((s) => catalog.environments[s]!.cluster === cluster);
      const withAddons = onCluster.filter((s) => runs.get(s)!.ofType("ecommerce:k8s:ClusterAddons").length > 0);
      expect([cluster, withAddons]).toEqual([cluster, [spec.addonOwner]]);
      const owner = runs.get(spec.addonOwner)!;
      const charts = owner.ofType("kubernetes:helm.sh/v4:Chart").map((c) => `${c.inputs.name}: ${c.inputs.chart}@${c.inputs.version} ${(c.inputs.repositoryOpts as Obj).repo} -n ${c.inputs.namespace}`);
      expect(charts).toEqual([CERT_MANAGER, EXTERNAL_SECRETS, KONG].map((p) => `${p.chart}: ${p.chart}@${p.version} ${p.repository} -n ${p.namespace}`));
      for (const c of owner.ofType("kubernetes:helm.sh/v4:Chart")) expect([c.name, c.options.protect]).toEqual([c.name, true]);
      const stores = objects(spec.addonOwner, "ClusterSecretStore");
      expect(stores.map((s) => s.metadata.name)).toEqual(onCluster.map((s) => `vault-${s}`).sort());
      for (const s of stores) {
        const env = s.metadata.name.replace(/^vault-/, "");
        expect(s.spec.conditions).toEqual([{ namespaces: [env] }]);
        expect(s.spec.provider.vault).toMatchObject({ server: settings.get(spec.addonOwner)!.vaultAddress, path: "kv", version: "v2" });
        expect(s.spec.provider.vault.auth.kubernetes).toEqual({
          mountPath: `kubernetes-${cluster}`,
          role: `ecommerce-platform-${env}`,
          serviceAccountRef: { name: "external-secrets-vault", namespace: env, audiences: ["vault"] },
        });
      }
      expect(named(spec.addonOwner, "ClusterIssuer", "letsencrypt-production").spec.acme.solvers).toEqual([{ http01: { ingress: { ingressClassName: "kong" } } }]);
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
      const names = objects(s).filter((o) => clusterScoped.has(o.kind)).map((o) => `${o.kind}/${o.metadata.name}`);
      const owner = catalog.clusters[catalog.environments[s]!.cluster]!.addonOwner === s;
      if (!owner) expect([s, names]).toEqual([s, [`Namespace/${s}`]]);
      else expect(names.length).toBeGreaterThan(1);
    }
  });
});

describe("the checks can fail", () => {
  const base = (): Obj => structuredClone(objects("us-prod", "Deployment")[0]!);

  it("Pod Security flags a privileged, root, host-network pod", () => {
    const d = base();
    const pod = d.spec.template.spec;
    pod.hostNetwork = true;
    pod.securityContext = {};
    pod.containers[0].securityContext = { privileged: true, capabilities: { add: ["SYS_ADMIN"] } };
    pod.volumes.push({ name: "docker", hostPath: { path: "/var/run/docker.sock" } });
    expect(restrictedViolations(d)).toEqual([
      "hostNetwork is set",
      "volume docker is of type hostPath",
      `container ${pod.containers[0].name} is privileged`,
      `container ${pod.containers[0].name} allows privilege escalation`,
      `container ${pod.containers[0].name} may run as root`,
      `container ${pod.containers[0].name} has no RuntimeDefault seccomp profile`,
      `container ${pod.containers[0].name} does not drop ALL capabilities`,
      `container ${pod.containers[0].name} adds capability SYS_ADMIN`,
    ]);
  });

  it("hygiene flags an unpinned image, a missing probe and limit, the default ServiceAccount", () => {
    const d = base();
    const c = d.spec.template.spec.containers[0];
    c.image = "registry.example.com/ecommerce/x:latest";
    delete c.readinessProbe;
    delete c.resources.limits.memory;
    d.spec.template.spec.serviceAccountName = "default";
    d.spec.template.spec.topologySpreadConstraints = [];
    expect(hygieneViolations(d)).toEqual([
      "runs as the default ServiceAccount",
      "does not spread over topology.kubernetes.io/zone",
      "does not spread over kubernetes.io/hostname",
      `container ${c.name} image registry.example.com/ecommerce/x:latest is not pinned`,
      `container ${c.name} has no readinessProbe`,
      `container ${c.name} has no memory limit`,
    ]);
  });

  it("schema validation rejects wrong types, missing required fields and unknown kinds", async () => {
    const d = base();
    d.spec.template.spec.containers[0].ports[0].containerPort = "http";
    const es = structuredClone(objects("us-prod", "ExternalSecret")[0]!);
    delete es.spec.data[0].remoteRef.key;
    const plugin = { ...structuredClone(objects("us-prod", "KongPlugin")[0]!), configFrom: { secretKeyRef: { name: "x", key: "y" } } };
    const problems = await validateManifests([d, es, plugin, { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } }] as ManifestObject[]);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^Deployment us-prod\/.*containerPort/);
    expect(problems[1]).toMatch(/^ExternalSecret us-prod\/.*key/);
    expect(problems[2]).toMatch(/^KongPlugin us-prod\/api-gateway-rate-limit: data must NOT be valid/);
    expect(problems[3]).toBe("Widget w: no schema for example.com/v1/Widget");
  });
});

describe("bad input stops the program before anything is registered", () => {
  it("an invalid catalog throws every problem", async () => {
    const broken = structuredClone(catalog);
    broken.entries["auth-service"] = { ...broken.entries["auth-service"]!, needs: ["postgres-auht"] };
    broken.entries["web-app"] = { ...broken.entries["web-app"]!, tls: undefined };
    const failure = runProgram("us-prod", { catalog: broken });
    await expect(failure).rejects.toMatchObject({ registeredBeforeFailure: 0 });
    await expect(failure).rejects.toThrow(
      /^Invalid catalog: 2 problems:\n✗ \[needs-known\] entries\.auth-service\.needs: "postgres-auht" is not an entry\. Fix: did you mean "postgres-auth"\?\n✗ \[tls\] entries\.web-app\.tls: a public host has no TLS policy\./,
    );
  });

  it("missing or malformed stack settings are all listed", async () => {
    const failure = runProgram("eu-prod", {
      config: { "ecommerce-platform:vpcId": "vpc-XYZ", "ecommerce-platform:dataSubnetCidrs": "[]", "aws:region": "us-east-1" },
    });
    await expect(failure).rejects.toMatchObject({ registeredBeforeFailure: 0 });
    await expect(failure).rejects.toThrow(
      [
        "Invalid stack settings for eu-prod:",
        '✗ ecommerce-platform:vpcId must be a VPC id such as vpc-0a1b2c3d4e5f60718 (got "vpc-XYZ")',
        "✗ ecommerce-platform:dataSubnetCidrs must be a non-empty list of IPv4 CIDRs (got [])",
        "✗ aws:region is us-east-1, but cluster eu-k8s-prod runs in zones eu-west-1a, eu-west-1b, eu-west-1c",
      ].join("\n"),
    );
  });
});

describe("URN stability", () => {
  const urns = (run: ProgramRun) => new Set(run.resources.map((r) => r.urn));
  const owned = (urn: string, entry: string) => new RegExp(`::${entry}(-[a-z-]+)?$`).test(urn);

  it("adding, removing or reordering catalog entries changes no other entry's URN", async () => {
    const before = urns(runs.get("us-prod")!);

    const added = structuredClone(catalog);
    added.entries["gift-card-service"] = { ...added.entries["pdf-service"]!, description: "Gift cards", needs: ["redis-cache", "auth-service"] };
    const afterAdd = urns(await runProgram("us-prod", { catalog: added }));
    expect([...before].filter((u) => !afterAdd.has(u))).toEqual([]);
    expect([...afterAdd].filter((u) => !before.has(u)).every((u) => owned(u, "gift-card-service"))).toBe(true);
    // Nobody calls the new service: everything a workload gets but a Service.
    expect([...afterAdd].filter((u) => !before.has(u)).map((u) => u.split("::").pop()).sort()).toEqual(
      ["", "-deployment", "-hpa", "-netpol", "-pdb", "-sa", "-secrets"].map((s) => `gift-card-service${s}`),
    );

    const removed = structuredClone(catalog);
    delete removed.entries["reporting-service"];
    const afterRemove = urns(await runProgram("us-prod", { catalog: removed }));
    expect([...afterRemove].filter((u) => !before.has(u))).toEqual([]);
    const gone = [...before].filter((u) => !afterRemove.has(u));
    expect(gone.length).toBeGreaterThan(0);
    expect(gone.filter((u) => !owned(u, "reporting-service"))).toEqual([]);

    const reordered = structuredClone(catalog);
    reordered.entries = Object.fromEntries(Object.entries(reordered.entries).reverse());
    const rerun = await runProgram("us-prod", { catalog: reordered });
    expect(urns(rerun)).toEqual(before);
    // Same inputs too: reordering is not a change at all.
    for (const r of runs.get("us-prod")!.resources) expect([r.key, rerun.byKey.get(r.key)!.inputs]).toEqual([r.key, r.inputs]);
  });
});

describe("the Workload component on its own", () => {
  it("follows the component conventions and applies a transform to the child it names", async () => {
    const plan = plans.get("us-prod")!;
    const w = plan.workloads.find((x) => x.name === "order-service")!;
    const run = await runInMockStack("us-prod", () => {
      new Workload(
        "order-service",
        {
          plan,
          workload: w,
          catalog,
          settings: settings.get("us-prod")!,
          transform: { deployment: (d) => ({ ...d, metadata: { ...d.metadata, annotations: { ...d.metadata.annotations, "example.com/canary": "true" } } }) },
        },
      );
      return {};
    });
    const component = run.byKey.get("ecommerce:k8s:Workload::order-service")!;
    const children = run.resources.filter((r) => r.parent === component.key).map((r) => r.name).sort();
    expect(children).toEqual(["-deployment", "-hpa", "-netpol", "-pdb", "-sa", "-secrets", "-service"].map((s) => `order-service${s}`));
    const deployment = run.byKey.get("kubernetes:apps/v1:Deployment::order-service-deployment")!.inputs as Obj;
    expect(deployment.metadata.annotations["example.com/canary"]).toBe("true");
    // Everything else is as the program creates it.
    const fromProgram = runs.get("us-prod")!.byKey.get("kubernetes:apps/v1:Deployment::order-service-deployment")!.inputs as Obj;
    expect({ ...deployment, metadata: { ...deployment.metadata, annotations: {} } }).toEqual({ ...fromProgram, metadata: { ...fromProgram.metadata, annotations: {} } });
  });
});
