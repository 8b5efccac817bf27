/**
 * The platform's security and reliability rules, written once over a resource's type and inputs:
 * `policy/index.ts` runs them as a mandatory `@pulumi/policy` pack inside `pulumi preview` and
 * `up`, and the tests run them over every resource the harness records. During a preview some
 * inputs are not known yet: a rule then passes with a note, and never fails on an unknown. Rules
 * about resource options (`protect`, `retainOnDelete`) cannot be seen by a pack: the tests hold
 * them (tests/program/*). Pure.
 */
import { podTemplatesOf, restrictedViolations } from "../harness/pod-security";

type Obj = Record<string, any>;

export interface Verdict {
  violations: string[];
  /** Inputs not known yet (a preview): the rule could not decide them. */
  unknown: string[];
}

export interface ResourceRule {
  name: string;
  description: string;
  /** Resource types (exact, or a prefix ending in ":") it applies to. */
  types: readonly string[];
  check(inputs: Obj, type: string): Verdict;
}

export interface StackRule {
  name: string;
  description: string;
  check(resources: readonly { type: string; inputs: Obj }[]): Verdict;
}

const ok = (): Verdict => ({ violations: [], unknown: [] });
/** A field's value, or `undefined` and a note when a preview does not know it yet. */
function known(v: Verdict, inputs: Obj, path: string): unknown {
  const value = path
    .split(".")
    .reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Obj)[k] : undefined), inputs);
  if (value === undefined) v.unknown.push(path);
  return value;
}
const applies = (rule: { types: readonly string[] }, type: string) =>
  rule.types.some((t) => (t.endsWith(":") ? type.startsWith(t) : type === t));

