/**
 * What a change does, from two recordings of `plan` (an earlier `out/` and a new one): per stack,
 * the resources added, changed (with the fields, and whether the change replaces the resource)
 * and removed, protected ones first, as Markdown for a pull-request comment. A protected resource
 * replaced or removed is the one outcome a reviewer must never miss: `diffPlans` reports it, and
 * the command exits non-zero on it. Pure, over the recordings' `resources.json`.
 */

export interface RecordedEntry {
  urn: string;
  type: string;
  name: string;
  options: { protect: boolean; replaceOnChanges?: string[] };
  inputs: Record<string, unknown>;
}

/**
 * Inputs whose change the providers carry out by replacing the resource (their schemas mark them
 * "forces replacement"): the subset this platform sets, by type prefix. Kubernetes objects are
 * replaced when their identity changes.
 */
export const REPLACING_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "kubernetes:": ["apiVersion", "kind", "metadata.name", "metadata.namespace", "spec.selector"],
  "aws:rds/instance:Instance": [
    "identifier",
    "engine",
    "dbName",
    "username",
    "kmsKeyId",
    "storageEncrypted",
    "dbSubnetGroupName",
  ],
  "aws:elasticache/replicationGroup:ReplicationGroup": [
    "replicationGroupId",
    "engine",
    "subnetGroupName",
    "atRestEncryptionEnabled",
    "kmsKeyId",
  ],
  "aws:opensearch/domain:Domain": ["domainName"],
  "aws:msk/cluster:Cluster": [
    "clusterName",
    "brokerNodeGroupInfo.clientSubnets",
    "encryptionInfo.encryptionAtRestKmsKeyArn",
  ],
  "aws:s3/bucket:Bucket": ["bucket"],
  "aws:kms/key:Key": ["customerMasterKeySpec", "keyUsage"],
  "aws:iam/role:Role": ["name"],
  "vault:index/mount:Mount": ["path", "type"],
  "vault:index/authBackend:AuthBackend": ["path", "type"],
  "vault:index/policy:Policy": ["name"],
  "vault:kubernetes/authBackendRole:AuthBackendRole": ["backend", "roleName"],
  "cloudflare:index/dnsRecord:DnsRecord": ["zoneId"],
  "cloudflare:index/ruleset:Ruleset": ["zoneId", "phase", "kind"],
};

export interface Change {
  urn: string;
  type: string;
  name: string;
  protect: boolean;
  fields: string[];
  replaces: boolean;
}

export interface StackDiff {
  stack: string;
  added: RecordedEntry[];
  changed: Change[];
  removed: RecordedEntry[];
}

/** Dotted paths where two values differ (objects by key, anything else whole), depth-limited. */
export function changedPaths(a: unknown, b: unknown, prefix = "", depth = 4): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (depth > 0 && isObj(a) && isObj(b)) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .sort()
      .flatMap((k) => changedPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k, depth - 1));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix || "(all)"];
}

function replaces(
  type: string,
  fields: readonly string[],
  replaceOnChanges: readonly string[] = [],
): boolean {
  const marked = [
    ...Object.entries(REPLACING_FIELDS).flatMap(([prefix, f]) => (type.startsWith(prefix) ? f : [])),
    ...replaceOnChanges,
  ];
  return fields.some((f) => marked.some((m) => f === m || f.startsWith(`${m}.`)));
}

export function diffStack(
  stack: string,
  before: readonly RecordedEntry[],
  after: readonly RecordedEntry[],
): StackDiff {
  const old = new Map(before.map((r) => [r.urn, r]));
  const now = new Map(after.map((r) => [r.urn, r]));
  const protectedFirst = <T extends { protect?: boolean; options?: { protect: boolean }; urn: string }>(
    xs: T[],
  ) =>
    xs.sort((x, y) => {
      const px = x.protect ?? x.options?.protect ?? false;
      const py = y.protect ?? y.options?.protect ?? false;
      return px === py ? (x.urn < y.urn ? -1 : 1) : px ? -1 : 1;
    });
  const changed: Change[] = [];
  for (const [urn, r] of now) {
    const o = old.get(urn);
    if (!o) continue;
    const fields = changedPaths(o.inputs, r.inputs);
    if (!fields.length) continue;
    changed.push({
      urn,
      type: r.type,
      name: r.name,
      protect: o.options.protect || r.options.protect,
      fields,
      replaces: replaces(r.type, fields, r.options.replaceOnChanges),
    });
  }
  return {
    stack,
    added: protectedFirst(after.filter((r) => !old.has(r.urn))),
    changed: protectedFirst(changed),
    removed: protectedFirst(before.filter((r) => !now.has(r.urn))),
  };
}

/** The protected resources a diff would replace or remove: each stops the merge. */
export function dangers(d: StackDiff): string[] {
  return [
    ...d.changed
      .filter((c) => c.protect && c.replaces)
      .map((c) => `${d.stack}: protected ${c.type} ${c.name} would be replaced (${c.fields.join(", ")})`),
    ...d.removed
      .filter((r) => r.options.protect)
      .map((r) => `${d.stack}: protected ${r.type} ${r.name} would be removed`),
  ];
}

export function diffMarkdown(diffs: readonly StackDiff[]): string {
  const out: string[] = ["## What this change does to each stack", ""];
  for (const d of diffs) {
    const n = d.added.length + d.changed.length + d.removed.length;
    out.push(
      `### ${d.stack}: ${n ? `${d.added.length} added, ${d.changed.length} changed, ${d.removed.length} removed` : "no change"}`,
      "",
    );
    for (const x of dangers(d)) out.push(`> **Stop:** ${x}`);
    if (dangers(d).length) out.push("");
    if (d.changed.length) {
      out.push("| changed | resource | fields |", "|---|---|---|");
      for (const c of d.changed)
        out.push(
          `| ${c.replaces ? "**replace**" : "update"}${c.protect ? " (protected)" : ""} | \`${c.type}\` ${c.name} | ${c.fields.map((f) => `\`${f}\``).join(", ")} |`,
        );
      out.push("");
    }
    for (const [what, list] of [
      ["added", d.added],
      ["removed", d.removed],
    ] as const) {
      if (!list.length) continue;
      out.push(`${what[0]!.toUpperCase()}${what.slice(1)}:`, "");
      for (const r of list) out.push(`- \`${r.type}\` ${r.name}${r.options.protect ? " (protected)" : ""}`);
      out.push("");
    }
  }
  return out.join("\n");
}
