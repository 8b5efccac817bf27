/**
 * The ClickHouseInstallation and ClickHouseKeeperInstallation of an environment, as the Altinity
 * operator takes them: restricted pods spread over zones, TLS-only ports with the certificate of
 * the platform's internal CA, volumes on the encrypted StorageClass kept when released.
 */
import { CLICKHOUSE_IMAGES, CLICKHOUSE_POD_LABEL, KEEPER_POD_LABEL } from "../../config/addons";
import type { ResourceSpec } from "../../config/types";
import type { ClickHousePlan, EnvironmentPlan } from "../../planner";
import { meta, type CustomObject } from "./meta";

/** The Service the operator puts in front of a Keeper installation. */
export const keeperService = (c: ClickHousePlan, namespace: string) =>
  `keeper-${c.keeper}.${namespace}.svc.cluster.local`;

/** ClickHouse's uid and gid in its images. */
export const CLICKHOUSE_UID = 101;
export const KEEPER_RESOURCES = {
  cpu: { request: "250m", limit: "1" },
  memory: { request: "1Gi", limit: "1Gi" },
};
export const BACKUP_RESOURCES = {
  cpu: { request: "100m", limit: "500m" },
  memory: { request: "256Mi", limit: "256Mi" },
};
const CERT_DIR = "/etc/clickhouse-server/secrets.d";

export const restricted = {
  runAsNonRoot: true,
  runAsUser: CLICKHOUSE_UID,
  runAsGroup: CLICKHOUSE_UID,
  fsGroup: CLICKHOUSE_UID,
  seccompProfile: { type: "RuntimeDefault" },
};
export const containerSecurity = {
  allowPrivilegeEscalation: false,
  privileged: false,
  capabilities: { drop: ["ALL"] },
  runAsNonRoot: true,
  seccompProfile: { type: "RuntimeDefault" },
};
const zoneSpread = (labels: Record<string, string>) => [
  {
    maxSkew: 1,
    topologyKey: "topology.kubernetes.io/zone",
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels: labels },
  },
];

function openSslXml(c: ClickHousePlan): string {
  const file = (name: string, key: string) => `${CERT_DIR}/${name}/${c.tls.secretName}/${key}`;
  return [
    "<clickhouse><openSSL><server>",
    `<certificateFile>${file("server.crt", "tls.crt")}</certificateFile>`,
    `<privateKeyFile>${file("server.key", "tls.key")}</privateKeyFile>`,
    `<caConfig>${file("ca.crt", "ca.crt")}</caConfig>`,
    "<verificationMode>relaxed</verificationMode><disableProtocols>sslv2,sslv3,tlsv1,tlsv1_1</disableProtocols>",
    "<preferServerCiphers>true</preferServerCiphers>",
    "</server><client>",
    `<caConfig>${file("ca.crt", "ca.crt")}</caConfig><verificationMode>strict</verificationMode>`,
    "</client></openSSL>",
    // Backups write to S3 with the pod's own role (EKS Pod Identity), never a static key.
    "<s3><use_environment_credentials>true</use_environment_credentials></s3>",
    "</clickhouse>",
  ].join("");
}

/** A restricted pod spread over zones, running one container of the given image and size. */
function podSpec(container: string, image: string, r: ResourceSpec, pods: Record<string, string>) {
  return {
    securityContext: restricted,
    topologySpreadConstraints: zoneSpread(pods),
    containers: [
      {
        name: container,
        image,
        resources: {
          requests: { cpu: r.cpu.request, memory: r.memory.request },
          limits: { cpu: r.cpu.limit, memory: r.memory.limit },
        },
        securityContext: containerSecurity,
      },
    ],
  };
}

/** The data volume: on the encrypted StorageClass, kept when the installation or a replica goes away. */
function dataVolume(c: ClickHousePlan, gib: number) {
  return {
    name: "data",
    reclaimPolicy: "Retain",
    spec: {
      storageClassName: c.storageClass,
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: `${gib}Gi` } },
    },
  };
}

export function installation(
  plan: EnvironmentPlan,
  c: ClickHousePlan,
  labels: Record<string, string>,
): CustomObject {
  const secretFile = (key: string) => ({ valueFrom: { secretKeyRef: { name: c.tls.secretName, key } } });
  return {
    apiVersion: "clickhouse.altinity.com/v1",
    kind: "ClickHouseInstallation",
    metadata: meta(plan, c.installation, labels),
    spec: {
      defaults: { templates: { podTemplate: "clickhouse", dataVolumeClaimTemplate: "data" } },
      configuration: {
        zookeeper: { nodes: [{ host: keeperService(c, plan.namespace), port: c.keeperPort }] },
        users: {
          [`${c.user}/password`]: {
            valueFrom: { secretKeyRef: { name: c.credentialsSecret, key: "password" } },
          },
          [`${c.user}/networks/ip`]: ["::/0"],
          [`${c.user}/profile`]: "default",
        },
        settings: {
          https_port: c.httpsPort,
          tcp_port_secure: c.nativeTlsPort,
          interserver_https_port: c.interserverPort,
        },
        files: {
          "config.d/openssl.xml": openSslXml(c),
          "server.crt": secretFile("tls.crt"),
          "server.key": secretFile("tls.key"),
          "ca.crt": secretFile("ca.crt"),
        },
        clusters: [
          {
            name: "main",
            layout: { shardsCount: 1, replicasCount: c.replicas },
            secure: "yes",
            insecure: "no",
          },
        ],
      },
      templates: {
        podTemplates: [
          {
            name: "clickhouse",
            podDistribution: [{ type: "ClickHouseAntiAffinity", scope: "ClickHouseInstallation" }],
            spec: {
              serviceAccountName: c.name,
              ...podSpec("clickhouse", CLICKHOUSE_IMAGES.server, c.resources, {
                [CLICKHOUSE_POD_LABEL]: c.installation,
              }),
            },
          },
        ],
        volumeClaimTemplates: [dataVolume(c, c.volumeGiB)],
      },
    },
  };
}

export function keeper(
  plan: EnvironmentPlan,
  c: ClickHousePlan,
  labels: Record<string, string>,
): CustomObject {
  return {
    apiVersion: "clickhouse-keeper.altinity.com/v1",
    kind: "ClickHouseKeeperInstallation",
    metadata: meta(plan, c.keeper, labels),
    spec: {
      configuration: {
        clusters: [{ name: "keeper", layout: { replicasCount: c.keeperReplicas } }],
        settings: { "keeper_server/tcp_port": String(c.keeperPort) },
      },
      defaults: { templates: { podTemplate: "keeper", volumeClaimTemplate: "data" } },
      templates: {
        podTemplates: [
          {
            name: "keeper",
            spec: {
              ...podSpec("clickhouse-keeper", CLICKHOUSE_IMAGES.keeper, KEEPER_RESOURCES, {
                [KEEPER_POD_LABEL]: c.keeper,
              }),
            },
          },
        ],
        volumeClaimTemplates: [dataVolume(c, 10)],
      },
    },
  };
}
