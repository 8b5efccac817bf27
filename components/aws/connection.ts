/**
 * Writes a store's connection details to Vault, at the KV path its dependents' ExternalSecrets
 * read: one secret per path, its properties from the store's `provides`. The values are Pulumi
 * secrets (encrypted in the stack's state, never in a log); Vault is reached with the stack's provider.
 */
import * as pulumi from "@pulumi/pulumi";
import * as vault from "@pulumi/vault";
import { kvSecretArgs } from "../../builders/vault";
import type { VaultLocation } from "../../planner";

export function writeConnection<Values extends Record<string, string>>(
  name: string,
  connections: readonly { env: string; vault: VaultLocation }[],
  /** Property → value, as the store computes them (e.g. `url`). */
  values: pulumi.Output<Values>,
  opts: { parent: pulumi.Resource; provider: vault.Provider },
): vault.kv.SecretV2[] {
  const byKey = new Map<string, VaultLocation[]>();
  for (const c of connections) byKey.set(c.vault.key, [...(byKey.get(c.vault.key) ?? []), c.vault]);
  return [...byKey.entries()].map(([key, locations], i) => {
    const properties = locations.map((l) => l.property);
    const dataJson = pulumi.secret(
      values.apply((v: Record<string, string>) => {
        const missing = properties.filter((p) => v[p] === undefined);
        if (missing.length) throw new Error(`${name}: no value for ${missing.join(", ")} of ${key}`);
        return JSON.stringify(Object.fromEntries(properties.map((p) => [p, v[p]])));
      }),
    );
    const suffix = byKey.size > 1 ? `-connection-${i}` : "-connection";
    return new vault.kv.SecretV2(`${name}${suffix}`, kvSecretArgs(locations[0]!, dataJson), opts);
  });
}
