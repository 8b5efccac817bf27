/**
 * The data layer of an environment: its AWS providers (the environment's region and its
 * disaster-recovery region), KMS keys, every store the plan lists, the AWS roles of the workloads
 * that use MSK or S3, and each store's connection details written to Vault. Registers only.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as cloudflare from "@pulumi/cloudflare";
import type * as vault from "@pulumi/vault";
import { awsProviderArgs, sesConfigurationSetArn, sesIdentityArn } from "../../builders/aws";
import { clickhouseService } from "../../builders/k8s";
import type { DataLayerPlan, EnvironmentPlan } from "../../planner";
import { ObjectBucket } from "./bucket";
import { ClickHouseCredentials } from "./clickhouse-credentials";
import { WorkloadIdentity } from "./identity";
import { OutgoingMail } from "./mail";
import { EventBus } from "./kafka";
import { EnvironmentKeys } from "./keys";
import { PostgresDatabase } from "./postgres";
import { RedisCache } from "./redis";
import { SearchDomain } from "./search";

export interface DataLayerArgs {
  /** The environment's plan: its settings (Vault address, EKS cluster) and data layer. */
  plan: EnvironmentPlan;
  /** `plan.data`, required here. */
  data: DataLayerPlan;
  /** Where the stores' connection details are written. */
  vaultProvider: vault.Provider;
  /** Where SES's DKIM and MAIL FROM records go (the region's zone). */
  cloudflareProvider: cloudflare.Provider;
}

export class DataLayer extends pulumi.ComponentResource {
  /** Where each store answers (host, brokers or s3:// URL; never a credential), by catalog entry. */
  public readonly endpoints: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: DataLayerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:aws:DataLayer", name, {}, opts);
    const { data, plan } = args;
    const primary = new aws.Provider(`${name}-aws`, awsProviderArgs(data, "primary"), { parent: this });
    const disasterRecovery = new aws.Provider(`${name}-aws-dr`, awsProviderArgs(data, "disaster-recovery"), {
      parent: this,
    });
    const vaultProvider = args.vaultProvider;
    const inRegion = { parent: this, providers: [primary, vaultProvider] };

    const keys = new EnvironmentKeys(
      `${name}-keys`,
      { data, providers: { primary, disasterRecovery } },
      inRegion,
    );
    const dr = data.keys.some((k) => k.purpose === "disaster-recovery")
      ? { provider: disasterRecovery, kmsKeyArn: keys.arn("disaster-recovery") }
      : undefined;

    for (const p of data.postgres) {
      this.endpoints[p.name] = new PostgresDatabase(
        `${name}-${p.name}`,
        { store: p, kmsKeyArn: keys.arn(p.key), ...(dr ? { disasterRecovery: dr } : {}), vaultProvider },
        inRegion,
      ).address;
    }
    for (const r of data.redis)
      this.endpoints[r.name] = new RedisCache(
        `${name}-${r.name}`,
        { store: r, kmsKeyArn: keys.arn(r.key), vaultProvider },
        inRegion,
      ).primaryEndpoint;
    if (data.search) {
      this.endpoints[data.search.name] = new SearchDomain(
        `${name}-${data.search.name}`,
        { store: data.search, data, kmsKeyArn: keys.arn(data.search.key), vaultProvider },
        inRegion,
      ).endpoint;
    }
    const bus = data.kafka
      ? new EventBus(
          `${name}-${data.kafka.name}`,
          { store: data.kafka, kmsKeyArn: keys.arn(data.kafka.key), vaultProvider },
          inRegion,
        )
      : undefined;
    const bucket = data.bucket
      ? new ObjectBucket(
          `${name}-${data.bucket.name}`,
          { store: data.bucket, kmsKeyArn: keys.arn(data.bucket.key), vaultProvider },
          inRegion,
        )
      : undefined;
    if (bus && data.kafka) this.endpoints[data.kafka.name] = bus.bootstrapServers;
    if (bucket && data.bucket)
      this.endpoints[data.bucket.name] = pulumi.output(`s3://${data.bucket.bucketName}`);
    if (data.clickhouse) {
      this.endpoints[data.clickhouse.name] = pulumi.output(
        clickhouseService(data.clickhouse, plan.namespace),
      );
      new ClickHouseCredentials(
        `${name}-${data.clickhouse.name}-credentials`,
        { store: data.clickhouse, namespace: plan.namespace, vaultProvider },
        inRegion,
      );
    }
    if (data.mail) {
      new OutgoingMail(
        `${name}-mail`,
        { data, mail: data.mail, vaultProvider, cloudflareProvider: args.cloudflareProvider },
        inRegion,
      );
    }
    for (const id of data.identities) {
      new WorkloadIdentity(
        `${name}-${id.workload}-identity`,
        {
          data,
          identity: id,
          clusterName: plan.settings.eksClusterName,
          ...(bus ? { kafkaClusterArn: bus.arn } : {}),
          ...(bucket ? { bucketArn: bucket.arn } : {}),
          ...(data.mail
            ? {
                mail: {
                  identityArn: sesIdentityArn(data, data.mail.identity),
                  configurationSetArn: sesConfigurationSetArn(data, data.mail.configurationSet),
                },
              }
            : {}),
          kmsKeyArn: keys.arn("environment"),
        },
        inRegion,
      );
    }
    this.registerOutputs({ endpoints: this.endpoints });
  }
}
