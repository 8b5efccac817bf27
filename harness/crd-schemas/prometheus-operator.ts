/**
 * ServiceMonitor, PodMonitor and PrometheusRule (monitoring.coreos.com/v1), as the CRDs of
 * prometheus-operator v0.93 (kube-prometheus-stack 88.5.3) define the parts this platform writes:
 * a ServiceMonitor needs `selector` and `endpoints`; endpoints name their port; durations follow
 * the operator's Duration pattern; a rule group needs a name and rules, a rule an `expr` and exactly
 * one of `record` and `alert`, with string labels and annotations.
 */
import { customResource, stringMap } from "./common";
const DURATION =
  "^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$";
const metadata = {
  type: "object",
  required: ["name", "namespace"],
  properties: {
    name: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 253 },
    namespace: { type: "string" },
    labels: stringMap,
    annotations: stringMap,
  },
};
const selector = {
  type: "object",
  additionalProperties: false,
  properties: { matchLabels: stringMap, matchExpressions: { type: "array" } },
};
const endpoint = {
  type: "object",
  additionalProperties: false,
  required: ["port"],
  properties: {
    port: { type: "string", minLength: 1 },
    path: { type: "string", pattern: "^/" },
    interval: { type: "string", pattern: DURATION },
    scrapeTimeout: { type: "string", pattern: DURATION },
    scheme: { enum: ["http", "https", "HTTP", "HTTPS"] },
    honorLabels: { type: "boolean" },
  },
};
const monitor = (kind: "ServiceMonitor" | "PodMonitor", endpoints: "endpoints" | "podMetricsEndpoints") =>
  customResource("monitoring.coreos.com/v1", kind, metadata, {
    type: "object",
    additionalProperties: false,
    required: ["selector", endpoints],
    properties: {
      jobLabel: { type: "string" },
      selector,
      namespaceSelector: { type: "object" },
      [endpoints]: { type: "array", minItems: 1, items: endpoint },
    },
  });

export const SERVICE_MONITOR_V1 = monitor("ServiceMonitor", "endpoints");
export const POD_MONITOR_V1 = monitor("PodMonitor", "podMetricsEndpoints");

const rule = {
  type: "object",
  additionalProperties: false,
  required: ["expr"],
  properties: {
    record: { type: "string", pattern: "^[a-zA-Z_:][a-zA-Z0-9_:]*$" },
    alert: { type: "string", pattern: "^[a-zA-Z_][a-zA-Z0-9_]*$" },
    expr: { type: "string", minLength: 1 },
    for: { type: "string", pattern: DURATION },
    keep_firing_for: { type: "string", pattern: DURATION },
    labels: stringMap,
    annotations: stringMap,
  },
  oneOf: [{ required: ["record"] }, { required: ["alert"] }],
};

export const PROMETHEUS_RULE_V1 = customResource("monitoring.coreos.com/v1", "PrometheusRule", metadata, {
  type: "object",
  additionalProperties: false,
  required: ["groups"],
  properties: {
    groups: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "rules"],
        properties: {
          name: { type: "string", minLength: 1 },
          interval: { type: "string", pattern: DURATION },
          rules: { type: "array", minItems: 1, items: rule },
        },
      },
    },
  },
});
