/**
 * The catalog's run-time schema (zod): every object strict (an unknown field is an error, with
 * the nearest known one suggested), every field typed, every number in a range that makes sense.
 * `tests/config/catalog-schema.test.ts` proves at compile time that the type it infers is exactly
 * `Catalog` (config/types.ts), so a field added to one and not the other fails the build; the
 * published JSON Schema, `config/catalog.schema.json`, is generated from it (`npm run schema`).
 */
import { z } from "zod";
import { ENTRY_KINDS, PROTOCOLS, RESIDENCIES, TIERS } from "./types";

/** A string; whether it may be empty, and what it must look like, the rules decide with their own messages. */
const text = z.string();
const name = z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "a DNS label (lower case, digits, '-')");
const int = (min: number, max: number) => z.number().int().min(min).max(max);
/** Ports: range, privilege and collisions are the `ports` rule's. */
const port = z.number().int();
const protocol = z.enum(PROTOCOLS);
const tier = z.enum(TIERS);
const names = z.array(z.string()).readonly();
const byTier = <T extends z.ZodType>(t: T) => z.strictObject({ production: t, staging: t, development: t });

const resources = z.strictObject({
  cpu: z.strictObject({ request: text, limit: text }),
  memory: z.strictObject({ request: text, limit: text }),
});
const secretRef = z.strictObject({ env: text, ref: text });

const storeSizing = z.strictObject({
  instanceClass: text,
  storageGiB: int(0, 65536),
  nodes: int(1, 64),
  resources: resources.optional(),
});

const topic = z.strictObject({
  partitions: int(1, 1000),
  retentionHours: int(1, 87600),
  replicationFactor: int(1, 5).optional(),
});

const store = z.strictObject({
  engineVersion: text,
  sizing: byTier(storeSizing),
  encrypted: z.boolean(),
  // RDS keeps at most 35 days (a rule of the data layer checks it); S3 versions may be kept for years.
  backupRetentionDays: byTier(int(0, 3650)),
  encryptionKey: z.enum(["environment", "payments"]).optional(),
  topics: z.record(z.string(), topic).readonly().optional(),
});

/** Ranges and buckets are the `objectives` rule's. */
const objectives = z.strictObject({
  availability: z.number(),
  latency: z.strictObject({ percent: z.number(), thresholdMs: z.number() }).optional(),
});

const tls = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("letsencrypt") }),
  z.strictObject({ mode: z.literal("custom"), certificate: text }),
]);

const entry = z.strictObject({
  kind: z.enum(ENTRY_KINDS),
  description: z.string().min(1),
  owner: z
    .string()
    .max(63, "at most 63 characters: it is a label value")
    .regex(/^team-[a-z0-9-]+$/, 'a team, "team-<name>"'),
  placement: z.union([z.literal("regional"), z.literal("shared"), names]),
  expose: z.enum(["public", "cluster"]).optional(),
  subdomain: z.string().optional(),
  path: z.string().optional(),
  tls: tls.optional(),
  port,
  protocol,
  extraPorts: z
    .array(z.strictObject({ name: text, port, protocol }))
    .readonly()
    .optional(),
  needs: names.optional(),
  crossEnvironmentNeeds: z
    .array(
      z.strictObject({
        entry: text,
        environments: names,
        reason: text,
        acrossResidencies: z.boolean().optional(),
      }),
    )
    .readonly()
    .optional(),
  image: z.strictObject({ repository: text, tag: text }).optional(),
  resources: resources.optional(),
  health: z
    .strictObject({ liveness: text, readiness: text, startupSeconds: int(1, 3600).optional() })
    .optional(),
  metrics: z.strictObject({ port, path: text }).optional(),
  secrets: z.array(secretRef).readonly().optional(),
  objectives: objectives.optional(),
  env: z.record(z.string(), z.string()).readonly().optional(),
  provides: z.array(secretRef).readonly().optional(),
  store: store.optional(),
  needsKubernetesApi: z.boolean().optional(),
  replicas: int(1, 100).optional(),
  routes: z.record(z.string(), z.string()).readonly().optional(),
  produces: names.optional(),
  consumes: names.optional(),
  objectAccess: z.enum(["read", "read-write"]).optional(),
  external: z.strictObject({ hosts: z.array(text).readonly(), ranges: text }).optional(),
});

const region = z.strictObject({
  domain: text,
  residency: z.enum(RESIDENCIES),
  disasterRecoveryRegion: text,
  zone: z.strictObject({
    owner: text,
    plan: z.enum(["free", "pro", "business", "enterprise"]),
    advancedCertificateManager: z.boolean().optional(),
  }),
});

const environment = z.strictObject({
  region: text,
  cluster: text,
  tier,
  role: z.enum(["regional", "shared"]),
  replicas: int(1, 100),
  dbPool: int(1, 1000).optional(),
});

const cluster = z.strictObject({
  apiServer: z.string().regex(/^https:\/\//, "an https URL"),
  addonOwner: text,
  zones: z.array(text).readonly(),
  kubernetesVersion: text,
});

const certificate = z.strictObject({ certificate: text, privateKey: text, owner: text });

const platform = z.strictObject({
  project: name,
  acmeEmail: z.email(),
  vaultMount: text,
  telemetry: z.strictObject({
    otlpEndpoint: text,
    namespace: name,
    scraperLabels: z.record(z.string(), z.string()),
  }),
  monitoring: z.strictObject({
    sso: z.strictObject({ issuer: text, adminGroup: text, viewerGroup: text }),
    ingest: z.strictObject({ subdomain: text }),
    retention: byTier(
      z.strictObject({ metricsDays: int(1, 400), logsDays: int(1, 400), tracesDays: int(1, 400) }),
    ),
  }),
});

export const CatalogSchema = z.strictObject({
  platform,
  regions: z.record(z.string(), region),
  environments: z.record(z.string(), environment),
  clusters: z.record(z.string(), cluster),
  certificates: z.record(z.string(), certificate),
  entries: z.record(z.string(), entry),
});

export type CatalogFromSchema = z.infer<typeof CatalogSchema>;
