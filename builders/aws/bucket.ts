/**
 * Object storage on S3: one bucket per environment, never public (all four blocks), owned by the
 * bucket owner, encrypted with the environment's key, versioned, TLS-only by policy, and a
 * lifecycle that expires only noncurrent versions and abandoned uploads, never current objects.
 */
import type * as aws from "@pulumi/aws";
import type { BucketPlan } from "../../planner";
import { policy, type Input } from "./common";

export const bucketArgs = (b: BucketPlan): aws.s3.BucketArgs => ({
  bucket: b.bucketName,
  forceDestroy: false,
});

export const versioningArgs = (bucket: Input<string>): aws.s3.BucketVersioningArgs => ({
  bucket,
  versioningConfiguration: { status: "Enabled" },
});

export const publicAccessBlockArgs = (bucket: Input<string>): aws.s3.BucketPublicAccessBlockArgs => ({
  bucket,
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
});

export const ownershipArgs = (bucket: Input<string>): aws.s3.BucketOwnershipControlsArgs => ({
  bucket,
  rule: { objectOwnership: "BucketOwnerEnforced" },
});

export const encryptionArgs = (
  bucket: Input<string>,
  kmsKeyArn: Input<string>,
): aws.s3.BucketServerSideEncryptionConfigurationArgs => ({
  bucket,
  rules: [
    {
      applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKeyArn },
      bucketKeyEnabled: true,
    },
  ],
});

export const lifecycleArgs = (
  b: BucketPlan,
  bucket: Input<string>,
): aws.s3.BucketLifecycleConfigurationArgs => ({
  bucket,
  rules: [
    {
      id: "expire-noncurrent-versions",
      status: "Enabled",
      filter: {},
      noncurrentVersionExpiration: { noncurrentDays: b.noncurrentVersionDays },
      expiration: { expiredObjectDeleteMarker: true },
    },
    // Backups (ClickHouse's) under their own prefix: kept for their retention, the only current
    // objects that ever expire.
    ...b.backupPrefixes.map((p) => ({
      id: `expire-backups-${p.prefix.replace(/[^a-z0-9]+/g, "-").replace(/-$/, "")}`,
      status: "Enabled",
      filter: { prefix: p.prefix },
      expiration: { days: p.days },
    })),
    {
      id: "abort-incomplete-uploads",
      status: "Enabled",
      filter: {},
      abortIncompleteMultipartUpload: { daysAfterInitiation: b.abortIncompleteUploadDays },
    },
  ],
});

/** The bucket policy: every request over TLS 1.2 or later. */
export function bucketPolicyDocument(bucketArn: string): string {
  return JSON.stringify(
    policy(
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": false } },
      },
      {
        Sid: "DenyOutdatedTls",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
      },
    ),
  );
}
