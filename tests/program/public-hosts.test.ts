/**
 * Public hosts: an Ingress on Kong with TLS, rate limiting on API hosts.
 * The real program for every stack, as tests/global-setup.ts recorded it under the mock engine.
 */
import { loadRecordedRuns, named, type Obj, objects, planFor } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

describe.each(STACKS)("stack %s", (stack) => {
  it("every public host has an Ingress with TLS and the right issuer or certificate secret", () => {
    const plan = planFor(stack);
    // The public ones; the gateway's in-cluster twin is tested below.
    const ingresses = objects(stack, "Ingress").filter((i) => !i.metadata.name.endsWith("-internal"));
    expect(ingresses.map((i) => i.spec.rules[0].host).sort()).toEqual(
      plan.publicHosts.map((h) => h.host).sort(),
    );
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
        expect(cert.spec.target).toMatchObject({
          name: h.tls.secretName,
          template: { type: "kubernetes.io/tls" },
        });
        expect(cert.spec.data.map((d: Obj) => d.secretKey)).toEqual(["tls.crt", "tls.key"]);
        expect(cert.spec.data[0].remoteRef.key).toBe(`ecommerce-platform/${stack}/${h.tls.certificate}`);
      }
      const backends = ing.spec.rules[0].http.paths.map(
        (p: Obj) => `${p.path} ${p.backend.service.name}:${p.backend.service.port.number}`,
      );
      expect(backends).toEqual(h.backends.map((b) => `${b.path} ${b.service}:${b.port}`));
      if (h.rateLimited) {
        const plugin = named(stack, "KongPlugin", ing.metadata.annotations["konghq.com/plugins"]);
        expect(plugin).toMatchObject({ plugin: "rate-limiting", config: { limit_by: "ip" } });
        expect(plugin.config.minute).toBeGreaterThan(0);
      }
    }
    // A rate limit per API host, basic auth per host whose callers sign in (the ingest host).
    expect(objects(stack, "KongPlugin")).toHaveLength(
      plan.publicHosts.filter((h) => h.rateLimited).length +
        plan.publicHosts.filter((h) => h.auth).length +
        plan.publicHosts.filter((h) => h.redirect).length +
        // The gateway's in-cluster routes admit the cluster's own addresses only.
        plan.publicHosts.filter((h) => h.gateway).length,
    );
  });
});

describe.each(STACKS.filter((s) => planFor(s).gateway))(
  "the API gateway of %s inside the cluster",
  (stack) => {
    it("has its own name, Kong's routes for it, and its callers reach Kong's pods, not the internet", () => {
      const plan = planFor(stack);
      const g = plan.gateway!;
      const service = named(stack, "Service", g.name);
      expect(service.spec).toEqual({
        type: "ExternalName",
        externalName: "kong-proxy.kong.svc.cluster.local",
      });
      const internal = named(stack, "Ingress", `${g.name}-internal`);
      expect(internal.spec.rules[0].host).toBe(`${g.name}.${stack}.svc.cluster.local`);
      expect(internal.spec.tls).toBeUndefined();
      // Only the cluster's addresses (Kong takes a request from Cloudflare by its client's public
      // address), and the public host's rate limit.
      expect(internal.metadata.annotations["konghq.com/plugins"]).toBe(
        `${g.name}-cluster-only,${g.name}-rate-limit`,
      );
      expect(named(stack, "KongPlugin", `${g.name}-cluster-only`)).toMatchObject({
        plugin: "ip-restriction",
        config: { allow: [...plan.settings.clusterNodeCidrs].sort() },
      });
      expect(
        internal.spec.rules[0].http.paths.map(
          (p: Obj) => `${p.path} ${p.backend.service.name}:${p.backend.service.port.number}`,
        ),
      ).toEqual(
        named(stack, "Ingress", g.name).spec.rules[0].http.paths.map(
          (p: Obj) => `${p.path} ${p.backend.service.name}:${p.backend.service.port.number}`,
        ),
      );
      const callers = plan.workloads.filter((w) => w.egress.some((e) => e.via === "gateway"));
      expect(callers.length).toBeGreaterThan(0);
      for (const w of callers) {
        expect(w.env.find((v) => v.name === "API_GATEWAY_URL")?.value).toBe(
          `http://${g.name}.${stack}.svc.cluster.local`,
        );
        const egress = named(stack, "NetworkPolicy", w.name).spec.egress as Obj[];
        // No rule of the caller reaches the internet on 443 any more (its other externals aside).
        const toKong = egress.filter((r) =>
          r.to.some((p: Obj) => p.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === "kong"),
        );
        expect(toKong.map((r) => r.ports)).toEqual([[{ protocol: "TCP", port: 8000 }]]);
        expect(
          egress.some(
            (r) =>
              r.to.some((p: Obj) => p.ipBlock?.cidr === "0.0.0.0/0") &&
              r.ports.some((x: Obj) => x.port === 443),
          ),
        ).toBe(w.egress.some((e) => e.via === "aws-endpoint" && e.port === 443));
      }
    });
  },
);
