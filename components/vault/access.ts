/**
 * The environment's Vault access: a policy and a Kubernetes auth role per workload with secrets,
 * and the platform role of the namespace's own ExternalSecrets. Registers only.
 */
import * as pulumi from "@pulumi/pulumi";
import * as vault from "@pulumi/vault";
import { authRoleArgs, policyArgs } from "../../builders/vault";
import type { VaultPlan, VaultRolePlan } from "../../planner";

export interface VaultAccessArgs {
  /** `plan.vault`. Caution: role names come from catalog names; renaming an entry replaces its role. */
  vault: VaultPlan;
  /** The cluster's auth mount (a resource of the owner stack, or its path). */
  authMount: pulumi.Input<string>;
}

export class VaultAccess extends pulumi.ComponentResource {
  constructor(name: string, args: VaultAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:vault:VaultAccess", name, {}, opts);
    const role = (key: string, r: VaultRolePlan) => {
      const policy = new vault.Policy(`${name}-${key}-policy`, policyArgs(r), { parent: this });
      new vault.kubernetes.AuthBackendRole(
        `${name}-${key}-role`,
        authRoleArgs(args.authMount, r, policy.name),
        {
          parent: this,
        },
      );
    };
    role("platform", args.vault.platform);
    for (const w of args.vault.workloads) role(w.workload, w);
    // The central monitoring services, each reading its own secrets (the monitoring environment).
    for (const s of args.vault.services) role(`service-${s.service}`, s);
    this.registerOutputs({});
  }
}
