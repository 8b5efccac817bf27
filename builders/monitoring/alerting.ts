/**
 * The central Alertmanager's configuration, from the catalog's owners: every alert carries the
 * `team` of the entry it is about (rules.ts), and goes to that team, critical ones paging
 * (PagerDuty), warnings to chat (Slack). The receivers' keys are files of a Secret filled from
 * Vault (routing_key_file, api_url_file): the configuration itself holds no credential. Pure.
 */
import type { CentralMonitoringPlan } from "../../planner";

/** The Secret (from Vault) with every receiver's key, mounted by the Alertmanager pods. */
export const RECEIVERS_SECRET = "alertmanager-receivers";
const SECRETS_DIR = `/etc/alertmanager/secrets/${RECEIVERS_SECRET}`;

/** The Secret's key holding one receiver's key. */
export const receiverKey = (owner: string, kind: "pagerduty" | "slack") => `${owner}-${kind}`;
export const FALLBACK = "fallback";

const receivers = (name: string) => [
  {
    name: `${name}-page`,
    pagerduty_configs: [
      { routing_key_file: `${SECRETS_DIR}/${receiverKey(name, "pagerduty")}`, send_resolved: true },
    ],
  },
  {
    name: `${name}-chat`,
    slack_configs: [
      {
        api_url_file: `${SECRETS_DIR}/${receiverKey(name, "slack")}`,
        send_resolved: true,
        title: "{{ .CommonLabels.alertname }} in {{ .CommonLabels.environment }}",
        text: "{{ range .Alerts }}{{ .Annotations.summary }}\n{{ end }}",
      },
    ],
  },
];

export function alertmanagerConfig(c: CentralMonitoringPlan): Record<string, unknown> {
  return {
    route: {
      receiver: `${FALLBACK}-chat`,
      group_by: ["alertname", "environment", "cluster", "team"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "4h",
      routes: [
        ...c.alerting.teams.map((t) => ({
          matchers: [`team = "${t.team}"`],
          receiver: `${t.team}-chat`,
          routes: [{ matchers: ['severity = "critical"'], receiver: `${t.team}-page` }],
        })),
        { matchers: ['severity = "critical"'], receiver: `${FALLBACK}-page` },
      ],
    },
    // A critical alert silences the warning of the same alert in the same environment.
    inhibit_rules: [
      {
        source_matchers: ['severity = "critical"'],
        target_matchers: ['severity = "warning"'],
        equal: ["alertname", "environment", "workload"],
      },
    ],
    receivers: [...c.alerting.teams.flatMap((t) => receivers(t.team)), ...receivers(FALLBACK)],
  };
}

/** The receivers' Secret: each key from Vault, under the name the configuration reads. */
export function receiverSecretData(c: CentralMonitoringPlan) {
  return [
    ...c.alerting.teams.flatMap((t) => [
      { secretKey: receiverKey(t.team, "pagerduty"), from: t.pagerduty },
      { secretKey: receiverKey(t.team, "slack"), from: t.slack },
    ]),
    { secretKey: receiverKey(FALLBACK, "pagerduty"), from: c.alerting.fallback.pagerduty },
    { secretKey: receiverKey(FALLBACK, "slack"), from: c.alerting.fallback.slack },
  ];
}
