/**
 * External Secrets `external-secrets.io/v1` ExternalSecret and ClusterSecretStore, as JSON Schema:
 * the parts of the CRDs' openAPIV3Schema (chart 2.9.0 to 2.11.0) that this platform writes,
 * transcribed with every property those objects define at the levels it uses, so that a field the
 * CRD does not have, a wrong type or an enum value it does not allow is an error. Fields the
 * platform never writes are allowed by name, not checked further.
 */
import { customResource, stringMap } from "./common";
const dnsSubdomain = {
  type: "string",
  minLength: 1,
  maxLength: 253,
  pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
};
const dnsLabel = { type: "string", minLength: 1, maxLength: 63, pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" };
const anything = {};

const metadata = {
  type: "object",
  required: ["name"],
  properties: {
    name: dnsSubdomain,
    namespace: dnsLabel,
    labels: stringMap,
    annotations: stringMap,
  },
};

const remoteRef = {
  type: "object",
  required: ["key"],
  additionalProperties: false,
  properties: {
    key: { type: "string" },
    property: { type: "string" },
    version: { type: "string" },
    conversionStrategy: { enum: ["Default", "Unicode"] },
    decodingStrategy: { enum: ["Auto", "Base64", "Base64URL", "None"] },
    metadataPolicy: { enum: ["None", "Fetch"] },
    nullBytePolicy: { enum: ["Ignore", "Fail"] },
  },
};

export const EXTERNAL_SECRET_V1 = customResource("external-secrets.io/v1", "ExternalSecret", metadata, {
  type: "object",
  additionalProperties: false,
  anyOf: [{ required: ["data"] }, { required: ["dataFrom"] }],
  properties: {
    refreshInterval: { type: "string", pattern: "^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$" },
    refreshPolicy: { enum: ["CreatedOnce", "Periodic", "OnChange"] },
    secretStoreRef: {
      type: "object",
      required: ["name"],
      additionalProperties: false,
      properties: { kind: { enum: ["SecretStore", "ClusterSecretStore"] }, name: dnsSubdomain },
    },
    target: {
      type: "object",
      additionalProperties: false,
      properties: {
        name: dnsSubdomain,
        creationPolicy: { enum: ["Owner", "Orphan", "Merge", "None", "CreateOrMerge"] },
        deletionPolicy: { enum: ["Delete", "Merge", "Retain"] },
        immutable: { type: "boolean" },
        manifest: anything,
        template: {
          type: "object",
          additionalProperties: false,
          properties: {
            type: { type: "string" },
            engineVersion: { enum: ["v2"] },
            mergePolicy: { enum: ["Replace", "Merge"] },
            metadata: anything,
            data: { type: "object", additionalProperties: { type: "string" } },
            templateFrom: { type: "array" },
          },
        },
      },
    },
    data: {
      type: "array",
      items: {
        type: "object",
        required: ["secretKey", "remoteRef"],
        additionalProperties: false,
        properties: {
          secretKey: { type: "string", pattern: "^[-._a-zA-Z0-9]+$" },
          remoteRef,
          sourceRef: anything,
        },
      },
    },
    dataFrom: { type: "array" },
  },
});

const kubernetesAuth = {
  type: "object",
  required: ["mountPath", "role"],
  additionalProperties: false,
  properties: {
    mountPath: { type: "string" },
    role: { type: "string" },
    serviceAccountRef: {
      type: "object",
      required: ["name"],
      additionalProperties: false,
      properties: {
        name: dnsSubdomain,
        namespace: dnsLabel,
        audiences: { type: "array", items: { type: "string" } },
      },
    },
    secretRef: anything,
  },
};

const vaultProvider = {
  type: "object",
  required: ["server"],
  additionalProperties: false,
  properties: {
    server: { type: "string" },
    path: { type: "string" },
    version: { enum: ["v1", "v2"] },
    namespace: { type: "string" },
    // base64 of a PEM bundle (the CRD's `format: byte`).
    caBundle: { type: "string", pattern: "^[A-Za-z0-9+/]*={0,2}$" },
    caProvider: {
      type: "object",
      required: ["type", "name"],
      additionalProperties: false,
      properties: {
        type: { enum: ["Secret", "ConfigMap"] },
        name: { type: "string" },
        key: { type: "string" },
        namespace: { type: "string" },
      },
    },
    tls: anything,
    readYourWrites: { type: "boolean" },
    forwardInconsistent: { type: "boolean" },
    headers: { type: "object", additionalProperties: { type: "string" } },
    checkAndSet: anything,
    auth: {
      type: "object",
      additionalProperties: false,
      properties: {
        kubernetes: kubernetesAuth,
        appRole: anything,
        cert: anything,
        gcp: anything,
        iam: anything,
        jwt: anything,
        ldap: anything,
        userPass: anything,
        tokenSecretRef: anything,
        namespace: { type: "string" },
      },
    },
  },
};

export const CLUSTER_SECRET_STORE_V1 = customResource(
  "external-secrets.io/v1",
  "ClusterSecretStore",
  metadata,
  {
    type: "object",
    required: ["provider"],
    additionalProperties: false,
    properties: {
      provider: {
        type: "object",
        minProperties: 1,
        maxProperties: 1,
        properties: { vault: vaultProvider },
      },
      controller: { type: "string" },
      refreshInterval: {},
      retrySettings: anything,
      conditions: {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          properties: {
            namespaces: { type: "array", items: dnsLabel },
            namespaceSelector: anything,
            namespaceRegexes: { type: "array", items: { type: "string" } },
          },
        },
      },
    },
  },
);

/** A namespaced SecretStore: the ClusterSecretStore's provider, without namespace conditions. */
export const SECRET_STORE_V1 = {
  ...CLUSTER_SECRET_STORE_V1,
  properties: {
    ...CLUSTER_SECRET_STORE_V1.properties,
    kind: { const: "SecretStore" },
    spec: {
      ...CLUSTER_SECRET_STORE_V1.properties.spec,
      properties: Object.fromEntries(
        Object.entries(CLUSTER_SECRET_STORE_V1.properties.spec.properties).filter(
          ([k]) => k !== "conditions",
        ),
      ),
    },
  },
};
