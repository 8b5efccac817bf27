/**
 * The catalog can run the platform's monitoring: one environment runs every central service
 * (each the entry of its name), Tempo takes OTLP over HTTP, Alertmanager has its fallback
 * receivers' keys, the workloads' OTLP endpoint is the collector's Service in the telemetry
 * namespace, single sign-on names an https issuer, the ingest host is a DNS label, and each tier
 * keeps data for a sensible number of days.
 */
import { TIERS } from "../../../config/types";
import { hostingOf } from "../../kinds";
import { CENTRAL_SERVICES } from "../../monitoring-central";
import { isDnsLabel } from "../../naming";
import { parseOtlpEndpoint } from "../../telemetry";
import type { Rule } from "../types";

export const monitoring: Rule = {
  id: "monitoring",
  title:
    "one environment runs every central monitoring service; telemetry, sign-on, ingest and retention are well formed",
  requires: ["shape", "placement"],
  check(c) {
    const { catalog } = c;
    const monitoringEntries = c.entryNames.filter((n) => hostingOf(catalog.entries[n]!) === "platform");
    const envs = [...new Set(monitoringEntries.flatMap((n) => c.placements.get(n) ?? []))].sort();
    if (monitoringEntries.length && envs.length !== 1) {
      c.add(
        "entries.*.placement",
        `the monitoring entries run in ${envs.length ? envs.join(", ") : "no environment"}; the central services need exactly one`,
        'place every `monitoring` entry in the same environment (`placement: "shared"`)',
      );
    }
    for (const s of CENTRAL_SERVICES) {
      const e = catalog.entries[s];
      if (!monitoringEntries.length) break;
      if (!e || hostingOf(e) !== "platform")
        c.add(
          `entries.${s}`,
          `no monitoring entry "${s}": the central stack realizes ${CENTRAL_SERVICES.join(", ")}, each as the entry of its name`,
          `add the "${s}" entry (kind "monitoring") beside the others`,
        );
    }
    const tempo = catalog.entries.tempo;
    if (tempo && !tempo.extraPorts?.some((p) => p.name === "otlp-http"))
      c.add(
        "entries.tempo.extraPorts",
        'no "otlp-http" port: the clusters send traces to Tempo over OTLP/HTTP',
        'add { name: "otlp-http", port: 4318, protocol: "http" }',
      );
    const am = catalog.entries.alertmanager;
    for (const env of ["PAGERDUTY_ROUTING_KEY", "SLACK_WEBHOOK_URL"]) {
      if (am && !am.secrets?.some((x) => x.env === env))
        c.add(
          "entries.alertmanager.secrets",
          `no ${env}: alerts of no known team go to the fallback receivers, whose keys these are`,
          `add { env: "${env}", ref: "secret://alertmanager/<key>" }`,
        );
    }
    const t = catalog.platform.telemetry;
    try {
      const endpoint = parseOtlpEndpoint(t.otlpEndpoint);
      if (endpoint.namespace !== t.namespace)
        c.add(
          "platform.telemetry.otlpEndpoint",
          `the collector is addressed in namespace "${endpoint.namespace}", but the telemetry agents run in "${t.namespace}"`,
          `use http://<service>.${t.namespace}.svc.cluster.local:<port>, or change platform.telemetry.namespace`,
        );
    } catch (err) {
      c.add(
        "platform.telemetry.otlpEndpoint",
        (err as Error).message,
        "name the collector's Service, its namespace and port",
      );
    }
    const m = catalog.platform.monitoring;
    if (!/^https:\/\/[^/\s]+/.test(m.sso.issuer))
      c.add(
        "platform.monitoring.sso.issuer",
        `"${m.sso.issuer}" is not an https URL`,
        "use the OIDC issuer URL, e.g. https://login.example.com/realms/platform",
      );
    for (const g of ["adminGroup", "viewerGroup"] as const)
      if (!m.sso[g]?.trim())
        c.add(`platform.monitoring.sso.${g}`, "is empty", "name the identity provider's group");
    if (!isDnsLabel(m.ingest.subdomain))
      c.add(
        "platform.monitoring.ingest.subdomain",
        `"${m.ingest.subdomain}" is not a DNS label`,
        'use e.g. "telemetry"',
      );
    else if (
      monitoringEntries.length &&
      c.entryNames.some((n) => catalog.entries[n]!.subdomain === m.ingest.subdomain)
    )
      c.add(
        "platform.monitoring.ingest.subdomain",
        `"${m.ingest.subdomain}" is an entry's subdomain too: two hosts would share the name`,
        "choose a subdomain no entry uses",
      );
    for (const tier of TIERS) {
      const r = m.retention[tier];
      for (const k of ["metricsDays", "logsDays", "tracesDays"] as const) {
        const v = r?.[k];
        if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 400)
          c.add(
            `platform.monitoring.retention.${tier}.${k}`,
            `${String(v)} is not a whole number of days from 1 to 400`,
            "use e.g. 30",
          );
      }
    }
    return `${monitoringEntries.length} monitoring entries in ${envs.join(", ") || "no environment"}, ${TIERS.length} retention tiers`;
  },
};
