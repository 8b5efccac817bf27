/** Public hosts of an environment: host names, TLS, the gateway's routes, rate limiting. */
import type { Catalog, EntryKind } from "../config/types";
import { publicUrl } from "./env-vars";
import { hostingOf } from "./kinds";
import { monitoringBackends, monitoringRedirect } from "./monitoring-central";
import { publicHost, sorted } from "./naming";
import type { CertificateVault, PublicHostPlan } from "./plan-types";
import { vaultLocation } from "./secrets";

/** Kinds whose public hosts are APIs, rate limited per client at the gateway. */
export const RATE_LIMITED_KINDS: ReadonlySet<EntryKind> = new Set(["gateway", "service"]);

/** Let's Encrypt ClusterIssuer name (cert-manager). */
export const LETSENCRYPT_ISSUER = "letsencrypt-production";

export function certificateVault(catalog: Catalog, name: string, environment: string): CertificateVault {
  const spec = catalog.certificates[name]!;
  return {
    certificate: vaultLocation(spec.certificate, environment, catalog),
    privateKey: vaultLocation(spec.privateKey, environment, catalog),
  };
}

export function hostPlan(catalog: Catalog, name: string, environment: string): PublicHostPlan | undefined {
  const e = catalog.entries[name]!;
  if (e.expose !== "public" || !e.subdomain || !e.tls) return undefined;
  const env = catalog.environments[environment]!;
  const host = publicHost(e.subdomain, env, catalog);
  const path = e.path ?? "/";
  const redirect = hostingOf(e) === "platform" ? monitoringRedirect(catalog, name, environment) : undefined;
  const tls: PublicHostPlan["tls"] =
    e.tls.mode === "letsencrypt"
      ? { mode: "letsencrypt", issuer: LETSENCRYPT_ISSUER, secretName: `${name}-tls` }
      : {
          mode: "custom",
          certificate: e.tls.certificate,
          secretName: e.tls.certificate,
          vault: certificateVault(catalog, e.tls.certificate, environment),
        };
  const routes = e.routes
    ? sorted(Object.entries(e.routes), ([p]) => p).map(([p, svc]) => ({
        path: p,
        service: svc,
        port: catalog.entries[svc]!.port,
      }))
    : hostingOf(e) === "platform"
      ? monitoringBackends(name, path, e.port)
      : [{ path, service: name, port: e.port }];
  return {
    entry: name,
    host,
    path,
    url: publicUrl(e, environment, catalog),
    zone: catalog.regions[env.region]!.domain,
    tls,
    backends: routes,
    rateLimited: RATE_LIMITED_KINDS.has(e.kind),
    gateway: hostingOf(e) === "gateway",
    ...(redirect ? { redirect } : {}),
  };
}
