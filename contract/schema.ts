/**
 * The stack-output contract: what every stack exports as its `platform` output, as a JSON Schema
 * from which the TypeScript type is derived (json-schema-to-ts), so that the two cannot drift.
 * `contract/platform-outputs.v<N>.schema.json` is this schema as published; `npm run contract`
 * writes it, and a test fails when a field is removed or retyped without raising the version.
 */
import type { FromSchema } from "json-schema-to-ts";

/** Raised on any change that removes or retypes a field; readers check it. */
export const SCHEMA_VERSION = 1;

const name = { type: "string", minLength: 1 } as const;
const port = { type: "integer", minimum: 1, maximum: 65535 } as const;
const strings = { type: "array", items: { type: "string" } } as const;

export const PLATFORM_OUTPUTS_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://ecommerce-platform.example.com/schemas/platform-outputs.v1.schema.json",
  title: "The `platform` output of an ecommerce-platform stack",
  description:
    "What another team's program reads from a stack (pulumi stack output platform --json, or a StackReference): no credential, ever; credentials stay in Vault at the paths given.",
  type: "object",
  additionalProperties: false,
  required: [
    "schemaVersion",
    "environment",
    "region",
    "domain",
    "cluster",
    "namespace",
    "tier",
    "role",
    "publicEndpoints",
    "services",
    "dataStores",
    "topics",
    "vaultPaths",
    "dnsNames",
    "ingress",
  ],
  properties: {
    schemaVersion: {
      const: SCHEMA_VERSION,
      description: "The contract's version: a reader refuses any other.",
    },
    environment: { ...name, description: "The environment (and stack) name, e.g. us-prod." },
    region: { ...name, description: "The platform region: us, eu or asia." },
    domain: { ...name, description: "The region's apex domain." },
    cluster: { ...name, description: "The Kubernetes cluster the environment runs on." },
    namespace: { ...name, description: "The environment's Kubernetes namespace." },
    tier: { enum: ["production", "staging", "development"] },
    role: { enum: ["regional", "shared"] },
    publicEndpoints: {
      description: "Public hosts by catalog entry.",
      type: "object",
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["url", "host", "tls"],
        properties: {
          url: { type: "string", pattern: "^https://" },
          host: name,
          tls: { enum: ["letsencrypt", "custom"], description: "Who issues the host's certificate." },
        },
      },
    },
    services: {
      description: "In-cluster addresses of the workloads that have a Service, by catalog entry.",
      type: "object",
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["host", "port", "protocol"],
        properties: { host: name, port, protocol: { enum: ["http", "https", "grpc", "tcp"] } },
      },
    },
    dataStores: {
      description:
        "Data stores by catalog entry: where they answer, and where their credentials are in Vault.",
      type: "object",
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["kind", "engine", "endpoint", "port", "vaultPath"],
        properties: {
          kind: name,
          engine: { ...name, description: "Service and version, e.g. rds-postgresql 18.4." },
          endpoint: {
            ...name,
            description: "Host name (or bootstrap brokers, or s3:// URL), without credentials.",
          },
          port,
          vaultPath: { ...name, description: "KV v2 path (mount/path) of its connection details." },
        },
      },
    },
    topics: {
      description: "Event-bus topics with their producers and consumers.",
      type: "object",
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["partitions", "replicationFactor", "producers", "consumers"],
        properties: {
          partitions: { type: "integer", minimum: 1 },
          replicationFactor: { type: "integer", minimum: 1 },
          producers: strings,
          consumers: strings,
        },
      },
    },
    vaultPaths: {
      description: "The Vault ACL paths each workload reads (its ExternalSecret's), by catalog entry.",
      type: "object",
      additionalProperties: strings,
    },
    dnsNames: {
      description: "The DNS names the environment's public hosts need, and their zones.",
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "zone"],
        properties: { name, zone: name },
      },
    },
    ingress: {
      description: "The cluster's ingress gateway.",
      type: "object",
      additionalProperties: false,
      required: ["class", "namespace", "installedBy"],
      properties: {
        class: name,
        namespace: name,
        installedBy: { ...name, description: "The stack that installs the cluster's add-ons." },
        loadBalancer: {
          ...name,
          description: "The address of the cluster's ingress load balancer (what the DNS records point at).",
        },
      },
    },
    telemetry: {
      description:
        "Where the clusters ship their telemetry (the stack that runs the central monitoring services only).",
      type: "object",
      additionalProperties: false,
      required: ["ingest"],
      properties: {
        ingest: {
          type: "object",
          additionalProperties: false,
          required: ["url", "paths", "authentication", "credentials"],
          properties: {
            url: { type: "string", pattern: "^https://", description: "The ingest host, over HTTPS." },
            paths: {
              description: "The path of each signal on the ingest host.",
              type: "object",
              additionalProperties: false,
              required: ["metrics", "alerts", "logs", "traces"],
              properties: {
                metrics: { ...name, description: "Prometheus remote write." },
                alerts: { ...name, description: "Alertmanager's API (v2) for Prometheus' alerts." },
                logs: { ...name, description: "OTLP over HTTP, logs." },
                traces: { ...name, description: "OTLP over HTTP, traces." },
              },
            },
            authentication: { enum: ["basic"], description: "How a cluster signs in." },
            credentials: {
              description: "KV v2 path (mount/path) of each cluster's credential (username, password).",
              type: "object",
              additionalProperties: name,
            },
          },
        },
      },
    },
  },
} as const;

/** The `platform` output, as every stack exports it. */
export type PlatformOutputs = FromSchema<typeof PLATFORM_OUTPUTS_SCHEMA>;

/** The published file of a version of the contract. */
export const schemaFileName = (version: number) => `platform-outputs.v${version}.schema.json`;
