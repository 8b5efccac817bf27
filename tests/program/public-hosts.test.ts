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
    const ingresses = objects(stack, "Ingress");
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
        plan.publicHosts.filter((h) => h.redirect).length,
    );
  });
});
