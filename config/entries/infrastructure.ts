/** Infrastructure services: Vault, object storage, SMTP, CDN, and the media and ML helpers. */
import type { EntrySpec } from "../types";
import { health, image, metrics, size } from "./presets";

const helper = { kind: "service", placement: "regional", protocol: "http", health, metrics } as const;

export const infrastructureEntries = {
  "vault-service": {
    kind: "vault",
    description: "HashiCorp Vault for secrets management",
    owner: "team-platform",
    // The platform's Vault cluster is external to the environments; each environment has its own
    // path prefix, Kubernetes auth role and policies on it.
    placement: "regional",
    port: 8200,
    protocol: "https",
  },
  "s3-storage": {
    kind: "object-store",
    description: "S3 object storage (the seed's MinIO, as Amazon S3 with versioning and KMS)",
    owner: "team-platform",
    placement: "regional",
    port: 443,
    protocol: "https",
    provides: [{ env: "S3_BUCKET_URL", ref: "secret://s3-storage/bucket-url" }],
    store: {
      engineVersion: "s3",
      encrypted: true,
      sizing: {
        production: { instanceClass: "STANDARD", storageGiB: 0, nodes: 1 },
        staging: { instanceClass: "STANDARD", storageGiB: 0, nodes: 1 },
        development: { instanceClass: "STANDARD", storageGiB: 0, nodes: 1 },
      },
      backupRetentionDays: { production: 90, staging: 30, development: 7 },
    },
  },
  "smtp-service": {
    kind: "smtp",
    description: "Outgoing mail (the seed's SMTP relay, as Amazon SES through its HTTPS API)",
    owner: "team-messaging",
    placement: "regional",
    port: 443,
    protocol: "https",
    // Not a credential: the endpoint, sender and configuration set. Senders sign with their own role.
    provides: [{ env: "MAIL_URL", ref: "secret://smtp-service/url" }],
  },
  "cdn-service": {
    ...helper,
    description: "CDN integration (Cloudflare)",
    owner: "team-platform",
    port: 8101,
    needs: ["s3-storage", "cloudflare-api"],
    objectAccess: "read",
    image: image("cdn-service", "1.3.2"),
    resources: size.xs,
    secrets: [{ env: "CLOUDFLARE_API_TOKEN", ref: "secret://cloudflare/api-token" }],
  },
  "image-service": {
    ...helper,
    description: "Image upload, resize, CDN integration",
    owner: "team-catalog",
    port: 8098,
    needs: ["s3-storage", "redis-cache", "cdn-service"],
    objectAccess: "read-write",
    image: image("image-service", "2.5.0"),
    resources: size.m,
  },
  "pdf-service": {
    ...helper,
    description: "PDF generation service",
    owner: "team-checkout",
    port: 8099,
    needs: ["redis-cache"],
    image: image("pdf-service", "1.1.6"),
    resources: size.s,
  },
  "ml-model-service": {
    ...helper,
    description: "ML model inference (TensorFlow Serving)",
    owner: "team-data",
    port: 8100,
    needs: ["redis-cache", "s3-storage"],
    objectAccess: "read",
    image: image("ml-model-service", "0.9.3"),
    resources: size.l,
  },
} as const satisfies Record<string, EntrySpec>;
