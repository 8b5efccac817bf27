/**
 * Vault access as arguments: per-role policies granting `read` on exactly the role's paths, the
 * Kubernetes auth roles bound to exactly one ServiceAccount in one namespace, the cluster's auth
 * backend, and the KV v2 mount. Pure: @pulumi/vault imported for its types only.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as vault from "@pulumi/vault";
import { parse } from "yaml";
import type { VaultPlan, VaultRolePlan } from "../../planner";

/** HCL of a policy: `read` on each path, nothing else (no list, no write, no wildcard). */
export function policyHcl(paths: readonly string[]): string {
  return paths.map((p) => `path "${p}" {\n  capabilities = ["read"]\n}\n`).join("\n");
}

export const policyArgs = (role: VaultRolePlan): vault.PolicyArgs => ({
  name: role.name,
  policy: policyHcl(role.paths),
});

export function authRoleArgs(
  mount: pulumi.Input<string>,
  role: VaultRolePlan,
  policy: pulumi.Input<string>,
): vault.kubernetes.AuthBackendRoleArgs {
  return {
    backend: mount,
    roleName: role.name,
    boundServiceAccountNames: [role.serviceAccount],
    boundServiceAccountNamespaces: [role.namespace],
    audience: role.audience,
    tokenPolicies: [policy],
    tokenTtl: role.ttlSeconds,
    tokenMaxTtl: role.ttlSeconds,
    tokenNoDefaultPolicy: true,
  };
}

export function authBackendArgs(
  backend: NonNullable<VaultPlan["authBackend"]>,
  cluster: string,
): vault.AuthBackendArgs {
  return { type: "kubernetes", path: backend.path, description: `Kubernetes auth for cluster ${cluster}` };
}

/**
 * The backend's cluster: its API server, and the CA that signs it (from the stack's kubeconfig).
 * No reviewer token is stored: Vault reviews each login with the client's own token, which the
 * cluster lets the namespaces' ServiceAccounts do (system:auth-delegator).
 */
export function authBackendConfigArgs(
  backend: NonNullable<VaultPlan["authBackend"]>,
  mount: pulumi.Input<string>,
  caCertificate: pulumi.Input<string>,
): vault.kubernetes.AuthBackendConfigArgs {
  return {
    backend: mount,
    kubernetesHost: backend.kubernetesHost,
    kubernetesCaCert: caCertificate,
    disableLocalCaJwt: true,
  };
}

/** The PEM of the cluster CA in a kubeconfig (`certificate-authority-data` of its first cluster). */
export function kubeconfigCa(kubeconfig: string): string {
  const doc = parse(kubeconfig) as { clusters?: { cluster?: Record<string, string> }[] } | null;
  const data = doc?.clusters?.[0]?.cluster?.["certificate-authority-data"];
  if (!data)
    throw new Error("the kubeconfig names no certificate-authority-data: Vault could not verify the cluster");
  return Buffer.from(data, "base64").toString("utf8");
}

export const kvMountArgs = (mount: NonNullable<VaultPlan["kvMount"]>): vault.MountArgs => ({
  path: mount.path,
  type: "kv",
  options: { version: "2" },
  description: "The platform's secrets (KV v2): <project>/<environment>/<name>",
});
