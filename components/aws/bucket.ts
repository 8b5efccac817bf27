/** The environment's object storage (S3), from its plan. Registers only. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as vault from "@pulumi/vault";
import {
  bucketArgs,
  bucketPolicyDocument,
  encryptionArgs,
  lifecycleArgs,
  ownershipArgs,
  publicAccessBlockArgs,
  versioningArgs,
} from "../../builders/aws";
import type { BucketPlan } from "../../planner";
import { writeConnection } from "./connection";
import { dataOptions } from "./options";

export interface ObjectBucketArgs {
  /** The store. Caution: `bucketName` is global and fixed: changing it replaces the bucket. */
  store: BucketPlan;
  kmsKeyArn: pulumi.Input<string>;
  vaultProvider: vault.Provider;
}

export class ObjectBucket extends pulumi.ComponentResource {
  public readonly arn: pulumi.Output<string>;

  constructor(name: string, args: ObjectBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:aws:ObjectBucket", name, {}, opts);
    const b = args.store;
    const bucket = new aws.s3.Bucket(`${name}-bucket`, bucketArgs(b), dataOptions(this, b.protect));
    const child = { parent: this };
    const block = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access-block`,
      publicAccessBlockArgs(bucket.id),
      child,
    );
    new aws.s3.BucketOwnershipControls(`${name}-ownership`, ownershipArgs(bucket.id), child);
    new aws.s3.BucketVersioning(`${name}-versioning`, versioningArgs(bucket.id), child);
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      encryptionArgs(bucket.id, args.kmsKeyArn),
      child,
    );
    new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, lifecycleArgs(b, bucket.id), child);
    new aws.s3.BucketPolicy(
      `${name}-policy`,
      { bucket: bucket.id, policy: bucket.arn.apply(bucketPolicyDocument) },
      { ...child, dependsOn: [block] },
    );
    writeConnection(
      name,
      b.connections,
      bucket.bucket.apply((n) => ({ "bucket-url": `s3://${n}` })),
      {
        parent: this,
        provider: args.vaultProvider,
      },
    );
    this.arn = bucket.arn;
    this.registerOutputs({ arn: this.arn });
  }
}
