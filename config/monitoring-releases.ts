/**
 * The monitoring charts, pinned like the add-ons (config/addons.ts): the central services the
 * monitoring environment installs (Grafana, Loki, Tempo, the OIDC proxy; Prometheus and
 * Alertmanager come from kube-prometheus-stack, run by the cluster's Prometheus Operator), and
 * the OpenTelemetry Collector every cluster's add-on owner installs. Several moved in 2026:
 * Grafana's, Loki's and Tempo's charts now live in the grafana-community repository.
 */
import type { AddonRelease } from "./addons";

/** A central chart: installed in the monitoring environment's own namespace. */
export type CentralRelease = Omit<AddonRelease, "namespace">;

export const GRAFANA: CentralRelease = {
  chart: "grafana",
  version: "12.11.1",
  appVersion: "13.2.0",
  repository: "https://grafana-community.github.io/helm-charts",
  released: "2026-08-20",
  support: { rule: "Grafana supports the newest minor of the current major; the community chart follows it" },
  kubernetes: {
    min: "1.25",
    max: "1.36",
    source: "grafana-community/helm-charts grafana-12.11.1 Chart.yaml",
  },
  crds: [],
  source: "grafana-community/helm-charts grafana-12.11.1 (values.yaml, templates), index.yaml of 2026-08-20",
};

export const LOKI: CentralRelease = {
  chart: "loki",
  version: "18.11.0",
  appVersion: "3.7.6",
  repository: "https://grafana-community.github.io/helm-charts",
  released: "2026-08-20",
  support: { rule: "Loki fixes the newest minor only: 3.7 until 3.8 ships" },
  kubernetes: { min: "1.25", max: "1.36", source: "grafana-community/helm-charts loki-18.11.0 Chart.yaml" },
  crds: [],
  source: "grafana-community/helm-charts loki-18.11.0 (values.yaml, templates/validate.yaml)",
};

export const TEMPO: CentralRelease = {
  chart: "tempo",
  version: "2.2.4",
  appVersion: "2.10.8",
  repository: "https://grafana-community.github.io/helm-charts",
  released: "2026-08-20",
  support: {
    rule: "Tempo 2.10 is the last 2.x line; the chart does not run Tempo 3 yet (it passes flags Tempo 3 removed): move when a chart for 3.x ships",
  },
  kubernetes: { min: "1.25", max: "1.36", source: "grafana-community/helm-charts tempo-2.2.4 Chart.yaml" },
  crds: [],
  source:
    "grafana-community/helm-charts tempo-2.2.4 (values.yaml, templates); grafana/tempo releases to 3.0.3",
};

export const OAUTH2_PROXY: CentralRelease = {
  chart: "oauth2-proxy",
  version: "10.7.0",
  appVersion: "7.15.3",
  repository: "https://oauth2-proxy.github.io/manifests",
  released: "2026-06-09",
  support: { rule: "only the newest oauth2-proxy release gets fixes" },
  kubernetes: { min: "1.25", max: "1.36", source: "oauth2-proxy/manifests oauth2-proxy-10.7.0 Chart.yaml" },
  crds: [],
  source:
    "oauth2-proxy/manifests oauth2-proxy-10.7.0 (values.yaml, _helpers.tpl); oauth2-proxy v7.15.3 flags",
};

/** The central monitoring charts, in installation order. */
export const CENTRAL_RELEASES: readonly CentralRelease[] = [GRAFANA, LOKI, TEMPO, OAUTH2_PROXY];
