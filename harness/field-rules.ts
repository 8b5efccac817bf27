/**
 * What the API server enforces beyond the OpenAPI schemas, checked before anything is registered:
 * label keys and values, annotation keys, object names per kind, port names, Ingress paths, and
 * resource quantities. Each problem names the object and the field.
 */
const NAME = "([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)";
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED = new RegExp(`^${NAME}$`);
/** A container port's name (IANA_SVC_NAME): at most 15, a letter at least, no "--". */
const CONTAINER_PORT_NAME = /^(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;
/** Kubernetes' quantity grammar: a number with a binary or decimal suffix, or an exponent. */
const QUANTITY = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;
/** RBAC objects may carry ':' in their names (`system:auth-delegator`). */
const RBAC = new Set(["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]);

/** Kinds whose names must be DNS labels (RFC 1123, 63 characters): Services and Namespaces. */
const LABEL_NAMED = new Set(["Service", "Namespace"]);

function qualifiedKey(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const [prefix, name] = slash >= 0 ? [key.slice(0, slash), key.slice(slash + 1)] : [undefined, key];
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)))
    return "its prefix is not a DNS subdomain";
  if (name.length === 0 || name.length > 63 || !QUALIFIED.test(name))
    return "its name is not 1–63 alphanumerics, '-', '_' or '.'";
  return undefined;
}

type Obj = Record<string, unknown>;
/** A scalar as text (objects as JSON, never "[object Object]"). */
const text = (v: unknown): string => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""));
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every problem of one object. */
export function fieldRuleProblems(obj: Obj): string[] {
  const meta = isObj(obj.metadata) ? obj.metadata : {};
  const where = `${text(obj.kind)} ${meta.namespace ? `${text(meta.namespace)}/` : ""}${text(meta.name)}`;
  const out: string[] = [];
  const name = typeof meta.name === "string" ? meta.name : "";
  const kind = text(obj.kind);
  const rbac = RBAC.has(kind);
  const nameOk = rbac
    ? name.length > 0 && name.length <= 253 && !/[/%]/.test(name) && name !== "." && name !== ".."
    : LABEL_NAMED.has(kind)
      ? name.length <= 63 && DNS_LABEL.test(name)
      : name.length <= 253 && DNS_SUBDOMAIN.test(name);
  if (!nameOk)
    out.push(
      `${where}: metadata.name is not ${rbac ? "a path segment name" : `a DNS ${LABEL_NAMED.has(kind) ? "label" : "subdomain"}`}`,
    );
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (!isObj(v)) return;
    for (const [k, x] of Object.entries(v)) {
      const here = path ? `${path}.${k}` : k;
      // Labels of objects and pod templates, and selectors: not the labels inside a rule's alerts.
      const labelMap =
        (k === "labels" && /(^|\.)metadata$/.test(path)) ||
        k === "matchLabels" ||
        (k === "selector" && kind === "Service" && path === "spec");
      if (labelMap && isObj(x)) {
        for (const [lk, lv] of Object.entries(x)) {
          const bad = qualifiedKey(lk);
          if (bad) out.push(`${where}: ${here} key "${lk}": ${bad}`);
          const value = String(lv);
          if (value.length > 63 || (value !== "" && !QUALIFIED.test(value)))
            out.push(`${where}: ${here}.${lk} value "${value}" is not 0–63 alphanumerics, '-', '_' or '.'`);
        }
      } else if (k === "annotations" && isObj(x)) {
        for (const ak of Object.keys(x)) {
          const bad = qualifiedKey(ak);
          if (bad) out.push(`${where}: ${here} key "${ak}": ${bad}`);
        }
      } else if (k === "ports" && Array.isArray(x)) {
        // A container's ports are IANA service names; a Service's, DNS labels.
        const container = /containers\[\d+\]$/.test(path);
        const service = kind === "Service" && path === "spec";
        x.forEach((p, i) => {
          const portName = isObj(p) && p.name !== undefined ? text(p.name) : undefined;
          if (portName === undefined || (!container && !service)) return;
          if (container && !CONTAINER_PORT_NAME.test(portName))
            out.push(
              `${where}: ${here}[${i}].name "${portName}" is not a container port name (at most 15 lower-case alphanumerics and '-', a letter at least, no "--")`,
            );
          if (service && !(portName.length <= 63 && DNS_LABEL.test(portName)))
            out.push(`${where}: ${here}[${i}].name "${portName}" is not a Service port name (a DNS label)`);
        });
        walk(x, here);
      } else if (k === "path" && typeof x === "string" && path.includes("http.paths") && !x.startsWith("/")) {
        out.push(`${where}: ${here} "${x}" is not an absolute path`);
      } else if ((k === "requests" || k === "limits" || k === "hard") && isObj(x)) {
        for (const [rk, rv] of Object.entries(x))
          if (!QUANTITY.test(String(rv)))
            out.push(`${where}: ${here}.${rk} "${String(rv)}" is not a quantity`);
      } else walk(x, here);
    }
  };
  walk(obj, "");
  return out;
}
