/**
 * The Pod Security Standards' `restricted` profile (kubernetes.io/docs/concepts/security/
 * pod-security-standards) and the platform's workload hygiene, checked on a Deployment manifest.
 * Each check returns what is wrong, so a failure names the workload and the rule.
 */
type Obj = Record<string, any>;

const ALLOWED_VOLUMES = new Set([
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
]);
const PINNED =
  /^[^:@\s]+(:(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})(@sha256:[0-9a-f]{64})?$|^[^:@\s]+@sha256:[0-9a-f]{64}$/;

/** Violations of the `restricted` Pod Security Standard. */
export function restrictedViolations(deployment: Obj): string[] {
  const pod = deployment.spec?.template?.spec ?? {};
  const psc = pod.securityContext ?? {};
  const out: string[] = [];
  for (const host of ["hostNetwork", "hostPID", "hostIPC"]) if (pod[host]) out.push(`${host} is set`);
  for (const v of pod.volumes ?? []) {
    const type = Object.keys(v).find((k) => k !== "name");
    if (!type || !ALLOWED_VOLUMES.has(type)) out.push(`volume ${v.name} is of type ${type}`);
  }
  if (psc.runAsUser === 0) out.push("pod runAsUser is 0");
  if (psc.sysctls?.length) out.push("pod sets sysctls");
  const podSeccomp = psc.seccompProfile?.type;
  for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    const sc = c.securityContext ?? {};
    const name = `container ${c.name}`;
    if (sc.privileged) out.push(`${name} is privileged`);
    if (sc.allowPrivilegeEscalation !== false) out.push(`${name} allows privilege escalation`);
    if (!(sc.runAsNonRoot === true || (sc.runAsNonRoot === undefined && psc.runAsNonRoot === true)))
      out.push(`${name} may run as root`);
    if (sc.runAsUser === 0) out.push(`${name} runAsUser is 0`);
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost")
      out.push(`${name} has no RuntimeDefault seccomp profile`);
    const drop: string[] = sc.capabilities?.drop ?? [];
    if (!drop.includes("ALL")) out.push(`${name} does not drop ALL capabilities`);
    const add: string[] = sc.capabilities?.add ?? [];
    for (const cap of add) if (cap !== "NET_BIND_SERVICE") out.push(`${name} adds capability ${cap}`);
    for (const p of c.ports ?? []) if (p.hostPort) out.push(`${name} uses hostPort ${p.hostPort}`);
    if (sc.procMount && sc.procMount !== "Default") out.push(`${name} uses procMount ${sc.procMount}`);
  }
  return out;
}

/** The platform's hygiene rules beyond Pod Security. */
export function hygieneViolations(deployment: Obj): string[] {
  const pod = deployment.spec?.template?.spec ?? {};
  const out: string[] = [];
  if (!pod.serviceAccountName || pod.serviceAccountName === "default")
    out.push("runs as the default ServiceAccount");
  if (pod.automountServiceAccountToken !== false) out.push("mounts a ServiceAccount token it does not need");
  const spread: Obj[] = pod.topologySpreadConstraints ?? [];
  for (const key of ["topology.kubernetes.io/zone", "kubernetes.io/hostname"]) {
    if (!spread.some((t) => t.topologyKey === key)) out.push(`does not spread over ${key}`);
  }
  for (const c of pod.containers ?? []) {
    const name = `container ${c.name}`;
    if (!PINNED.test(c.image ?? "")) out.push(`${name} image ${c.image} is not pinned`);
    for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"])
      if (!c[probe]) out.push(`${name} has no ${probe}`);
    for (const r of ["cpu", "memory"]) {
      if (!c.resources?.requests?.[r]) out.push(`${name} has no ${r} request`);
      if (!c.resources?.limits?.[r]) out.push(`${name} has no ${r} limit`);
    }
    if (c.securityContext?.readOnlyRootFilesystem !== true) out.push(`${name} root filesystem is writable`);
    const mounts: Obj[] = c.volumeMounts ?? [];
    const tmp = mounts.find((m) => m.mountPath === "/tmp");
    if (!tmp || !(pod.volumes ?? []).some((v: Obj) => v.name === tmp.name && v.emptyDir))
      out.push(`${name} has no emptyDir at /tmp`);
  }
  return out;
}

/**
 * Every pod template an object carries, as `{ name, spec: { template: { spec } } }` for
 * `restrictedViolations`: a Deployment's, a CronJob's job template, and the pod templates of the
 * ClickHouse operator's installations (which the operator turns into StatefulSets as given).
 */
export function podTemplatesOf(obj: Obj): { name: string; deployment: Obj }[] {
  const name = `${obj.kind} ${obj.metadata?.name}`;
  const wrap = (spec: Obj | undefined, suffix = "") =>
    spec ? [{ name: `${name}${suffix}`, deployment: { spec: { template: { spec } } } }] : [];
  switch (obj.kind) {
    case "Deployment":
    case "StatefulSet":
    case "DaemonSet":
      return wrap(obj.spec?.template?.spec);
    case "CronJob":
      return wrap(obj.spec?.jobTemplate?.spec?.template?.spec);
    case "ClickHouseInstallation":
    case "ClickHouseKeeperInstallation":
      return (obj.spec?.templates?.podTemplates ?? []).flatMap((t: Obj) =>
        wrap(t.spec, ` pod template ${t.name}`),
      );
    default:
      return [];
  }
}
