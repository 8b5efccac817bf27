/**
 * The typed floor of the bench registers every resource the stacks register through its provider
 * package's own class: a new type that found none would quietly make the floor partly generic.
 */
import { typedClass } from "../../bench/floor";
import { loadRecordedRuns, recordedRun } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

describe("bench/floor.ts", () => {
  it("finds the provider class of every type the stacks register (custom Kubernetes kinds aside)", () => {
    const types = new Set(STACKS.flatMap((s) => recordedRun(s).resources.map((r) => r.type)));
    // A custom kind: a Kubernetes group with a dot that is neither Kubernetes' own nor Helm's.
    const custom = (t: string) => {
      const group = t.startsWith("kubernetes:") ? t.split(":")[1]!.split("/")[0]! : "";
      return group.includes(".") && !group.endsWith(".k8s.io") && group !== "helm.sh";
    };
    const missing = [...types].filter(
      (t) =>
        !t.startsWith("ecommerce:") && t !== "pulumi:pulumi:StackReference" && !custom(t) && !typedClass(t),
    );
    // Kubernetes' own kinds are among those checked.
    expect(
      [...types].filter((t) => t.startsWith("kubernetes:networking.k8s.io/") && !custom(t)).length,
    ).toBeGreaterThan(0);
    expect(missing).toEqual([]);
    expect(typedClass("kubernetes:apps/v1:Deployment")?.name).toBe("Deployment");
    expect(typedClass("aws:rds/instance:Instance")?.name).toBe("Instance");
    expect(typedClass("pulumi:providers:vault")?.name).toBe("Provider");
    expect(typedClass("aws:nothing/here:Thing")).toBeUndefined();
  });
});
