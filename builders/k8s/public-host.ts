/**
 * A public host: an Ingress on Kong with TLS (cert-manager's issuer or a custom certificate),
 * HTTP redirected to HTTPS, and a rate-limiting KongPlugin on API hosts.
 */
import type * as k8s from "@pulumi/kubernetes";
import { API_RATE_LIMIT_PER_MINUTE, INGRESS_CLASS, KONG, KONG_PROXY_SERVICE } from "../../config/addons";
import { clusterHost } from "../../planner/naming";
import type { EnvironmentPlan, PublicHostPlan } from "../../planner";
import { meta, platformLabels, selectorLabels, type CustomObject, type Typed } from "./meta";

export interface PublicHostObjects {
  ingress: Typed<k8s.networking.v1.IngressArgs, "networking.k8s.io/v1", "Ingress">;
  rateLimit?: CustomObject;
  /** Kong's basic-auth on a host whose callers sign in (the telemetry ingest host). */
  basicAuth?: CustomObject;
  /** Kong's redirect on a host whose UI another host serves (Kong Gateway 3.9 and later). */
  redirect?: CustomObject;
  /**
   * The API gateway inside the cluster: a Service of its name that is Kong's proxy (ExternalName),
   * and the same routes for that name, so in-cluster callers never go out to the internet and back.
   */
  internal?: {
    service: Typed<k8s.core.v1.ServiceArgs, "v1", "Service">;
    ingress: Typed<k8s.networking.v1.IngressArgs, "networking.k8s.io/v1", "Ingress">;
    /** Only the cluster's own addresses: a request through the public load balancer never matches. */
    clusterOnly: CustomObject;
  };
}

export const redirectPluginName = (entry: string) => `${entry}-redirect`;
export const clusterOnlyPluginName = (entry: string) => `${entry}-cluster-only`;

export const basicAuthPluginName = (entry: string) => `${entry}-basic-auth`;

export const rateLimitPluginName = (entry: string) => `${entry}-rate-limit`;

/** The host's routes as Ingress paths (the public Ingress and the gateway's in-cluster twin share them). */
function ingressPaths(h: PublicHostPlan) {
  return h.backends.map((b) => ({
    path: b.path,
    pathType: "Prefix",
    backend: { service: { name: b.service, port: { number: b.port } } },
  }));
}

export function publicHostObjects(plan: EnvironmentPlan, h: PublicHostPlan): PublicHostObjects {
  const labels = { ...selectorLabels(h.entry), ...platformLabels(plan.environment) };
  /** One of the host's KongPlugins: a plugin of Kong's, on these protocols, with this config. */
  const kongPlugin = (
    name: string,
    plugin: string,
    protocols: string[],
    config: Record<string, unknown>,
  ): CustomObject => ({
    apiVersion: "configuration.konghq.com/v1",
    kind: "KongPlugin",
    metadata: meta(plan, name, labels),
    plugin,
    protocols,
    config,
  });
  const annotations: Record<string, string> = {
    "konghq.com/protocols": "https",
    "konghq.com/https-redirect-status-code": "301",
    "konghq.com/strip-path": "false",
  };
  if (h.tls.mode === "letsencrypt") annotations["cert-manager.io/cluster-issuer"] = h.tls.issuer;
  const plugins = [
    ...(h.rateLimited ? [rateLimitPluginName(h.entry)] : []),
    ...(h.auth === "basic" ? [basicAuthPluginName(h.entry)] : []),
    ...(h.redirect ? [redirectPluginName(h.entry)] : []),
  ];
  if (plugins.length) annotations["konghq.com/plugins"] = plugins.join(",");
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
              paths: ingressPaths(h),
            },
          },
        ],
      },
    },
  };
  if (h.rateLimited) {
    objects.rateLimit = kongPlugin(rateLimitPluginName(h.entry), "rate-limiting", ["http", "https"], {
      minute: API_RATE_LIMIT_PER_MINUTE[plan.tier],
      limit_by: "ip",
      policy: "local",
      hide_client_headers: false,
    });
  }
  if (h.gateway) {
    const internalHost = clusterHost(h.entry, plan.namespace);
    objects.internal = {
      service: {
        apiVersion: "v1",
        kind: "Service",
        metadata: meta(plan, h.entry, labels),
        spec: { type: "ExternalName", externalName: clusterHost(KONG_PROXY_SERVICE, KONG.namespace) },
      },
      ingress: {
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: meta(plan, `${h.entry}-internal`, labels, {
          "konghq.com/protocols": "http",
          "konghq.com/strip-path": "false",
          // Kong takes a request from Cloudflare by its CF-Connecting-IP (a public address): only
          // a pod's own address is in the cluster's ranges. And the same limit as the public host.
          "konghq.com/plugins": [
            clusterOnlyPluginName(h.entry),
            ...(h.rateLimited ? [rateLimitPluginName(h.entry)] : []),
          ].join(","),
        }),
        spec: {
          ingressClassName: INGRESS_CLASS,
          rules: [
            {
              host: internalHost,
              http: {
                paths: ingressPaths(h),
              },
            },
          ],
        },
      },
      clusterOnly: kongPlugin(clusterOnlyPluginName(h.entry), "ip-restriction", ["http"], {
        allow: [...plan.settings.clusterNodeCidrs].sort(),
      }),
    };
  }
  if (h.redirect) {
    objects.redirect = kongPlugin(redirectPluginName(h.entry), "redirect", ["https"], {
      location: h.redirect,
      status_code: 302,
      keep_incoming_path: false,
    });
  }
  if (h.auth === "basic") {
    // The credential stops at the gateway; no anonymous fallback.
    objects.basicAuth = kongPlugin(basicAuthPluginName(h.entry), "basic-auth", ["https"], {
      hide_credentials: true,
    });
  }
  return objects;
}
