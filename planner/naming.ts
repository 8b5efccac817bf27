/** Names, labels and hosts: the small pure rules every other module shares. */
import type { Catalog, EnvironmentSpec, Tier } from "../config/types";

/** RFC 1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric, 1..63. */
export const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
export const MAX_HOST_LENGTH = 253;

export function isDnsLabel(s: string): boolean {
  return DNS_LABEL.test(s);
}

/** A host or domain: dot-separated RFC 1123 labels, at most 253 characters. */
export function isDnsName(s: string): boolean {
  return s.length > 0 && s.length <= MAX_HOST_LENGTH && s.split(".").every(isDnsLabel);
}

/** `order-service` → `ORDER_SERVICE`. */
export function upperSnake(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();
}

/** Host label that keeps non-production hosts apart from production ones. */
export const TIER_HOST_LABEL: Record<Tier, string | undefined> = {
  production: undefined,
  staging: "staging",
  development: "dev",
};

/**
 * The one host rule for every environment: production at `<subdomain>.<domain>`, the other tiers
 * at `<subdomain>.<tier label>.<domain>` (`api.staging.example.com`, `api.dev.example.com`).
 */
export function publicHost(subdomain: string, env: EnvironmentSpec, catalog: Catalog): string {
  const domain = catalog.regions[env.region]?.domain;
  if (domain === undefined) throw new Error(`publicHost: region "${env.region}" is not in the catalog`);
  const label = TIER_HOST_LABEL[env.tier];
  return [subdomain, label, domain].filter((p): p is string => p !== undefined).join(".");
}

/** In-cluster DNS name of an entry's Service in a namespace. */
export function clusterHost(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.cluster.local`;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The closest candidate within a third of the name's length (or that the name begins), or undefined. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (!best || d < best.d || (d === best.d && c < best.c)) best = { c, d };
  }
  if (best && best.d <= Math.max(2, Math.floor(name.length / 3))) return best.c;
  // A truncated name ("platform-tls" for "platform-tls-cert") is still an obvious match.
  return sorted([...candidates]).find((c) => name.length >= 4 && c.startsWith(name));
}

/**
 * Sorted copy by key (UTF-16 code-unit order, locale-independent: plans are byte-identical
 * everywhere); each item's key is computed once. Stable: items with equal keys keep their order.
 */
export function sorted<T>(items: Iterable<T>, key: (t: T) => string = String): T[] {
  const keyed = Array.from(items, (item) => ({ k: key(item), item }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((x) => x.item);
}
