/**
 * ClickHouseInstallation (clickhouse.altinity.com/v1) and ClickHouseKeeperInstallation
 * (clickhouse-keeper.altinity.com/v1) as JSON Schema: the parts of the operator's CRDs (0.25 to
 * 0.28) this platform writes, with the properties those CRDs define at each level it uses, so a
 * misspelt field, a wrong type or a value outside an enum is an error. Pod specs inside templates
 * are full PodSpecs in the CRDs (preserved as given): they are checked for Pod Security instead.
 */
import { customResource, stringMap } from "./common";
const anything = {};
const stringOrNumber = { type: ["string", "number"] };
const metadata = {
  type: "object",
  required: ["name"],
  properties: {
    name: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 63 },
    namespace: { type: "string" },
    labels: stringMap,
    annotations: stringMap,
  },
};
const secretKeyRef = {
  type: "object",
  required: ["valueFrom"],
  additionalProperties: false,
  properties: {
    valueFrom: {
      type: "object",
      additionalProperties: false,
      properties: {
        secretKeyRef: {
          type: "object",
          required: ["name", "key"],
          additionalProperties: false,
          properties: { name: { type: "string" }, key: { type: "string" } },
        },
      },
    },
  },
};
const yesNo = {
  enum: [
    "",
    "0",
    "1",
    "False",
    "false",
    "True",
    "true",
    "No",
    "no",
    "Yes",
    "yes",
    "Off",
    "off",
    "On",
    "on",
    "Disable",
    "disable",
    "Enable",
    "enable",
    "Disabled",
    "disabled",
    "Enabled",
    "enabled",
  ],
};
const podTemplate = {
  type: "object",
  required: ["name"],
  additionalProperties: false,
  properties: {
    name: { type: "string" },
    generateName: { type: "string" },
    zone: anything,
    podDistribution: {
      type: "array",
      items: {
        type: "object",
        required: ["type"],
        additionalProperties: false,
        properties: {
          type: {
            enum: [
              "",
              "Unspecified",
              "ClickHouseAntiAffinity",
              "ShardAntiAffinity",
              "ReplicaAntiAffinity",
              "AnotherNamespaceAntiAffinity",
              "AnotherClickHouseInstallationAntiAffinity",
              "AnotherClusterAntiAffinity",
              "MaxNumberPerNode",
              "NamespaceAffinity",
              "ClickHouseInstallationAffinity",
              "ClusterAffinity",
              "ShardAffinity",
              "ReplicaAffinity",
              "PreviousTailAffinity",
              "CircularReplication",
            ],
          },
          scope: {
            enum: ["", "Unspecified", "Shard", "Replica", "Cluster", "ClickHouseInstallation", "Namespace"],
          },
          number: { type: "integer", minimum: 0 },
          topologyKey: { type: "string" },
        },
      },
    },
    metadata: anything,
    spec: { type: "object" },
  },
};
const volumeClaimTemplate = {
  type: "object",
  required: ["name", "spec"],
  additionalProperties: false,
  properties: {
    name: { type: "string" },
    provisioner: { enum: ["", "StatefulSet", "Operator"] },
    reclaimPolicy: { enum: ["", "Retain", "Delete"] },
    metadata: anything,
    spec: {
      type: "object",
      required: ["accessModes", "resources"],
      properties: {
        storageClassName: { type: "string" },
        accessModes: {
          type: "array",
          items: { enum: ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"] },
        },
        resources: {
          type: "object",
          properties: {
            requests: {
              type: "object",
              properties: { storage: { type: "string", pattern: "^[0-9]+(Ki|Mi|Gi|Ti)$" } },
            },
          },
        },
      },
    },
  },
};
const templates = {
  type: "object",
  additionalProperties: false,
  properties: {
    hostTemplates: { type: "array" },
    podTemplates: { type: "array", items: podTemplate },
    dataVolumeClaimTemplates: { type: "array" },
    logVolumeClaimTemplates: { type: "array" },
    serviceTemplates: { type: "array" },
    volumeClaimTemplates: { type: "array", items: volumeClaimTemplate },
  },
};
const defaults = {
  type: "object",
  additionalProperties: false,
  properties: {
    replicasUseFQDN: yesNo,
    distributedDDL: anything,
    storageManagement: anything,
    templates: {
      type: "object",
      additionalProperties: false,
      properties: {
        hostTemplate: { type: "string" },
        podTemplate: { type: "string" },
        dataVolumeClaimTemplate: { type: "string" },
        logVolumeClaimTemplate: { type: "string" },
        volumeClaimTemplate: { type: "string" },
        serviceTemplate: { type: "string" },
        clusterServiceTemplate: { type: "string" },
        shardServiceTemplate: { type: "string" },
        replicaServiceTemplate: { type: "string" },
      },
    },
  },
};
const settingsOrFiles = {
  type: "object",
  additionalProperties: { anyOf: [stringOrNumber, { type: "boolean" }, secretKeyRef] },
};
const layout = {
  type: "object",
  additionalProperties: false,
  properties: {
    shardsCount: { type: "integer", minimum: 0 },
    replicasCount: { type: "integer", minimum: 0 },
    shards: { type: "array" },
    replicas: { type: "array" },
  },
};

export const CLICKHOUSE_INSTALLATION_V1 = customResource(
  "clickhouse.altinity.com/v1",
  "ClickHouseInstallation",
  metadata,
  {
    type: "object",
    additionalProperties: false,
    properties: {
      taskID: { type: "string" },
      stop: yesNo,
      restart: { type: "string" },
      troubleshoot: yesNo,
      namespaceDomainPattern: { type: "string" },
      templating: anything,
      reconciling: anything,
      reconcile: anything,
      defaults,
      configuration: {
        type: "object",
        additionalProperties: false,
        properties: {
          zookeeper: {
            type: "object",
            additionalProperties: false,
            properties: {
              nodes: {
                type: "array",
                minItems: 1,
                items: {
                  type: "object",
                  required: ["host"],
                  additionalProperties: false,
                  properties: {
                    host: { type: "string" },
                    port: { type: "integer", minimum: 0, maximum: 65535 },
                    secure: yesNo,
                    availabilityZone: { type: "string" },
                  },
                },
              },
              session_timeout_ms: { type: "integer" },
              operation_timeout_ms: { type: "integer" },
              root: { type: "string" },
              identity: { type: "string" },
              use_compression: yesNo,
              keeper: anything,
            },
          },
          users: {
            type: "object",
            additionalProperties: {
              anyOf: [stringOrNumber, { type: "array", items: { type: "string" } }, secretKeyRef],
            },
          },
          profiles: { type: "object" },
          quotas: { type: "object" },
          settings: settingsOrFiles,
          files: settingsOrFiles,
          clusters: {
            type: "array",
            items: {
              type: "object",
              required: ["name"],
              additionalProperties: false,
              properties: {
                name: { type: "string", pattern: "^[a-zA-Z0-9-]{0,15}$" },
                zookeeper: anything,
                settings: settingsOrFiles,
                files: settingsOrFiles,
                templates: anything,
                schemaPolicy: anything,
                insecure: yesNo,
                secure: yesNo,
                secret: anything,
                pdbManaged: yesNo,
                pdbMaxUnavailable: { type: "integer", minimum: 0 },
                layout,
              },
            },
          },
        },
      },
      templates,
      useTemplates: { type: "array" },
    },
  },
);

export const CLICKHOUSE_KEEPER_INSTALLATION_V1 = customResource(
  "clickhouse-keeper.altinity.com/v1",
  "ClickHouseKeeperInstallation",
  metadata,
  {
    type: "object",
    additionalProperties: false,
    properties: {
      taskID: { type: "string" },
      namespaceDomainPattern: { type: "string" },
      reconciling: anything,
      defaults,
      configuration: {
        type: "object",
        additionalProperties: false,
        properties: {
          settings: settingsOrFiles,
          files: settingsOrFiles,
          clusters: {
            type: "array",
            items: {
              type: "object",
              required: ["name"],
              additionalProperties: false,
              properties: {
                name: { type: "string", pattern: "^[a-zA-Z0-9-]{0,15}$" },
                settings: settingsOrFiles,
                files: settingsOrFiles,
                templates: anything,
                pdbManaged: yesNo,
                pdbMaxUnavailable: { type: "integer" },
                layout,
                secure: yesNo,
                insecure: yesNo,
              },
            },
          },
        },
      },
      templates,
    },
  },
);
