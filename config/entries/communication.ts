/** Communication: notifications and the workers that send email, SMS and push messages. */
import type { EntrySpec } from "../types";
import { health, image, metrics, size } from "./presets";

const regional = { placement: "regional", protocol: "http", health, metrics } as const;

export const communicationEntries = {
  "notification-service": {
    ...regional,
    kind: "service",
    description: "Multi-channel notifications (email, SMS, push)",
    owner: "team-messaging",
    port: 8088,
    needs: [
      "postgres-notifications",
      "redis-queue",
      "email-worker",
      "sms-worker",
      "push-notification-service",
    ],
    image: image("notification-service", "3.0.5"),
    resources: size.s,
  },
  "email-worker": {
    ...regional,
    kind: "worker",
    description: "Background worker for email sending",
    owner: "team-messaging",
    port: 8089,
    needs: ["redis-queue", "smtp-service"],
    image: image("email-worker", "1.11.2"),
    resources: size.xs,
  },
  "sms-worker": {
    ...regional,
    kind: "worker",
    description: "Background worker for SMS sending (Twilio)",
    owner: "team-messaging",
    port: 8090,
    needs: ["redis-queue", "vault-service", "twilio-api"],
    image: image("sms-worker", "1.7.0"),
    resources: size.xs,
    secrets: [
      { env: "TWILIO_ACCOUNT_SID", ref: "secret://twilio/account-sid" },
      { env: "TWILIO_AUTH_TOKEN", ref: "secret://twilio/auth-token" },
    ],
  },
  "push-notification-service": {
    ...regional,
    kind: "service",
    description: "Push notifications (FCM, APNS)",
    owner: "team-messaging",
    port: 8091,
    needs: ["redis-cache", "vault-service", "fcm-api", "apns-api"],
    image: image("push-notification-service", "2.2.1"),
    resources: size.s,
    secrets: [
      { env: "FCM_SERVICE_ACCOUNT_JSON", ref: "secret://fcm/service-account" },
      { env: "APNS_AUTH_KEY", ref: "secret://apns/auth-key" },
    ],
  },
} as const satisfies Record<string, EntrySpec>;
