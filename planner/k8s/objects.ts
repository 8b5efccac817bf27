/**
 * Kubernetes objects of one environment, built from its plan as plain data. Pure: the only
 * import from @pulumi/kubernetes is its types, so TypeScript checks every field against the real
 * provider types while nothing here registers a resource. Components pass these objects to the
 * provider's resource classes unchanged; tests and `plan` read them as manifests.
 */
import type * as k8s from "@pulumi/kubernetes";
import { INGRESS_CLASS, KONG, KONG_POD_LABELS, API_RATE_LIMIT_PER_MINUTE } from "../../config/addons";
import type { Catalog } from "../../config/types";
import type { EdgePlan, EnvironmentPlan, PublicHostPlan, WorkloadPlan } from "../plan";
import type { StackSettings } from "../settings";
import { sorted } from "../naming";
import { cpuMillis, formatCpu, formatMemory, memoryBytes } from "./quantity";

/** Object metadata as plain data (assignable to the provider's ObjectMeta input). */
export interface PlainMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
type Meta = PlainMeta;
type NetworkPolicyPeer = k8s.types.input.networking.v1.NetworkPolicyPeer;
type NetworkPolicyRule = { to?: NetworkPolicyPeer[]; from?: NetworkPolicyPeer[]; ports: { protocol: string; port: number }[] };

/** A custom resource as the provider's CustomResource takes it. */
export interface CustomObject {
  apiVersion: string;
  kind: string;
  metadata: Meta;
  [field: string]: unknown;
}

export const PART_OF = "ecommerce-platform";
export const OWNER_LABEL = "ecommerce.example.com/owner";
export const ENVIRONMENT_LABEL = "ecommerce.example.com/environment";

/** Non-root identity every workload runs as. */
export const RUN_AS = 10001;

/** The Secret an ExternalSecret fills for a workload. */
export const secretName = (workload: string) => `${workload}-secrets`;

/** The ClusterSecretStore serving one environment's namespace. */
export const secretStoreName = (environment: string) => `vault-${environment}`;

/** The ServiceAccount External Secrets authenticates to Vault as, in each environment namespace. */
export const VAULT_READER_SA = "external-secrets-vault";

/** A NetworkPolicy peer: pods with `labels` (all pods when omitted) in namespace `namespace`. */
function podsIn(namespace: string, labels?: Record<string, string>): NetworkPolicyPeer {
  return {
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } },
    ...(labels ? { podSelector: { matchLabels: { ...labels } } } : {}),
  };
}

/** The cluster's DNS pods, which every pod may reach. */
const kubeDns = () => podsIn("kube-system", { "k8s-app": "kube-dns" });

/** Kong's proxy pods: the only way in from outside the cluster. */
const kongProxy = () => podsIn(KONG.namespace, KONG_POD_LABELS);

/** Address ranges never reached through "the internet" peers (the cluster's own and private ones). */
export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/** Labels every object the platform manages carries; with an environment, that too. */
export function platformLabels(environment?: string): Record<string, string> {
  return {
    "app.kubernetes.io/part-of": PART_OF,
    "app.kubernetes.io/managed-by": "pulumi",
    ...(environment ? { [ENVIRONMENT_LABEL]: environment } : {}),
  };
}

