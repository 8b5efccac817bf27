/**
 * What the API server enforces beyond the OpenAPI schemas, checked before anything is registered:
 * label keys and values, annotation keys, object names per kind, port names, Ingress paths, and
 * resource quantities. Each problem names the object and the field.
 */
const NAME = "([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)";
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED = new RegExp(`^${NAME}$`);
const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const QUANTITY = /^([+-]?[0-9.]+)([eE][-+]?[0-9]+|[numkKMGTPE]i?|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

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
  if (
    LABEL_NAMED.has(String(obj.kind))
      ? !(name.length <= 63 && DNS_LABEL.test(name))
      : !(name.length <= 253 && DNS_SUBDOMAIN.test(name))
  )
    out.push(
      `${where}: metadata.name is not a DNS ${LABEL_NAMED.has(String(obj.kind)) ? "label" : "subdomain"}`,
    );
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (!isObj(v)) return;
    for (const [k, x] of Object.entries(v)) {
      const here = path ? `${path}.${k}` : k;
      if ((k === "labels" || k === "matchLabels") && isObj(x)) {
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
        x.forEach((p, i) => {
          const portName = isObj(p) && p.name !== undefined ? text(p.name) : undefined;
          if (portName !== undefined && !(portName.length <= 15 && PORT_NAME.test(portName)))
            out.push(
              `${where}: ${here}[${i}].name "${portName}" is not a port name (at most 15 lower-case alphanumerics and '-')`,
            );
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
