/**
 * One workload's objects: ServiceAccount, Deployment, Service (when called), HPA (production and
 * staging), PodDisruptionBudget (2+ replicas), NetworkPolicy and ExternalSecret (when it has
 * secrets). Secure defaults are written here, where they are declared.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { Catalog } from "../../config/types";
import type { EnvironmentPlan, WorkloadPlan } from "../../planner";
import { externalSecret, secretName, workloadSecretStoreObject } from "./external-secret";
import { meta, RUN_AS, selectorLabels, workloadLabels, type CustomObject, type Typed } from "./meta";
import { egressRules, ingressRules } from "./network-policy";

export interface WorkloadObjects {
  serviceAccount: Typed<k8s.core.v1.ServiceAccountArgs, "v1", "ServiceAccount">;
  deployment: Typed<k8s.apps.v1.DeploymentArgs, "apps/v1", "Deployment">;
  service?: Typed<k8s.core.v1.ServiceArgs, "v1", "Service">;
  autoscaler?: Typed<
    k8s.autoscaling.v2.HorizontalPodAutoscalerArgs,
    "autoscaling/v2",
    "HorizontalPodAutoscaler"
  >;
  disruptionBudget?: Typed<k8s.policy.v1.PodDisruptionBudgetArgs, "policy/v1", "PodDisruptionBudget">;
  networkPolicy: Typed<k8s.networking.v1.NetworkPolicyArgs, "networking.k8s.io/v1", "NetworkPolicy">;
  /** The workload's own SecretStore: Vault as the workload, through its own role. */
  secretStore?: CustomObject;
  externalSecret?: CustomObject;
}

/** Probe timing: startup allows `startupSeconds`, then liveness and readiness take over. */
function probes(w: WorkloadPlan) {
  const http = (path: string) => ({ httpGet: { path, port: w.port.name } });
  return {
    startupProbe: {
      ...http(w.health.liveness),
      periodSeconds: 5,
      failureThreshold: Math.max(1, Math.ceil(w.health.startupSeconds / 5)),
    },
    livenessProbe: { ...http(w.health.liveness), periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
    readinessProbe: { ...http(w.health.readiness), periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
  };
}

/** The container's variables: plain values, or references to the Secret its ExternalSecret fills. */
function containerEnv(w: WorkloadPlan) {
  return w.env.map((v) => {
    if (v.secret)
      return { name: v.name, valueFrom: { secretKeyRef: { name: secretName(w.name), key: v.name } } };
    if (v.value === undefined)
      throw new Error(`${w.name}: variable ${v.name} has neither a value nor a secret in the plan`);
    return { name: v.name, value: v.value };
  });
}

function deploymentObject(plan: EnvironmentPlan, w: WorkloadPlan): WorkloadObjects["deployment"] {
  const labels = workloadLabels(plan, w);
  const selector = selectorLabels(w.name);
  const production = plan.tier === "production";
  const spread = (topologyKey: string, hard: boolean) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: hard ? "DoNotSchedule" : "ScheduleAnyway",
    labelSelector: { matchLabels: selector },
    matchLabelKeys: ["pod-template-hash"],
  });
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta(plan, w.name, labels, { "ecommerce.example.com/description": w.description }),
    spec: {
      replicas: w.replicas,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selector },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "25%" } },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: w.name,
          automountServiceAccountToken: w.needsKubernetesApi,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: 30,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: RUN_AS,
            runAsGroup: RUN_AS,
            fsGroup: RUN_AS,
            seccompProfile: { type: "RuntimeDefault" },
          },
          topologySpreadConstraints: [
            spread("topology.kubernetes.io/zone", production && w.replicas > 1),
            spread("kubernetes.io/hostname", false),
          ],
          containers: [
            {
              name: w.name,
              image: w.image,
              imagePullPolicy: "IfNotPresent",
              ports: w.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: "TCP" })),
              env: containerEnv(w),
              resources: {
                requests: { cpu: w.resources.cpu.request, memory: w.resources.memory.request },
                limits: { cpu: w.resources.cpu.limit, memory: w.resources.memory.limit },
              },
              ...probes(w),
              securityContext: {
                runAsNonRoot: true,
                runAsUser: RUN_AS,
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
                seccompProfile: { type: "RuntimeDefault" },
              },
              volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
            },
          ],
          volumes: [{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }],
        },
      },
    },
  };
}

export function workloadObjects(plan: EnvironmentPlan, w: WorkloadPlan, catalog: Catalog): WorkloadObjects {
  const labels = workloadLabels(plan, w);
  const selector = selectorLabels(w.name);
  const objects: WorkloadObjects = {
    serviceAccount: {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: meta(plan, w.name, labels),
      automountServiceAccountToken: w.needsKubernetesApi,
    },
    deployment: deploymentObject(plan, w),
    networkPolicy: {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: meta(plan, w.name, labels),
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ["Ingress", "Egress"],
        ingress: ingressRules(w, catalog.platform.telemetry),
        egress: egressRules(plan, w),
      },
    },
  };
  if (w.service) {
    objects.service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: meta(plan, w.name, labels),
      spec: {
        type: "ClusterIP",
        selector,
        ports: w.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.name, protocol: "TCP" })),
      },
    };
  }
  if (w.autoscaling) {
    objects.autoscaler = {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: meta(plan, w.name, labels),
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: w.name },
        minReplicas: w.autoscaling.minReplicas,
        maxReplicas: w.autoscaling.maxReplicas,
        metrics: [
          {
            type: "Resource",
            resource: {
              name: "cpu",
              target: { type: "Utilization", averageUtilization: w.autoscaling.targetCpuPercent },
            },
          },
        ],
      },
    };
  }
  if (w.disruptionBudget) {
    objects.disruptionBudget = {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: meta(plan, w.name, labels),
      spec: { maxUnavailable: w.disruptionBudget.maxUnavailable, selector: { matchLabels: selector } },
    };
  }
  const secretVars = w.env.filter((v) => v.secret);
  if (secretVars.length) {
    const role = plan.vault?.workloads.find((r) => r.workload === w.name);
    if (!role) throw new Error(`${w.name}: it reads secrets, but the plan gives it no Vault role`);
    objects.secretStore = workloadSecretStoreObject(plan, catalog, role, labels);
    objects.externalSecret = externalSecret(plan, {
      metadata: meta(plan, w.name, labels),
      target: secretName(w.name),
      store: { kind: "SecretStore", name: role.secretStore },
      data: secretVars.map((v) => ({ secretKey: v.name, from: v.secret! })),
    });
  }
  return objects;
}