export function selectorLabels(name: string): Record<string, string> {
  return { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": PART_OF };
}

export function workloadLabels(plan: EnvironmentPlan, w: WorkloadPlan): Record<string, string> {
  return {
    ...selectorLabels(w.name),
    "app.kubernetes.io/instance": `${w.name}-${plan.environment}`,
    "app.kubernetes.io/version": w.image.slice(w.image.lastIndexOf(":") + 1).replace(/@.*$/, ""),
    "app.kubernetes.io/component": w.kind,
    "app.kubernetes.io/managed-by": "pulumi",
    [OWNER_LABEL]: w.owner,
    [ENVIRONMENT_LABEL]: plan.environment,
  };
}

const meta = (plan: EnvironmentPlan, name: string, labels: Record<string, string>, annotations?: Record<string, string>): Meta => ({
  name,
  namespace: plan.namespace,
  labels,
  ...(annotations && Object.keys(annotations).length ? { annotations } : {}),
});

// ---- Namespace ---------------------------------------------------------------------------------

/** A Namespace object with plain metadata. */
export type NamespaceObject = Typed<k8s.core.v1.NamespaceArgs, "v1", "Namespace">;

type NetworkPolicyObject = Typed<k8s.networking.v1.NetworkPolicyArgs, "networking.k8s.io/v1", "NetworkPolicy">;

export interface NamespaceObjects {
  namespace: NamespaceObject;
  defaultDeny: NetworkPolicyObject;
  allowDns: NetworkPolicyObject;
  allowTelemetry: NetworkPolicyObject;
  /** Lets Kong reach cert-manager's HTTP-01 solver pods (only where a host uses Let's Encrypt). */
  allowAcmeSolver?: NetworkPolicyObject;
  vaultReader: Typed<k8s.core.v1.ServiceAccountArgs, "v1", "ServiceAccount">;
  /** Caps the namespace at what its workloads need at full scale (only where there are workloads). */
  quota?: Typed<k8s.core.v1.ResourceQuotaArgs, "v1", "ResourceQuota">;
  /** Defaults and bounds for containers that declare no resources (solver pods, debug pods). */
  limits?: Typed<k8s.core.v1.LimitRangeArgs, "v1", "LimitRange">;
}

/** cert-manager's HTTP-01 solver pods: their label and port. */
export const ACME_SOLVER = { label: "acme.cert-manager.io/http01-solver", port: 8089 } as const;

/** Room in the quota for pods outside the plan (ACME solvers, one-off jobs), and their default size. */
export const QUOTA_HEADROOM = { pods: 10, container: { cpu: "100m", memory: "128Mi" } } as const;

/**
 * What a namespace's workloads need at full scale: each at its autoscaler's maximum plus the
 * rolling update's surge (25%, rounded up), plus headroom for pods outside the plan.
 */
export function namespaceCapacity(plan: EnvironmentPlan) {
  let pods = QUOTA_HEADROOM.pods;
  let cpuRequests = QUOTA_HEADROOM.pods * cpuMillis(QUOTA_HEADROOM.container.cpu);
  let cpuLimits = cpuRequests;
  let memRequests = QUOTA_HEADROOM.pods * memoryBytes(QUOTA_HEADROOM.container.memory);
  let memLimits = memRequests;
  for (const w of plan.workloads) {
    const max = w.autoscaling?.maxReplicas ?? w.replicas;
    const n = max + Math.ceil(max * 0.25);
    pods += n;
    cpuRequests += n * cpuMillis(w.resources.cpu.request);
    cpuLimits += n * cpuMillis(w.resources.cpu.limit);
    memRequests += n * memoryBytes(w.resources.memory.request);
    memLimits += n * memoryBytes(w.resources.memory.limit);
  }
  return { pods, cpuRequests, cpuLimits, memRequests, memLimits };
}

/** Pod Security Admission `restricted` for enforce, audit and warn. */
export function podSecurityLabels(level: "restricted" | "baseline", warn: "restricted" | "baseline" = "restricted"): Record<string, string> {
  return {
    "pod-security.kubernetes.io/enforce": level,
    "pod-security.kubernetes.io/enforce-version": "latest",
    "pod-security.kubernetes.io/audit": warn,
    "pod-security.kubernetes.io/audit-version": "latest",
    "pod-security.kubernetes.io/warn": warn,
    "pod-security.kubernetes.io/warn-version": "latest",
  };
}

export function namespaceObjects(plan: EnvironmentPlan, catalog: Catalog): NamespaceObjects {
  const objects = baseNamespaceObjects(plan, catalog);
  const labels = objects.defaultDeny.metadata.labels!;
  if (plan.publicHosts.some((h) => h.tls.mode === "letsencrypt")) {
    objects.allowAcmeSolver = {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: meta(plan, "allow-acme-http01-solver", labels),
      spec: {
        podSelector: { matchLabels: { [ACME_SOLVER.label]: "true" } },
        policyTypes: ["Ingress"],
        ingress: [
          {
            from: [kongProxy()],
            ports: [{ protocol: "TCP", port: ACME_SOLVER.port }],
          },
        ],
      },
    };
  }
  if (plan.workloads.length) {
    const cap = namespaceCapacity(plan);
    objects.quota = {
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: meta(plan, "workloads", labels),
      spec: {
        hard: {
          pods: String(cap.pods),
          "requests.cpu": formatCpu(cap.cpuRequests),
          "limits.cpu": formatCpu(cap.cpuLimits),
          "requests.memory": formatMemory(cap.memRequests),
          "limits.memory": formatMemory(cap.memLimits),
          "services.loadbalancers": "0",
          "services.nodeports": "0",
        },
      },
    };
    const maxCpu = Math.max(...plan.workloads.map((w) => cpuMillis(w.resources.cpu.limit)));
    const maxMem = Math.max(...plan.workloads.map((w) => memoryBytes(w.resources.memory.limit)));
    objects.limits = {
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: meta(plan, "container-defaults", labels),
      spec: {
        limits: [
          {
            type: "Container",
            default: { ...QUOTA_HEADROOM.container },
            defaultRequest: { ...QUOTA_HEADROOM.container },
            max: { cpu: formatCpu(maxCpu), memory: formatMemory(maxMem) },
          },
        ],
      },
    };
  }
  return objects;
}

function baseNamespaceObjects(plan: EnvironmentPlan, catalog: Catalog): NamespaceObjects {
  const labels = platformLabels(plan.environment);
  const policy = (name: string, spec: k8s.types.input.networking.v1.NetworkPolicySpec) => ({
    apiVersion: "networking.k8s.io/v1" as const,
    kind: "NetworkPolicy" as const,
    metadata: meta(plan, name, labels),
    spec,
  });
  return {
    namespace: {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: plan.namespace, labels: { ...labels, "ecommerce.example.com/tier": plan.tier, ...podSecurityLabels("restricted") } },
    },
    defaultDeny: policy("default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
    allowDns: policy("allow-dns", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ to: [kubeDns()], ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] }],
    }),
    allowTelemetry: policy("allow-telemetry", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [podsIn(catalog.platform.telemetry.namespace)],
          ports: [{ protocol: "TCP", port: otlpPort(catalog) }],
        },
      ],
    }),
    vaultReader: {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: meta(plan, VAULT_READER_SA, labels),
      automountServiceAccountToken: false,
    },
  };
}

