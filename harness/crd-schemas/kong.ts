/**
 * KongPlugin (configuration.konghq.com/v1), as the CRD of the Kong chart 3.4.1 defines it: top-level
 * fields, no `spec`; `plugin` is required; `config` and `configFrom` exclude each other, and so do
 * `configFrom` and `configPatches`; protocols and `run_on` come from fixed sets.
 */
export const KONG_PLUGIN_V1 = {
  type: "object",
  required: ["apiVersion", "kind", "metadata", "plugin"],
  additionalProperties: false,
  properties: {
    apiVersion: { const: "configuration.konghq.com/v1" },
    kind: { const: "KongPlugin" },
    metadata: {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 253 } },
    },
    plugin: { type: "string", minLength: 1 },
    config: { type: "object" },
    configFrom: {
      type: "object",
      required: ["secretKeyRef"],
      properties: {
        secretKeyRef: {
          type: "object",
          required: ["key", "name"],
          properties: { key: { type: "string" }, name: { type: "string" } },
        },
      },
    },
    configPatches: { type: "array" },
    consumerRef: { type: "string" },
    disabled: { type: "boolean" },
    instance_name: { type: "string" },
    protocols: { type: "array", items: { enum: ["http", "https", "grpc", "grpcs", "tcp", "tls", "udp"] } },
    run_on: { enum: ["first", "second", "all"] },
    ordering: { type: "object" },
  },
  allOf: [
    { not: { required: ["config", "configFrom"] } },
    { not: { required: ["configFrom", "configPatches"] } },
  ],
} as const;

/**
 * KongConsumer (configuration.konghq.com/v1), as the Kong Ingress Controller 3.5's CRD defines it:
 * top-level fields, no `spec`; a `username` or a `custom_id`; `credentials` names Secrets of the
 * namespace (typed by their `konghq.com/credential` label).
 */
export const KONG_CONSUMER_V1 = {
  type: "object",
  required: ["apiVersion", "kind", "metadata"],
  additionalProperties: false,
  properties: {
    apiVersion: { const: "configuration.konghq.com/v1" },
    kind: { const: "KongConsumer" },
    metadata: {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 253 } },
    },
    username: { type: "string", minLength: 1 },
    custom_id: { type: "string", minLength: 1 },
    credentials: { type: "array", items: { type: "string", minLength: 1 } },
    consumerGroups: { type: "array", items: { type: "string" } },
  },
  anyOf: [{ required: ["username"] }, { required: ["custom_id"] }],
} as const;
