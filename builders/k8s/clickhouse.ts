/**
 * ClickHouse in an environment's namespace, run by the Altinity operator: a Keeper ensemble, a
 * replicated installation serving HTTPS (8443) and native TLS (9440) only, with a certificate from
 * the platform's internal CA, its password from Vault through an ExternalSecret, volumes on the
 * cluster's encrypted StorageClass that outlive the installation, NetworkPolicies admitting exactly
 * its consumers, and a daily backup to the environment's bucket. Pure: types only.
 */
import type * as k8s from "@pulumi/kubernetes";
import { CLICKHOUSE_IMAGES, CLICKHOUSE_POD_LABEL, KEEPER_POD_LABEL } from "../../config/addons";
import type { ClickHousePlan, EnvironmentPlan } from "../../planner";
import {
  BACKUP_RESOURCES,
  containerSecurity,
  installation,
  keeper,
  KEEPER_RESOURCES,
  restricted,
} from "./clickhouse-installation";
import { externalSecret } from "./external-secret";
import { meta, platformLabels, selectorLabels, type CustomObject, type Typed } from "./meta";
import { PRIVATE_RANGES, tcp } from "./network-policy";

/** The ClusterIssuer of the platform's internal CA (in-cluster TLS). */
export const INTERNAL_CA_ISSUER = "platform-internal-ca";
export interface ClickHouseObjects {
  serviceAccount: Typed<k8s.core.v1.ServiceAccountArgs, "v1", "ServiceAccount">;
  credentials: CustomObject;
  certificate: CustomObject;
  keeper: CustomObject;
  installation: CustomObject;
  networkPolicy: Typed<k8s.networking.v1.NetworkPolicyArgs, "networking.k8s.io/v1", "NetworkPolicy">;
  keeperNetworkPolicy: Typed<k8s.networking.v1.NetworkPolicyArgs, "networking.k8s.io/v1", "NetworkPolicy">;
  backupNetworkPolicy: Typed<k8s.networking.v1.NetworkPolicyArgs, "networking.k8s.io/v1", "NetworkPolicy">;
  clientConfig: Typed<k8s.core.v1.ConfigMapArgs, "v1", "ConfigMap">;
  backup: Typed<k8s.batch.v1.CronJobArgs, "batch/v1", "CronJob">;
}

/** The pods ClickHouse adds to the namespace at full scale, for its quota and limit range. */
export function clickhousePods(c: ClickHousePlan) {
  return [
    { count: c.replicas, resources: c.resources },
    { count: c.keeperReplicas, resources: KEEPER_RESOURCES },
    { count: 1, resources: BACKUP_RESOURCES },
  ];
}

/** The Service the operator puts in front of an installation, and its in-cluster name. */
export const clickhouseService = (c: ClickHousePlan, namespace: string) =>
  `clickhouse-${c.installation}.${namespace}.svc.cluster.local`;

/** The URL dependents read (the password comes from Vault with it). */
export function clickhouseUrl(c: ClickHousePlan, namespace: string, password: string): string {
  return `https://${c.user}:${encodeURIComponent(password)}@${clickhouseService(c, namespace)}:${c.httpsPort}`;
}