function otlpPort(catalog: Catalog): number {
  const m = /:(\d+)$/.exec(catalog.platform.telemetry.otlpEndpoint);
  return m ? Number(m[1]) : 4317;
}

// ---- Workloads ---------------------------------------------------------------------------------

/** A typed object: the provider's args for the kind, with apiVersion, kind and plain metadata. */
export type Typed<Args, ApiVersion extends string, Kind extends string> = Omit<Args, "apiVersion" | "kind" | "metadata"> & {
  apiVersion: ApiVersion;
  kind: Kind;
  metadata: PlainMeta;
};

export interface WorkloadObjects {
  serviceAccount: Typed<k8s.core.v1.ServiceAccountArgs, "v1", "ServiceAccount">;
  deployment: Typed<k8s.apps.v1.DeploymentArgs, "apps/v1", "Deployment">;
  service?: Typed<k8s.core.v1.ServiceArgs, "v1", "Service">;
  autoscaler?: Typed<k8s.autoscaling.v2.HorizontalPodAutoscalerArgs, "autoscaling/v2", "HorizontalPodAutoscaler">;
  disruptionBudget?: Typed<k8s.policy.v1.PodDisruptionBudgetArgs, "policy/v1", "PodDisruptionBudget">;
  networkPolicy: Typed<k8s.networking.v1.NetworkPolicyArgs, "networking.k8s.io/v1", "NetworkPolicy">;
  externalSecret?: CustomObject;
}

