/**
 * The cluster's CloudWatch exporter (YACE): the chart's values (its configuration discovering the
 * managed stores of the cluster's environments by their `environment` tag, scraped by the
 * cluster's Prometheus), and its IAM role, assumed through EKS Pod Identity by its ServiceAccount
 * only, allowed to read metrics and tags and nothing else. Pure.
 */
import type * as aws from "@pulumi/aws";
import { stringify } from "yaml";
import type { ClusterTelemetryPlan } from "../../planner";
import { policy } from "../aws/common";
import { podIdentityRoleArgs } from "../aws/identity";
import { PROMETHEUS_SELECTOR } from "../k8s/prometheus";

/** The CloudWatch namespaces and metrics the store alerts read (planner/store-alerts.ts), with their statistic. */
export const CLOUDWATCH_METRICS: Record<string, { name: string; statistics: ("Maximum" | "Minimum")[] }[]> = {
  "AWS/RDS": [
    { name: "DatabaseConnections", statistics: ["Maximum"] },
    { name: "FreeStorageSpace", statistics: ["Minimum"] },
  ],
  "AWS/ElastiCache": [
    { name: "DatabaseMemoryUsagePercentage", statistics: ["Maximum"] },
    { name: "ReplicationLag", statistics: ["Maximum"] },
    { name: "CurrConnections", statistics: ["Maximum"] },
  ],
  "AWS/ES": [
    { name: "ClusterStatus.red", statistics: ["Maximum"] },
    { name: "FreeStorageSpace", statistics: ["Minimum"] },
  ],
  "AWS/Kafka": [
    { name: "OfflinePartitionsCount", statistics: ["Maximum"] },
    { name: "UnderReplicatedPartitions", statistics: ["Maximum"] },
    { name: "KafkaDataLogsDiskUsed", statistics: ["Maximum"] },
  ],
};

/** YACE's configuration (apiVersion v1alpha1): one discovery job per namespace. */
export function yaceConfig(t: ClusterTelemetryPlan): Record<string, unknown> {
  const c = t.cloudwatch;
  const environments = `^(${[...c.environments].sort().join("|")})$`;
  return {
    apiVersion: "v1alpha1",
    discovery: {
      exportedTagsOnMetrics: Object.fromEntries(
        Object.keys(CLOUDWATCH_METRICS).map((n) => [n, ["environment"]]),
      ),
      jobs: Object.entries(CLOUDWATCH_METRICS).map(([type, metrics]) => ({
        type,
        regions: [c.region],
        searchTags: [{ key: "environment", value: environments }],
        // CloudWatch publishes late: a 10-minute window always holds the newest complete 5-minute period.
        period: 300,
        length: 600,
        metrics,
      })),
    },
  };
}

export function cloudwatchExporterValues(t: ClusterTelemetryPlan): Record<string, unknown> {
  const c = t.cloudwatch;
  return {
    fullnameOverride: c.service,
    serviceAccount: { create: true, name: c.serviceAccount },
    // YACE reads CloudWatch every five minutes and serves what it read: scrapes cost no API calls.
    extraArgs: { "scraping-interval": 300 },
    config: stringify(yaceConfig(t)),
    serviceMonitor: { enabled: true, labels: { ...PROMETHEUS_SELECTOR }, interval: "60s" },
    // The image's user is `nobody`, by name: the restricted Pod Security level needs its number.
    podSecurityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: "RuntimeDefault" } },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    },
    resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "256Mi" } },
  };
}

export function cloudwatchRoleArgs(t: ClusterTelemetryPlan): aws.iam.RoleArgs {
  const c = t.cloudwatch;
  return podIdentityRoleArgs(c.roleName, `CloudWatch exporter of ${t.cluster}`, c.accountId);
}

/** Reading metrics and finding resources by tag: the calls YACE's discovery makes, none that writes. */
export function cloudwatchPolicyDocument(): string {
  return JSON.stringify(
    policy({
      Sid: "ReadMetricsAndTags",
      Effect: "Allow",
      Action: [
        "cloudwatch:GetMetricData",
        "cloudwatch:GetMetricStatistics",
        "cloudwatch:ListMetrics",
        "tag:GetResources",
      ],
      // These calls take no resource-level permissions.
      Resource: "*",
    }),
  );
}

export function cloudwatchPodIdentityArgs(
  t: ClusterTelemetryPlan,
  roleArn: aws.eks.PodIdentityAssociationArgs["roleArn"],
): aws.eks.PodIdentityAssociationArgs {
  return {
    clusterName: t.cloudwatch.eksClusterName,
    namespace: t.namespace,
    serviceAccount: t.cloudwatch.serviceAccount,
    roleArn,
    tags: { cluster: t.cluster },
  };
}

/** The AWS provider of the exporter's role: the owner's account, pinned. */
export function cloudwatchProviderArgs(t: ClusterTelemetryPlan): aws.ProviderArgs {
  return { region: t.cloudwatch.region, allowedAccountIds: [t.cloudwatch.accountId] };
}
