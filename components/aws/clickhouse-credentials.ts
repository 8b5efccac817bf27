/**
 * ClickHouse's application password: generated once (a Pulumi secret) and written to Vault with
 * the connection URL. The dependents read the URL; the operator reads the password through an
 * ExternalSecret in the namespace. Registers only.
 */
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as vault from "@pulumi/vault";
import { clickhouseUrl } from "../../builders/k8s";
import { kvSecretArgs } from "../../builders/vault";
import type { ClickHousePlan } from "../../planner";

export interface ClickHouseCredentialsArgs {
  store: ClickHousePlan;
  /** The environment's namespace (the URL names the in-cluster Service). */
  namespace: string;
  vaultProvider: vault.Provider;
}

export class ClickHouseCredentials extends pulumi.ComponentResource {
  constructor(name: string, args: ClickHouseCredentialsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:aws:ClickHouseCredentials", name, {}, opts);
    const c = args.store;
    const location = c.connections.find((x) => x.vault.property === "url")?.vault;
    if (!location) throw new Error(`${c.name}: no connection in Vault to write`);
    const password = new random.RandomPassword(
      `${name}-password`,
      { length: 32, special: false },
      { parent: this },
    );
    const dataJson = pulumi.secret(
      password.result.apply((pw) =>
        JSON.stringify({ url: clickhouseUrl(c, args.namespace, pw), password: pw }),
      ),
    );
    new vault.kv.SecretV2(`${name}-connection`, kvSecretArgs(location, dataJson), {
      parent: this,
      provider: args.vaultProvider,
    });
    this.registerOutputs({});
  }
}
