/** The environment's search domain (Amazon OpenSearch Service), from its plan. Registers only. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type * as vault from "@pulumi/vault";
import { domainArgs, searchUrl } from "../../builders/aws";
import type { DataLayerPlan, SearchPlan } from "../../planner";
import { writeConnection } from "./connection";
import { storeSecurityGroup } from "./network";
import { dataOptions } from "./options";

export interface SearchDomainArgs {
  /** The store. Caution: `domainName` names the domain; changing it (or its VPC options) replaces it. */
  store: SearchPlan;
  data: DataLayerPlan;
  kmsKeyArn: pulumi.Input<string>;
  vaultProvider: vault.Provider;
}

export class SearchDomain extends pulumi.ComponentResource {
  public readonly endpoint: pulumi.Output<string>;

  constructor(name: string, args: SearchDomainArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:aws:SearchDomain", name, {}, opts);
    const s = args.store;
    const sg = storeSecurityGroup(name, s.network, `OpenSearch ${s.name}`, this);
    // Fine-grained access control asks for an upper, a lower, a digit and a special character.
    const password = new random.RandomPassword(
      `${name}-master-password`,
      {
        length: 32,
        special: true,
        overrideSpecial: "-_.",
        minUpper: 1,
        minLower: 1,
        minNumeric: 1,
        minSpecial: 1,
      },
      { parent: this },
    );
    const domain = new aws.opensearch.Domain(
      `${name}-domain`,
      domainArgs(s, args.data.awsRegion, args.data.accountId, {
        securityGroupId: sg.id,
        kmsKeyArn: args.kmsKeyArn,
        masterPassword: password.result,
      }),
      dataOptions(this, s.protect),
    );
    const url = pulumi
      .all([domain.endpoint, password.result])
      .apply(([e, pw]) => ({ url: searchUrl(s, e, pw) }));
    writeConnection(name, s.connections, url, { parent: this, provider: args.vaultProvider });
    this.endpoint = domain.endpoint;
    this.registerOutputs({ endpoint: this.endpoint });
  }
}
