/** What the cluster grants Vault's Kubernetes auth: reviewing the tokens presented at login. */
import type * as k8s from "@pulumi/kubernetes";
import type { VaultPlan } from "../../planner";
import { platformLabels, type Typed } from "./meta";

/**
 * Lets the ServiceAccounts of the environments on the cluster (and cert-manager's DNS-01 reader) create TokenReviews
 * (system:auth-delegator), so that Vault reviews each login with the client's own token and keeps
 * no long-lived reviewer token.
 */
export function tokenReviewBinding(
  backend: NonNullable<VaultPlan["authBackend"]>,
): Typed<k8s.rbac.v1.ClusterRoleBindingArgs, "rbac.authorization.k8s.io/v1", "ClusterRoleBinding"> {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name: "vault-token-review", labels: platformLabels() },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:auth-delegator" },
    subjects: [
      ...backend.namespaces.map((ns) => ({
        kind: "Group",
        apiGroup: "rbac.authorization.k8s.io",
        name: `system:serviceaccounts:${ns}`,
      })),
      ...backend.serviceAccounts.map((sa) => ({
        kind: "ServiceAccount",
        name: sa.name,
        namespace: sa.namespace,
      })),
    ],
  };
}
