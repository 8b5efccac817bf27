/**
 * The policy pack's rules (policy/rules.ts), the same functions `pulumi preview --policy-pack
 * policy` runs: none is broken by any stack the harness records, each is broken by a resource made
 * to break it, and an input a preview does not know yet is a note, never a violation.
 */
import { applies, policyViolations, RESOURCE_RULES, STACK_RULES } from "../../policy/rules";
import { loadRecordedRuns, recordedRun } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

type Obj = Record<string, any>;
const rule = (name: string) => RESOURCE_RULES.find((r) => r.name === name)!;
const resourcesOf = (stack: string) =>
  recordedRun(stack)
    .resources.filter((r) => !r.read)
    .map((r): { type: string; name: string; inputs: Obj } => ({
      type: r.type,
      name: r.name,
      inputs: r.inputs,
    }));

describe("the policy pack's rules", () => {
  it.each(STACKS)("%s breaks none of them", (stack) => {
    expect(policyViolations(resourcesOf(stack))).toEqual([]);
  });

  it("each resource rule applies to resources the stacks make", () => {
    const all = STACKS.flatMap(resourcesOf);
    for (const r of RESOURCE_RULES)
      expect([r.name, all.filter((x) => applies(r, x.type)).length > 0]).toEqual([r.name, true]);
  });

  it("each is broken by a resource made to break it, with its message", () => {
    const find = (stack: string, type: string) =>
      structuredClone(resourcesOf(stack).find((r) => r.type === type)!);
    const deployment = find("us-prod", "kubernetes:apps/v1:Deployment");
    deployment.inputs.spec.template.spec.hostNetwork = true;
    expect(rule("pods-restricted").check(deployment.inputs, deployment.type).violations).toContain(
      `Deployment ${deployment.inputs.metadata.name}: hostNetwork is set`,
    );
    const db = find("us-prod", "aws:rds/instance:Instance");
    db.inputs.storageEncrypted = false;
    db.inputs.publiclyAccessible = true;
    db.inputs.backupRetentionPeriod = 0;
    expect(rule("encrypted-at-rest-and-in-transit").check(db.inputs, db.type).violations).toEqual([
      "storageEncrypted is false, not true",
    ]);
    expect(rule("no-public-data-stores").check(db.inputs, db.type).violations).toEqual([
      "publiclyAccessible is true",
    ]);
    expect(rule("backups").check(db.inputs, db.type).violations).toEqual(["backupRetentionPeriod is 0"]);
    const ingress = find("us-prod", "kubernetes:networking.k8s.io/v1:Ingress");
    const host = ingress.inputs.spec.rules[0].host;
    delete ingress.inputs.spec.tls;
    expect(rule("tls-on-public-hosts").check(ingress.inputs, ingress.type).violations).toEqual([
      `no TLS for ${host}`,
    ]);
    const policy = find("us-prod", "vault:index/policy:Policy");
    policy.inputs.policy =
      'path "kv/data/ecommerce-platform/us-prod/*" {\n  capabilities = ["read", "update"]\n}';
    expect(rule("vault-read-only-policies").check(policy.inputs, policy.type).violations).toEqual([
      "path kv/data/ecommerce-platform/us-prod/* has a wildcard",
      "path kv/data/ecommerce-platform/us-prod/* grants read, update",
    ]);
    const record = resourcesOf("us-prod").find(
      (r) => r.type === "cloudflare:index/dnsRecord:DnsRecord" && r.inputs.proxied === true,
    )!;
    const unproxied = { ...record.inputs, proxied: false };
    expect(rule("dns-records-proxied").check(unproxied, record.type).violations).toEqual([
      `CNAME ${record.inputs.name} is not proxied`,
    ]);
    const withoutDeny = resourcesOf("us-prod").filter((r) => !r.name.endsWith("-default-deny"));
    expect(STACK_RULES[0]!.check(withoutDeny).violations).toEqual([
      "namespace us-prod has no default-deny NetworkPolicy",
    ]);
  });

  it("an input a preview does not know yet is a note, never a violation", () => {
    const verdict = rule("encrypted-at-rest-and-in-transit").check(
      { storageEncrypted: true },
      "aws:rds/instance:Instance",
    );
    expect(verdict).toEqual({ violations: [], unknown: ["kmsKeyId"] });
    expect(rule("vault-read-only-policies").check({}, "vault:index/policy:Policy")).toEqual({
      violations: [],
      unknown: ["policy"],
    });
  });
});
