/**
 * NetworkPolicies: exactly the catalog's edges, address ranges from the stack files.
 * The real program for every stack, as tests/global-setup.ts recorded it under the mock engine.
 */
import { catalog } from "../../config";
import { KONG } from "../../config/addons";
import { hostingOf } from "../../planner/kinds";
import { entriesIn } from "../../planner/placement";
import { loadRecordedRuns, named, type Obj, objects, planFor, settingsFor } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

describe.each(STACKS)("stack %s", (stack) => {
  it("NetworkPolicies admit exactly the catalog's in-cluster edges, in both directions", () => {
    const here = new Set(
      entriesIn(stack, catalog).filter((n) => hostingOf(catalog.entries[n]!) === "deployment"),
    );
    const expected = new Set<string>();
    for (const n of here)
      for (const d of catalog.entries[n]!.needs ?? [])
        if (here.has(d)) expected.add(`${n}->${d}:${catalog.entries[d]!.port}`);

    const egress = new Set<string>();
    const ingress = new Set<string>();
    for (const p of objects(stack, "NetworkPolicy").filter((x) => here.has(x.metadata.name))) {
      const self = p.spec.podSelector.matchLabels["app.kubernetes.io/name"];
      expect(p.spec.policyTypes).toEqual(["Ingress", "Egress"]);
      for (const rule of p.spec.egress ?? []) {
        for (const peer of rule.to) {
          const to = peer.podSelector?.matchLabels?.["app.kubernetes.io/name"];
          if (to && !peer.namespaceSelector)
            for (const port of rule.ports) egress.add(`${self}->${to}:${port.port}`);
        }
      }
      for (const rule of p.spec.ingress ?? []) {
        for (const peer of rule.from) {
          const from = peer.podSelector?.matchLabels?.["app.kubernetes.io/name"];
          if (from && !peer.namespaceSelector)
            for (const port of rule.ports) ingress.add(`${from}->${self}:${port.port}`);
        }
      }
    }
    expect(egress).toEqual(expected);
    expect(ingress).toEqual(expected);
  });

  it("NetworkPolicies reach managed stores, Vault and peers only at their address ranges and ports", () => {
    const plan = planFor(stack);
    const s = settingsFor(stack);
    for (const w of plan.workloads) {
      const rules: Obj[] = named(stack, "NetworkPolicy", w.name).spec.egress;
      expect(rules).toHaveLength(w.egress.length);
      for (const e of w.egress) {
        const port = e.port;
        const cidrs = (r: Obj) =>
          r.to
            .map((p: Obj) => p.ipBlock?.cidr)
            .filter(Boolean)
            .sort();
        const matching = rules.filter((r) => r.ports[0].port === port);
        if (e.via === "managed") {
          // Cross-environment: the peer's own data subnets, as its stack file states them.
          const want = settingsFor(e.toEnvironment).dataSubnetCidrs.slice().sort();
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
      const namespaces = rules.flatMap((r) =>
        r.from
          .map((p: Obj) => p.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"])
          .filter(Boolean),
      );
      expect([w.name, namespaces.sort()]).toEqual([
        w.name,
        [
          ...(w.callers.includes("gateway") ? [KONG.namespace] : []),
          ...(w.metrics ? ["observability"] : []),
        ].sort(),
      ]);
      const scrape = rules.filter(
        (r) => r.from[0].namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === "observability",
      );
      expect(scrape.map((r) => [r.from[0].podSelector.matchLabels, r.ports])).toEqual(
        w.metrics
          ? [[{ "app.kubernetes.io/name": "prometheus" }, [{ protocol: "TCP", port: w.metrics.port }]]]
          : [],
      );
    }
  });
});

describe.each(STACKS)("egress to the internet in %s", (stack) => {
  it("only for the third-party APIs and AWS endpoints a workload declares, on their ports", () => {
    const plan = planFor(stack);
    for (const w of plan.workloads) {
      const egress = (named(stack, "NetworkPolicy", w.name).spec.egress ?? []) as Obj[];
      const internet = egress
        .filter((r) => r.to.some((p: Obj) => p.ipBlock?.cidr === "0.0.0.0/0"))
        .flatMap((r) => r.ports.map((p: Obj) => p.port as number));
      const declared = w.egress
        .filter((e) => e.via === "external-api" || e.via === "aws-endpoint")
        .map((e) => e.port);
      expect([w.name, internet.sort()]).toEqual([w.name, declared.sort()]);
    }
    const payment = plan.workloads.find((w) => w.name === "payment-service");
    if (payment) {
      expect(payment.env.find((v) => v.name === "STRIPE_API_URL")?.value).toBe("https://api.stripe.com");
      expect(payment.egress.filter((e) => e.via === "external-api").map((e) => e.to)).toEqual([
        "paypal-api",
        "stripe-api",
      ]);
    }
  });
});