export function clickhouseObjects(plan: EnvironmentPlan, c: ClickHousePlan): ClickHouseObjects {
  const labels = {
    ...platformLabels(plan.environment),
    "app.kubernetes.io/name": c.name,
    "ecommerce.example.com/owner": c.owner,
  };
  const chPods = { [CLICKHOUSE_POD_LABEL]: c.installation };
  const keeperPods = { [KEEPER_POD_LABEL]: c.keeper };
  const backupPods = { "app.kubernetes.io/name": `${c.name}-backup` };
  const policy = (
    name: string,
    podSelector: Record<string, string>,
    ingress: k8s.types.input.networking.v1.NetworkPolicyIngressRule[],
    egress: k8s.types.input.networking.v1.NetworkPolicyEgressRule[],
  ): ClickHouseObjects["networkPolicy"] => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: meta(plan, name, labels),
    spec: { podSelector: { matchLabels: podSelector }, policyTypes: ["Ingress", "Egress"], ingress, egress },
  });
  const password = c.connections.find((x) => x.vault.property === "url")?.vault;
  if (!password) throw new Error(`${c.name}: no connection in Vault to take its password from`);
  const backupSql = `BACKUP ALL EXCEPT DATABASE system TO S3('https://${c.backup.bucket}.s3.amazonaws.com/${c.backup.prefix}'||toString(today())||'/')`;
  return {
    serviceAccount: {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: meta(plan, c.name, labels),
      automountServiceAccountToken: false,
    },
    credentials: externalSecret(plan, {
      metadata: meta(plan, c.credentialsSecret, labels),
      target: c.credentialsSecret,
      data: [{ secretKey: "password", from: { ...password, property: "password" } }],
    }),
    certificate: {
      apiVersion: "cert-manager.io/v1",
      kind: "Certificate",
      metadata: meta(plan, c.tls.secretName, labels),
      spec: {
        secretName: c.tls.secretName,
        issuerRef: { kind: "ClusterIssuer", name: INTERNAL_CA_ISSUER, group: "cert-manager.io" },
        dnsNames: [...c.tls.dnsNames],
        duration: "2160h",
        renewBefore: "360h",
        privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
        usages: ["server auth", "client auth"],
      },
    },
    keeper: keeper(plan, c, labels),
    installation: installation(plan, c, labels),
    networkPolicy: policy(
      c.name,
      chPods,
      [
        ...c.consumers.map((w) => ({
          from: [{ podSelector: { matchLabels: selectorLabels(w) } }],
          ports: [tcp(c.httpsPort)],
        })),
        { from: [{ podSelector: { matchLabels: backupPods } }], ports: [tcp(c.nativeTlsPort)] },
        {
          from: [{ podSelector: { matchLabels: chPods } }],
          ports: [tcp(c.interserverPort), tcp(c.nativeTlsPort)],
        },
      ],
      [
        { to: [{ podSelector: { matchLabels: keeperPods } }], ports: [tcp(c.keeperPort)] },
        {
          to: [{ podSelector: { matchLabels: chPods } }],
          ports: [tcp(c.interserverPort), tcp(c.nativeTlsPort)],
        },
        // Backups go to S3 over HTTPS.
        { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: PRIVATE_RANGES } }], ports: [tcp(443)] },
      ],
    ),
    keeperNetworkPolicy: policy(
      c.keeper,
      keeperPods,
      [
        { from: [{ podSelector: { matchLabels: chPods } }], ports: [tcp(c.keeperPort)] },
        { from: [{ podSelector: { matchLabels: keeperPods } }], ports: [tcp(9234)] },
      ],
      [{ to: [{ podSelector: { matchLabels: keeperPods } }], ports: [tcp(9234)] }],
    ),
    backupNetworkPolicy: policy(
      `${c.name}-backup`,
      backupPods,
      [],
      [{ to: [{ podSelector: { matchLabels: chPods } }], ports: [tcp(c.nativeTlsPort)] }],
    ),
    clientConfig: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: meta(plan, `${c.name}-client`, labels),
      data: {
        "config.xml": `<config><openSSL><client><caConfig>/etc/clickhouse-tls/ca.crt</caConfig><verificationMode>strict</verificationMode></client></openSSL></config>`,
      },
    },
    backup: {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: meta(plan, `${c.name}-backup`, labels),
      spec: {
        schedule: c.backup.schedule,
        concurrencyPolicy: "Forbid",
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          spec: {
            backoffLimit: 2,
            template: {
              metadata: { labels: { ...labels, ...backupPods } },
              spec: {
                restartPolicy: "OnFailure",
                automountServiceAccountToken: false,
                securityContext: restricted,
                containers: [
                  {
                    name: "backup",
                    image: CLICKHOUSE_IMAGES.server,
                    command: ["clickhouse-client"],
                    args: [
                      "--config-file=/etc/clickhouse-client/config.xml",
                      "--secure",
                      `--host=${clickhouseService(c, plan.namespace)}`,
                      `--port=${c.nativeTlsPort}`,
                      `--user=${c.user}`,
                      `--query=${backupSql}`,
                    ],
                    env: [
                      {
                        name: "CLICKHOUSE_PASSWORD",
                        valueFrom: { secretKeyRef: { name: c.credentialsSecret, key: "password" } },
                      },
                    ],
                    resources: {
                      requests: {
                        cpu: BACKUP_RESOURCES.cpu.request,
                        memory: BACKUP_RESOURCES.memory.request,
                      },
                      limits: { cpu: BACKUP_RESOURCES.cpu.limit, memory: BACKUP_RESOURCES.memory.limit },
                    },
                    securityContext: { ...containerSecurity, readOnlyRootFilesystem: true },
                    volumeMounts: [
                      { name: "client-config", mountPath: "/etc/clickhouse-client", readOnly: true },
                      { name: "tls", mountPath: "/etc/clickhouse-tls", readOnly: true },
                      { name: "tmp", mountPath: "/tmp" },
                    ],
                  },
                ],
                volumes: [
                  { name: "client-config", configMap: { name: `${c.name}-client` } },
                  {
                    name: "tls",
                    secret: { secretName: c.tls.secretName, items: [{ key: "ca.crt", path: "ca.crt" }] },
                  },
                  { name: "tmp", emptyDir: { sizeLimit: "64Mi" } },
                ],
              },
            },
          },
        },
      },
    },
  };
}
