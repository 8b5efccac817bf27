/** KV v2 secrets the program writes: each store's connection details, at the path its dependents read. */
import type * as pulumi from "@pulumi/pulumi";
import type * as vault from "@pulumi/vault";
import type { VaultLocation } from "../../planner";

/**
 * One KV v2 secret holding the given properties. `dataJson` must be a Pulumi secret: it carries
 * credentials, and is stored encrypted in the stack's state.
 */
export function kvSecretArgs(
  location: Pick<VaultLocation, "mount" | "key">,
  dataJson: pulumi.Input<string>,
): vault.kv.SecretV2Args {
  return { mount: location.mount, name: location.key, dataJson, deleteAllVersions: false };
}

/** The Vault provider of a stack: its address from the stack settings; the token from VAULT_TOKEN. */
export function vaultProviderArgs(address: string): vault.ProviderArgs {
  return { address, skipChildToken: false, maxLeaseTtlSeconds: 1200 };
}
