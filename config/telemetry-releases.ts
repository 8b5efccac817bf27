/** The OpenTelemetry Collector every cluster's add-on owner installs (beside config/addons.ts). */
import type { AddonRelease } from "./addons";

export const OTEL_COLLECTOR: AddonRelease = {
  chart: "opentelemetry-collector",
  version: "0.170.0",
  appVersion: "0.158.0",
  repository: "https://open-telemetry.github.io/opentelemetry-helm-charts",
  namespace: "observability",
  released: "2026-08-14",
  support: {
    rule: "the collector ships every two weeks and fixes the newest release only; the chart follows it",
  },
  kubernetes: {
    min: "1.24",
    max: "1.36",
    source: "opentelemetry-helm-charts opentelemetry-collector-0.170.0 Chart.yaml (no upper bound published)",
  },
  crds: [],
  source:
    "open-telemetry/opentelemetry-helm-charts at 2026-08-20 (Chart.yaml, values.yaml, values.schema.json, NOTES.txt); collector v0.158.0 component names",
};

/** The collector's image: the contrib distribution (basic auth, OTLP over HTTP, remote write). */
export const OTEL_COLLECTOR_IMAGE = {
  repository: "otel/opentelemetry-collector-contrib",
  tag: "0.158.0",
} as const;

/**
 * The CloudWatch exporter every cluster's add-on owner installs (YACE, now a prometheus-community
 * project): the managed data stores' metrics, for their alerts.
 */
export const CLOUDWATCH_EXPORTER: AddonRelease = {
  chart: "prometheus-yet-another-cloudwatch-exporter",
  version: "0.47.0",
  appVersion: "v0.67.0",
  repository: "https://prometheus-community.github.io/helm-charts",
  namespace: "observability",
  released: "2026-07-03",
  support: { rule: "YACE fixes the newest release only; the chart follows it" },
  kubernetes: {
    min: "1.19",
    max: "1.36",
    source:
      "prometheus-community/helm-charts prometheus-yet-another-cloudwatch-exporter-0.47.0 Chart.yaml (no upper bound published)",
  },
  crds: [],
  source:
    "prometheus-community/helm-charts prometheus-yet-another-cloudwatch-exporter-0.47.0 (values.yaml, templates); yet-another-cloudwatch-exporter v0.67.0 docs/configuration.md, pkg/promutil",
};
