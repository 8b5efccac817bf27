/** One PostgreSQL database (RDS) of an environment, from its plan. Registers only. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type * as vault from "@pulumi/vault";
import {
  backupReplicationArgs,
  instanceArgs,
  parameterGroupArgs,
  postgresUrl,
  rdsSubnetGroupArgs,
} from "../../builders/aws";
import type { PostgresPlan } from "../../planner";
import { writeConnection } from "./connection";
import { storeSecurityGroup } from "./network";
import { dataOptions } from "./options";

export interface PostgresDatabaseArgs {
  /** The store, one of `data.postgres`. Caution: its `resourceName` is the RDS identifier; changing it replaces the database. */
  store: PostgresPlan;
  /** ARN of the KMS key of its data (the environment's, or the payments key). */
  kmsKeyArn: pulumi.Input<string>;
  /** The disaster-recovery region's provider and key, where backups are copied (production). */
  disasterRecovery?: { provider: aws.Provider; kmsKeyArn: pulumi.Input<string> };
  /** Where its connection string is written. */
  vaultProvider: vault.Provider;
}

export class PostgresDatabase extends pulumi.ComponentResource {
  public readonly address: pulumi.Output<string>;

  constructor(name: string, args: PostgresDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:aws:PostgresDatabase", name, {}, opts);
    const p = args.store;
    const sg = storeSecurityGroup(name, p.network, `PostgreSQL ${p.name}`, this);
    const subnets = new aws.rds.SubnetGroup(`${name}-subnets`, rdsSubnetGroupArgs(p.network), {
      parent: this,
    });
    const parameters = new aws.rds.ParameterGroup(`${name}-parameters`, parameterGroupArgs(p), {
      parent: this,
    });
    // Generated once and kept in the stack's state (encrypted): a new one only if this resource is replaced.
    const password = new random.RandomPassword(
      `${name}-password`,
      { length: 32, special: false },
      { parent: this },
    );
    const instance = new aws.rds.Instance(
      `${name}-instance`,
      instanceArgs(p, {
        subnetGroupName: subnets.name,
        securityGroupId: sg.id,
        parameterGroupName: parameters.name,
        kmsKeyArn: args.kmsKeyArn,
        password: password.result,
      }),
      dataOptions(this, p.protect, { dependsOn: [parameters] }),
    );
    if (p.backupReplication && args.disasterRecovery) {
      new aws.rds.InstanceAutomatedBackupsReplication(
        `${name}-dr-backups`,
        backupReplicationArgs(p, instance.arn, args.disasterRecovery.kmsKeyArn),
        { parent: this, provider: args.disasterRecovery.provider },
      );
    }
    const url = pulumi
      .all([instance.address, password.result])
      .apply(([address, pw]) => ({ url: postgresUrl(p, address, pw) }));
    writeConnection(name, p.connections, url, { parent: this, provider: args.vaultProvider });
    this.address = instance.address;
    this.registerOutputs({ address: this.address });
  }
}
