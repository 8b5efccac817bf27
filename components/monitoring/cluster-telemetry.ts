/**
 * A cluster's telemetry collectors, installed by its add-on owner: the OpenTelemetry Collector
 * (pinned chart) the workloads send traces and logs to, the CloudWatch exporter (YACE) with its
 * IAM role for the managed stores' metrics, and the Vault reader, store and
 * ExternalSecret of the cluster's ingest credential. The ingest endpoint comes from the
 * monitoring stack's outputs (the contract's reader). Registers only.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { inheritedDependsOn } from "../transform";
import * as aws from "@pulumi/aws";
import {
  cloudwatchExporterValues,
  cloudwatchPodIdentityArgs,
  cloudwatchPolicyDocument,
  cloudwatchProviderArgs,
  cloudwatchRoleArgs,
  collectorValues,
  telemetryObjects,
} from "../../builders/monitoring";
import { CLOUDWATCH_EXPORTER, OTEL_COLLECTOR } from "../../config/telemetry-releases";
import type { Catalog } from "../../config/types";
import type { EnvironmentPlan, IngestEndpoint } from "../../planner";

export interface ClusterTelemetryArgs {
  /** The add-on owner's plan (`plan.telemetry` set). */
  plan: EnvironmentPlan;
  catalog: Catalog;
  /** The ingest host and its paths, read from the monitoring stack's `platform.telemetry`. */
  ingest: pulumi.Input<IngestEndpoint>;
}

export class ClusterTelemetry extends pulumi.ComponentResource {
  constructor(name: string, args: ClusterTelemetryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ecommerce:monitoring:ClusterTelemetry", name, {}, opts);
    const after = inheritedDependsOn(opts);
    const t = args.plan.telemetry!;
    const o = telemetryObjects(args.plan, args.catalog);
    const account = new k8s.core.v1.ServiceAccount(`${name}-vault-account`, o.account, {
      parent: this,
      dependsOn: after,
    });
    const store = new k8s.apiextensions.CustomResource(`${name}-vault-store`, o.store, {
      parent: this,
      dependsOn: [...after, account],
    });
    const credential = new k8s.apiextensions.CustomResource(`${name}-credential`, o.credential, {
      parent: this,
      dependsOn: [...after, store],
    });
    new k8s.helm.v4.Chart(
      `${name}-collector`,
      {
        name: t.collector.service,
        chart: OTEL_COLLECTOR.chart,
        version: OTEL_COLLECTOR.version,
        namespace: t.namespace,
        repositoryOpts: { repo: OTEL_COLLECTOR.repository },
        values: pulumi.output(args.ingest).apply((i) => collectorValues(t, i)),
      },
      { parent: this, dependsOn: [...after, credential] },
    );
    // The CloudWatch exporter: its role (Pod Identity, reading metrics and tags only) and its chart.
    const aws_ = new aws.Provider(`${name}-aws`, cloudwatchProviderArgs(t), {
      parent: this,
      dependsOn: after,
    });
    const inAws = { parent: this, provider: aws_, dependsOn: after };
    const role = new aws.iam.Role(`${name}-cloudwatch-role`, cloudwatchRoleArgs(t), inAws);
    new aws.iam.RolePolicy(
      `${name}-cloudwatch-policy`,
      { role: role.id, name: "read-metrics", policy: cloudwatchPolicyDocument() },
      inAws,
    );
    const association = new aws.eks.PodIdentityAssociation(
      `${name}-cloudwatch-identity`,
      cloudwatchPodIdentityArgs(t, role.arn),
      inAws,
    );
    new k8s.helm.v4.Chart(
      `${name}-cloudwatch-exporter`,
      {
        name: t.cloudwatch.service,
        chart: CLOUDWATCH_EXPORTER.chart,
        version: CLOUDWATCH_EXPORTER.version,
        namespace: t.namespace,
        repositoryOpts: { repo: CLOUDWATCH_EXPORTER.repository },
        values: cloudwatchExporterValues(t),
      },
      { parent: this, dependsOn: [...after, association] },
    );
    this.registerOutputs({});
  }
}