/** Probe timing: startup allows `startupSeconds`, then liveness and readiness take over. */
function probes(w: WorkloadPlan) {
  const http = (path: string) => ({ httpGet: { path, port: w.port.name } });
  return {
    startupProbe: { ...http(w.health.liveness), periodSeconds: 5, failureThreshold: Math.max(1, Math.ceil(w.health.startupSeconds / 5)) },
    livenessProbe: { ...http(w.health.liveness), periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
    readinessProbe: { ...http(w.health.readiness), periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
  };
}

export function workloadObjects(plan: EnvironmentPlan, w: WorkloadPlan, catalog: Catalog, settings?: StackSettings): WorkloadObjects {
  const labels = workloadLabels(plan, w);
  const selector = selectorLabels(w.name);
  const production = plan.tier === "production";
  const secretVars = w.env.filter((v) => v.secret);
  const env = w.env.map((v) =>
    v.secret
      ? { name: v.name, valueFrom: { secretKeyRef: { name: secretName(w.name), key: v.name } } }
      : { name: v.name, value: v.value ?? "" },
  );
  const spread = (topologyKey: string, hard: boolean) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: hard ? "DoNotSchedule" : "ScheduleAnyway",
    labelSelector: { matchLabels: selector },
    matchLabelKeys: ["pod-template-hash"],
  });

  const deployment: WorkloadObjects["deployment"] = {
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
          topologySpreadConstraints: [spread("topology.kubernetes.io/zone", production && w.replicas > 1), spread("kubernetes.io/hostname", false)],
          containers: [
            {
              name: w.name,
              image: w.image,
              imagePullPolicy: "IfNotPresent",
              ports: w.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: "TCP" })),
              env,
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

  const objects: WorkloadObjects = {
    serviceAccount: {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: meta(plan, w.name, labels),
      automountServiceAccountToken: w.needsKubernetesApi,
    },
    deployment,
    networkPolicy: {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: meta(plan, w.name, labels),
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ["Ingress", "Egress"],
        ingress: ingressRules(w, catalog),
        egress: egressRules(plan, w, settings),
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
        metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: w.autoscaling.targetCpuPercent } } }],
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
  if (secretVars.length) {
    objects.externalSecret = {
      apiVersion: "external-secrets.io/v1beta1",
      kind: "ExternalSecret",
      metadata: meta(plan, w.name, labels),
      spec: {
        refreshInterval: "1h",
        secretStoreRef: { kind: "ClusterSecretStore", name: secretStoreName(plan.environment) },
        target: { name: secretName(w.name), creationPolicy: "Owner", deletionPolicy: "Retain" },
        data: secretVars.map((v) => ({ secretKey: v.name, remoteRef: { key: v.secret!.key, property: v.secret!.property } })),
      },
    };
  }
  return objects;
}

const tcp = (port: number) => ({ protocol: "TCP", port });

function ingressRules(w: WorkloadPlan, catalog: Catalog): NetworkPolicyRule[] {
  const rules: NetworkPolicyRule[] = [];
  for (const caller of w.callers) {
    if (caller === "gateway") {
      rules.push({ from: [kongProxy()], ports: [tcp(w.port.port)] });
    } else {
      rules.push({ from: [{ podSelector: { matchLabels: selectorLabels(caller) } }], ports: [tcp(w.port.port)] });
    }
  }
  if (w.metrics) {
    rules.push({
      from: [podsIn(catalog.platform.telemetry.namespace, catalog.platform.telemetry.scraperLabels)],
      ports: [tcp(w.metrics.port)],
    });
  }
  return rules;
}

