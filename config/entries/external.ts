/**
 * The third-party APIs the services call, as entries: declared in `needs` like anything else, so
 * that each caller's egress admits them on their port, and nothing else does. None of these
 * providers publishes fixed addresses for its API: `external.ranges` says what that costs.
 */
import type { EntrySpec } from "../types";

const api = { kind: "external", placement: "regional", port: 443, protocol: "https" } as const;
const noFixedRanges = (provider: string) =>
  `${provider} publishes no fixed API addresses: the caller may reach any public address on 443 (private ranges excluded); an egress proxy allowing only these hosts would close it`;

export const externalEntries = {
  "stripe-api": {
    ...api,
    description: "Stripe payments API",
    owner: "team-payments",
    external: { hosts: ["api.stripe.com"], ranges: noFixedRanges("Stripe") },
  },
  "paypal-api": {
    ...api,
    description: "PayPal REST API",
    owner: "team-payments",
    external: { hosts: ["api-m.paypal.com"], ranges: noFixedRanges("PayPal") },
  },
  "twilio-api": {
    ...api,
    description: "Twilio messaging API (SMS)",
    owner: "team-messaging",
    external: { hosts: ["api.twilio.com"], ranges: noFixedRanges("Twilio") },
  },
  "fcm-api": {
    ...api,
    description: "Firebase Cloud Messaging (Android push)",
    owner: "team-messaging",
    external: {
      hosts: ["fcm.googleapis.com", "oauth2.googleapis.com"],
      ranges: noFixedRanges("Google (FCM and its OAuth endpoint)"),
    },
  },
  "apns-api": {
    ...api,
    description: "Apple Push Notification service (iOS push)",
    owner: "team-messaging",
    external: {
      hosts: ["api.push.apple.com"],
      ranges:
        "Apple publishes 17.0.0.0/8 for APNs, but its HTTP/2 API also answers from other addresses: treated like the others",
    },
  },
  "cloudflare-api": {
    ...api,
    description: "Cloudflare API (cache purges for the CDN service)",
    owner: "team-platform",
    external: { hosts: ["api.cloudflare.com"], ranges: noFixedRanges("Cloudflare's API") },
  },
} as const satisfies Record<string, EntrySpec>;
