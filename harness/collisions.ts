/**
 * No two resources claim one name that must be unique, over every stack planned together: a
 * Kubernetes object (kind, namespace and name on a cluster) or a Helm release, an IAM role in an
 * account, a bucket, a Vault policy or role, a Cloudflare record in a zone. Each collision names
 * both owners.
 */
import type { Catalog } from "../config/types";
import type { ProgramRun } from "./run";

type Obj = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
};

export function nameCollisions(
  runs: readonly ProgramRun[],
  catalog: Catalog,
  accountOf: (stack: string) => string | undefined,
): string[] {
  return collisions(runs.map((run) => nameClaims(run, catalog, accountOf(run.stack))));
}

/** A unique name and the resource that claims it (`<stack> (<type>::<name>)`). */
export type Claim = readonly [what: string, owner: string];

/** Each stack's claims, in order: every name claimed twice, with both owners. */
export function collisions(claimsByStack: readonly (readonly Claim[])[]): string[] {
  const claimed = new Map<string, string>();
  const out: string[] = [];
  for (const [what, owner] of claimsByStack.flat()) {
    const first = claimed.get(what);
    if (first && first !== owner) out.push(`${what} is claimed by ${first} and by ${owner}`);
    else claimed.set(what, owner);
  }
  return out;
}

/** The unique names one stack's resources claim (`account`: the stack's AWS account). */
export function nameClaims(run: ProgramRun, catalog: Catalog, account: string | undefined): Claim[] {
  const out: Claim[] = [];
  const claim = (what: string, owner: string) => out.push([what, owner]);
  const cluster = catalog.environments[run.stack]?.cluster ?? "?";
  // Every object a resource creates (not the ones it only reads), owned by that resource.
  for (const r of run.resources) {
    if (!r.type.startsWith("kubernetes:") || r.type.startsWith("kubernetes:helm.sh") || r.read) continue;
    const o = r.inputs as Obj;
    if (!o.kind || !o.metadata?.name) continue;
    const group = (o.apiVersion ?? "").split("/").slice(0, -1).join("/") || "core";
    const ns = o.metadata.namespace ?? "(cluster)";
    claim(`${o.kind} ${group} ${ns}/${o.metadata.name} on ${cluster}`, `${run.stack} (${r.key})`);
  }
  for (const r of run.resources) {
    const i = r.inputs;
    const owner = `${run.stack} (${r.key})`;
    switch (r.type) {
      case "kubernetes:helm.sh/v4:Chart":
        claim(`Helm release ${String(i.namespace)}/${String(i.name)} on ${cluster}`, owner);
        break;
      case "aws:iam/role:Role":
        claim(`IAM role ${String(i.name)} in account ${account ?? "?"}`, owner);
        break;
      case "aws:s3/bucket:Bucket":
        claim(`S3 bucket ${String(i.bucket)}`, owner);
        break;
      case "vault:index/policy:Policy":
        claim(`Vault policy ${String(i.name)}`, owner);
        break;
      case "vault:kubernetes/authBackendRole:AuthBackendRole":
        claim(`Vault role ${String(i.backend)}/${String(i.roleName)}`, owner);
        break;
      case "cloudflare:index/dnsRecord:DnsRecord":
        claim(`DNS record ${String(i.type)} ${String(i.name)} in zone ${String(i.zoneId)}`, owner);
        break;
    }
  }
  return out;
}
