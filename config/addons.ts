/**
 * Cluster add-ons, pinned: installed once per cluster by the stack the catalog names as its
 * add-on owner. Versions are exact; upgrading one is a one-line change reviewed in the plan.
 */
import type { Tier } from "./types";

export interface ChartPin {
  /** Chart name in its repository. */
  chart: string;
  /** Exact chart version. */
  version: string;
  /** Helm repository URL. */
  repository: string;
  /** Namespace the add-on runs in. */
  namespace: string;
}

export const CERT_MANAGER: ChartPin = {
  chart: "cert-manager",
  version: "v1.16.2",
  repository: "https://charts.jetstack.io",
  namespace: "cert-manager",
};

export const EXTERNAL_SECRETS: ChartPin = {
  chart: "external-secrets",
  version: "0.10.7",
  repository: "https://charts.external-secrets.io",
  namespace: "external-secrets",
};

export const KONG: ChartPin = {
  chart: "kong",
  version: "3.4.1",
  repository: "https://charts.konghq.com",
  namespace: "kong",
};

/** The ingress class Kong's controller serves. */
export const INGRESS_CLASS = "kong";

/** Pod labels of Kong's proxy (the chart's `app.kubernetes.io/name`), for NetworkPolicy peers. */
export const KONG_POD_LABELS = { "app.kubernetes.io/name": "kong" } as const;

/** Requests per minute and client IP on the public API hosts, by tier. */
export const API_RATE_LIMIT_PER_MINUTE: Record<Tier, number> = {
  production: 1200,
  staging: 300,
  development: 120,
};

/** Let's Encrypt's production ACME directory. */
export const LETSENCRYPT_SERVER = "https://acme-v02.api.letsencrypt.org/directory";
