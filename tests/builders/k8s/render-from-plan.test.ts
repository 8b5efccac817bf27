/**
 * The Kubernetes builders render from the plan alone, and never widen access to make up for a
 * missing input: a range the plan lacks is an error, not an empty (admit-all) peer list.
 */
import { MissingRangeError, otlpPort, workloadObjects } from "../../../builders/k8s";
import { catalog } from "../../../config";
import type { Catalog } from "../../../config/types";
import type { EnvironmentPlan } from "../../../planner";
import { planFor } from "../../helpers/runs";

const withSettings = (
  plan: EnvironmentPlan,
  patch: Partial<EnvironmentPlan["settings"]>,
): EnvironmentPlan => ({
  ...plan,
  settings: { ...plan.settings, ...patch },
});
const workload = (plan: EnvironmentPlan, name: string) => plan.workloads.find((w) => w.name === name)!;

describe("egress needs the plan's address ranges", () => {
  it("renders every workload of every stack from its plan", () => {
    for (const stack of ["us-prod", "eu-staging", "asia-prod"]) {
      const plan = planFor(stack);
      for (const w of plan.workloads) expect(() => workloadObjects(plan, w, catalog)).not.toThrow();
    }
  });

  it("a managed store without data subnets is an error naming the edge", () => {
    const plan = withSettings(planFor("us-prod"), { dataSubnetCidrs: [] });
    expect(() => workloadObjects(plan, workload(plan, "order-service"), catalog)).toThrow(
      new MissingRangeError(
        "egress order-service → event-bus@us-prod: the plan has no data subnets (dataSubnetCidrs); an empty peer list would admit every address on port 9098",
      ),
    );
  });

  it("a cross-environment store without the peer's data subnets is an error", () => {
    const plan = withSettings(planFor("eu-prod"), { peerDataSubnetCidrs: { "us-prod": ["10.10.64.0/20"] } });
    expect(() => workloadObjects(plan, workload(plan, "data-sync-worker"), catalog)).toThrow(
      "egress data-sync-worker → event-bus@asia-prod: the plan has no data subnets of asia-prod (its stack file); an empty peer list would admit every address on port 9098",
    );
  });

  it("the peers' ranges, when present, are exactly the peers' own", () => {
    const plan = planFor("eu-prod");
    const rules = workloadObjects(plan, workload(plan, "data-sync-worker"), catalog).networkPolicy.spec as {
      egress: { to: { ipBlock?: { cidr: string } }[] }[];
    };
    const cidrs = new Set(
      rules.egress.flatMap((r) => r.to.flatMap((p) => (p.ipBlock ? [p.ipBlock.cidr] : []))),
    );
    const expected = new Set([
      ...plan.settings.dataSubnetCidrs,
      ...Object.values(plan.settings.peerDataSubnetCidrs ?? {}).flat(),
    ]);
    expect(cidrs).toEqual(expected);
  });
});

describe("values the plan must hold", () => {
  it("a plain variable without a value is an error, never an empty string", () => {
    const plan = planFor("us-prod");
    const w = workload(plan, "auth-service");
    const broken = {
      ...w,
      env: w.env.map((v) => (v.name === "VAULT_ADDR" ? { name: v.name, source: v.source, from: v.from } : v)),
    };
    expect(() => workloadObjects(plan, broken, catalog)).toThrow(
      "auth-service: variable VAULT_ADDR has neither a value nor a secret in the plan",
    );
  });

  it("VAULT_ADDR comes from the stack settings", () => {
    const plan = planFor("us-prod");
    expect(workload(plan, "auth-service").env.find((v) => v.name === "VAULT_ADDR")!.value).toBe(
      plan.settings.vaultAddress,
    );
  });

  it("an OTLP endpoint without a port is an error, never a guessed port", () => {
    const broken = structuredClone<Catalog>(catalog);
    broken.platform.telemetry.otlpEndpoint = "http://otel-collector.observability.svc.cluster.local";
    expect(() => otlpPort(broken)).toThrow(
      'platform.telemetry.otlpEndpoint "http://otel-collector.observability.svc.cluster.local" names no port',
    );
    expect(otlpPort(catalog)).toBe(4317);
  });
});
