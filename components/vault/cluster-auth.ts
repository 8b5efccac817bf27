/**
 * The cluster's Kubernetes auth backend in Vault, configured with its API server and CA, and the
 * binding that lets its namespaces' ServiceAccounts have their tokens reviewed, and the role of
 * cert-manager's DNS-01 solver (reading the cluster's Cloudflare token only) and of the cluster's
 * telemetry collectors (reading the cluster's ingest credential only). Created by the
 * cluster's add-on owner only. Registers only.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as vault from "@pulumi/vault";
import { tokenReviewBinding } from "../../builders/k8s";
import {
  authBackendArgs,
  authBackendConfigArgs,
  authRoleArgs,
  kubeconfigCa,
  policyArgs,
} from "../../builders/vault";
import type { VaultPlan } from "../../planner";

export interface VaultClusterAuthArgs {
  backend: NonNullable<VaultPlan["authBackend"]>;
  cluster: string;
  /** The stack's kubeconfig (a secret): its CA becomes the backend's, still a secret. */
  kubeconfig: pulumi.Input<string>;
  kubernetesProvider: k8s.Provider;
}

export class VaultClusterAuth extends pulumi.ComponentResource {
  /** The mount path, once the backend exists (what the roles depend on). */
  public readonly path: pulumi.Output<string>;

  constructor(name: string, args: VaultClusterAuthArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:vault:VaultClusterAuth", name, {}, opts);
    // Every role of every environment on the cluster hangs off it: protected.
    const backend = new vault.AuthBackend(`${name}-backend`, authBackendArgs(args.backend, args.cluster), {
      parent: this,
      protect: true,
    });
    const ca = pulumi.secret(pulumi.output(args.kubeconfig).apply(kubeconfigCa));
    new vault.kubernetes.AuthBackendConfig(
      `${name}-config`,
      authBackendConfigArgs(args.backend, backend.path, ca),
      {
        parent: this,
      },
    );
    // cert-manager's DNS-01 solver reads the cluster's Cloudflare token, and nothing else.
    const dns01 = new vault.Policy(`${name}-dns01-policy`, policyArgs(args.backend.dns01), { parent: this });
    new vault.kubernetes.AuthBackendRole(
      `${name}-dns01-role`,
      authRoleArgs(backend.path, args.backend.dns01, dns01.name),
      { parent: this },
    );
    // The cluster's collectors read the cluster's ingest credential, and nothing else.
    const telemetry = args.backend.telemetry;
    if (telemetry) {
      const policy = new vault.Policy(`${name}-telemetry-policy`, policyArgs(telemetry), { parent: this });
      new vault.kubernetes.AuthBackendRole(
        `${name}-telemetry-role`,
        authRoleArgs(backend.path, telemetry, policy.name),
        { parent: this },
      );
    }
    new k8s.rbac.v1.ClusterRoleBinding(`${name}-token-review`, tokenReviewBinding(args.backend), {
      parent: this,
      provider: args.kubernetesProvider,
    });
    this.path = backend.path;
    this.registerOutputs({ path: this.path });
  }
}