/** Peers of an edge: pods for in-cluster callees, address ranges for everything else. */
export function edgePeers(plan: EnvironmentPlan, e: EdgePlan, settings?: StackSettings): NetworkPolicyPeer[] {
  const ranges = (cidrs: readonly string[]) => sorted(cidrs).map((cidr) => ({ ipBlock: { cidr } }));
  const internet = [{ ipBlock: { cidr: "0.0.0.0/0", except: PRIVATE_RANGES } }];
  switch (e.via) {
    case "deployment":
    case "platform":
      return [{ podSelector: { matchLabels: selectorLabels(e.to) } }];
    case "managed":
      if (e.toEnvironment === plan.environment) return ranges(settings?.dataSubnetCidrs ?? []);
      return ranges(settings?.peerDataSubnetCidrs?.[e.toEnvironment] ?? []);
    case "vault":
      return ranges(settings ? [settings.vaultCidr] : []);
    case "aws-endpoint":
    case "external-endpoint":
    case "gateway":
      return internet;
  }
}

function egressRules(plan: EnvironmentPlan, w: WorkloadPlan, settings?: StackSettings): NetworkPolicyRule[] {
  return w.egress.map((e) => ({ to: edgePeers(plan, e, settings), ports: [tcp(e.port)] }));
}

// ---- Public hosts ------------------------------------------------------------------------------

export interface PublicHostObjects {
  ingress: Typed<k8s.networking.v1.IngressArgs, "networking.k8s.io/v1", "Ingress">;
  rateLimit?: CustomObject;
}

export const rateLimitPluginName = (entry: string) => `${entry}-rate-limit`;

export function publicHostObjects(plan: EnvironmentPlan, h: PublicHostPlan): PublicHostObjects {
  const labels = { ...selectorLabels(h.entry), ...platformLabels(plan.environment) };
  const annotations: Record<string, string> = {
    "konghq.com/protocols": "https",
    "konghq.com/https-redirect-status-code": "301",
    "konghq.com/strip-path": "false",
  };
  if (h.tls.mode === "letsencrypt") annotations["cert-manager.io/cluster-issuer"] = h.tls.issuer;
  if (h.rateLimited) annotations["konghq.com/plugins"] = rateLimitPluginName(h.entry);
  const objects: PublicHostObjects = {
    ingress: {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: meta(plan, h.entry, labels, annotations),
      spec: {
        ingressClassName: INGRESS_CLASS,
        tls: [{ hosts: [h.host], secretName: h.tls.secretName }],
        rules: [
          {
            host: h.host,
            http: {
              paths: h.backends.map((b) => ({
                path: b.path,
                pathType: "Prefix",
                backend: { service: { name: b.service, port: { number: b.port } } },
              })),
            },
          },
        ],
      },
    },
  };
  if (h.rateLimited) {
    objects.rateLimit = {
      apiVersion: "configuration.konghq.com/v1",
      kind: "KongPlugin",
      metadata: meta(plan, rateLimitPluginName(h.entry), labels),
      plugin: "rate-limiting",
      protocols: ["http", "https"],
      config: { minute: API_RATE_LIMIT_PER_MINUTE[plan.tier], limit_by: "ip", policy: "local", hide_client_headers: false },
    };
  }
  return objects;
}

/** The ExternalSecret delivering a custom certificate (type kubernetes.io/tls) from Vault. */
export function certificateObject(plan: EnvironmentPlan, cert: EnvironmentPlan["certificates"][number]): CustomObject {
  return {
    apiVersion: "external-secrets.io/v1beta1",
    kind: "ExternalSecret",
    metadata: meta(plan, cert.secretName, platformLabels(plan.environment)),
    spec: {
      refreshInterval: "1h",
      secretStoreRef: { kind: "ClusterSecretStore", name: secretStoreName(plan.environment) },
      target: { name: cert.secretName, creationPolicy: "Owner", deletionPolicy: "Retain", template: { type: "kubernetes.io/tls" } },
      data: [
        { secretKey: "tls.crt", remoteRef: { key: cert.vault.certificate.key, property: cert.vault.certificate.property } },
        { secretKey: "tls.key", remoteRef: { key: cert.vault.privateKey.key, property: cert.vault.privateKey.property } },
      ],
    },
  };
}
