/** Secret references (`secret://<name>/<key>`) and where they live in Vault. */
import type { Catalog } from "../config/types";

const SECRET_REF = /^secret:\/\/([a-z0-9]([a-z0-9-]*[a-z0-9])?)\/([a-z0-9]([a-z0-9.-]*[a-z0-9])?)$/;
const PLACEHOLDERS = [
  "changeme",
  "change-me",
  "todo",
  "tbd",
  "fixme",
  "placeholder",
  "xxx",
  "dummy",
  "secret",
];

export interface ParsedSecretRef {
  name: string;
  key: string;
}

export function parseSecretRef(ref: string): ParsedSecretRef | undefined {
  const m = SECRET_REF.exec(ref);
  return m ? { name: m[1]!, key: m[3]! } : undefined;
}

/** True when a reference is empty or a stand-in (`secret://changeme/todo`, `TODO`, …). */
export function isPlaceholderRef(ref: string): boolean {
  const trimmed = ref.trim().toLowerCase();
  if (trimmed === "" || trimmed === "secret://") return true;
  const parts = trimmed.replace(/^secret:\/\//, "").split("/");
  return parts.some((p) => p === "" || PLACEHOLDERS.includes(p));
}

/** Where a secret lives for one environment (KV v2). */
export interface VaultLocation {
  /** The seed's reference, as written in the catalog. */
  ref: string;
  /** KV v2 mount. */
  mount: string;
  /** Path inside the mount: what an ExternalSecret's `remoteRef.key` names. */
  key: string;
  /** Property of the secret: `remoteRef.property`. */
  property: string;
  /** The ACL path a Vault policy grants `read` on. */
  policyPath: string;
}

export function vaultLocation(ref: string, environment: string, catalog: Catalog): VaultLocation {
  const parsed = parseSecretRef(ref);
  if (!parsed) throw new Error(`invalid secret reference "${ref}" (expected secret://<name>/<key>)`);
  const mount = catalog.platform.vaultMount;
  const key = `${catalog.platform.project}/${environment}/${parsed.name}`;
  return { ref, mount, key, property: parsed.key, policyPath: `${mount}/data/${key}` };
}

/** Env var names that hold credentials: such a value must never be plain text in the catalog. */
export const SECRET_LIKE_ENV = /(SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|PRIVATE_KEY|CREDENTIAL|ACCESS_KEY)/;