export const RESOURCE_RULES: readonly ResourceRule[] = [
  {
    name: "pods-restricted",
    description: "Every pod template meets the Pod Security Standard `restricted`.",
    types: ["kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet", "kubernetes:batch/v1:CronJob"],
    check(inputs) {
      const v = ok();
      for (const t of podTemplatesOf(inputs))
        for (const x of restrictedViolations(t.deployment)) v.violations.push(`${t.name}: ${x}`);
      return v;
    },
  },
  {
    name: "encrypted-at-rest-and-in-transit",
    description: "Data stores encrypt their data at rest with a customer key, and in transit.",
    types: [
      "aws:rds/instance:Instance",
      "aws:elasticache/replicationGroup:ReplicationGroup",
      "aws:opensearch/domain:Domain",
      "aws:msk/cluster:Cluster",
    ],
    check(inputs, type) {
      const v = ok();
      const must = (path: string, expected: unknown) => {
        const value = known(v, inputs, path);
        if (value !== undefined && value !== expected)
          v.violations.push(`${path} is ${JSON.stringify(value)}, not ${JSON.stringify(expected)}`);
      };
      const present = (path: string) => {
        const value = known(v, inputs, path);
        if (value === null || value === "") v.violations.push(`${path} names no key`);
      };
      if (type === "aws:rds/instance:Instance") {
        must("storageEncrypted", true);
        present("kmsKeyId");
      }
      if (type === "aws:elasticache/replicationGroup:ReplicationGroup") {
        must("atRestEncryptionEnabled", true);
        must("transitEncryptionEnabled", true);
      }
      if (type === "aws:opensearch/domain:Domain") {
        must("encryptAtRest.enabled", true);
        must("nodeToNodeEncryption.enabled", true);
      }
      if (type === "aws:msk/cluster:Cluster") {
        present("encryptionInfo.encryptionAtRestKmsKeyArn");
        must("encryptionInfo.encryptionInTransit.clientBroker", "TLS");
      }
      return v;
    },
  },
  {
    name: "no-public-data-stores",
    description: "No data store is reachable from the internet.",
    types: ["aws:rds/instance:Instance"],
    check(inputs) {
      const v = ok();
      if (inputs.publiclyAccessible === true) v.violations.push("publiclyAccessible is true");
      return v;
    },
  },
  {
    name: "backups",
    description: "Every database keeps automated backups.",
    types: ["aws:rds/instance:Instance"],
    check(inputs) {
      const v = ok();
      const days = known(v, inputs, "backupRetentionPeriod");
      if (typeof days === "number" && days < 1) v.violations.push(`backupRetentionPeriod is ${days}`);
      return v;
    },
  },
  {
    name: "tls-on-public-hosts",
    description:
      "Every Ingress serves TLS, but the API gateway's in-cluster routes (plain HTTP inside the cluster).",
    types: ["kubernetes:networking.k8s.io/v1:Ingress"],
    check(inputs) {
      const v = ok();
      const hosts = ((inputs.spec?.rules ?? []) as Obj[]).map((r) => String(r.host ?? ""));
      const internal = hosts.length > 0 && hosts.every((h) => h.endsWith(".svc.cluster.local"));
      if (!internal && !(inputs.spec?.tls as unknown[] | undefined)?.length)
        v.violations.push(`no TLS for ${hosts.join(", ")}`);
      return v;
    },
  },
  {
    name: "vault-read-only-policies",
    description: "Vault policies grant read only, on exact paths (no wildcard, no write).",
    types: ["vault:index/policy:Policy"],
    check(inputs) {
      const v = ok();
      const hcl = known(v, inputs, "policy");
      if (typeof hcl !== "string") return v;
      for (const m of hcl.matchAll(/path "([^"]+)" \{\s*capabilities = \[([^\]]*)\]/g)) {
        const caps = m[2]!
          .split(",")
          .map((c) => c.trim().replace(/"/g, ""))
          .filter(Boolean);
        if (/[*+]/.test(m[1]!)) v.violations.push(`path ${m[1]} has a wildcard`);
        if (caps.some((c) => c !== "read")) v.violations.push(`path ${m[1]} grants ${caps.join(", ")}`);
      }
      return v;
    },
  },
  {
    name: "dns-records-proxied",
    description: "Every host record goes through Cloudflare's proxy (mail and DKIM records aside).",
    types: ["cloudflare:index/dnsRecord:DnsRecord"],
    check(inputs) {
      const v = ok();
      const type = known(v, inputs, "type");
      const name = String(inputs.name ?? "");
      if (
        (type === "CNAME" || type === "A" || type === "AAAA") &&
        !name.includes("._domainkey.") &&
        inputs.proxied !== true
      )
        v.violations.push(`${String(type)} ${name} is not proxied`);
      return v;
    },
  },
];

export const STACK_RULES: readonly StackRule[] = [
  {
    name: "namespaces-isolated",
    description:
      "Every namespace the stack creates denies all traffic by default (a NetworkPolicy selecting every pod, both ways).",
    check(resources) {
      const v = ok();
      const namespaces = resources
        .filter((r) => r.type === "kubernetes:core/v1:Namespace")
        .map((r) => String(r.inputs.metadata?.name));
      const denied = new Set(
        resources
          .filter((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy")
          .filter((r) => {
            const s = r.inputs.spec ?? {};
            return (
              Object.keys(s.podSelector ?? {}).length === 0 &&
              ["Ingress", "Egress"].every((t) => (s.policyTypes ?? []).includes(t)) &&
              !s.ingress &&
              !s.egress
            );
          })
          .map((r) => String(r.inputs.metadata?.namespace)),
      );
      // The add-ons' namespaces are their charts' to isolate: only the environments' are the stack's.
      for (const ns of namespaces.filter((n) =>
        resources.some(
          (r) => r.inputs.metadata?.namespace === n && r.type === "kubernetes:apps/v1:Deployment",
        ),
      ))
        if (!denied.has(ns)) v.violations.push(`namespace ${ns} has no default-deny NetworkPolicy`);
      return v;
    },
  },
];

/** Every violation of every rule over a stack's resources, `rule: type name: message`. */
export function policyViolations(
  resources: readonly { type: string; name: string; inputs: Obj }[],
): string[] {
  const out: string[] = [];
  for (const r of resources)
    for (const rule of RESOURCE_RULES)
      if (applies(rule, r.type))
        for (const x of rule.check(r.inputs, r.type).violations)
          out.push(`${rule.name}: ${r.type} ${r.name}: ${x}`);
  for (const rule of STACK_RULES)
    for (const x of rule.check(resources).violations) out.push(`${rule.name}: ${x}`);
  return out;
}

export { applies };
