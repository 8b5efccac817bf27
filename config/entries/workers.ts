/** Background workers: order processing, invoices, cross-region sync. */
import type { EntrySpec } from "../types";
import { health, image, metrics, size } from "./presets";

const worker = { kind: "worker", protocol: "http", health, metrics } as const;

export const workerEntries = {
  "order-processor-worker": {
    ...worker,
    description: "Processes pending orders asynchronously",
    owner: "team-checkout",
    placement: "regional",
    port: 8095,
    needs: ["redis-queue", "order-service", "event-bus"],
    consumes: ["orders"],
    image: image("order-processor-worker", "2.3.0"),
    resources: size.s,
  },
  "invoice-generator-worker": {
    ...worker,
    description: "Generates invoices and receipts",
    owner: "team-checkout",
    placement: "regional",
    port: 8096,
    needs: ["postgres-orders", "redis-queue", "pdf-service"],
    image: image("invoice-generator-worker", "1.8.1"),
    resources: size.s,
  },
  "data-sync-worker": {
    ...worker,
    description: "Syncs data across regions",
    owner: "team-data",
    // Cross-region sync is a production concern: it runs where there is production data.
    placement: ["us-prod", "eu-prod", "asia-prod"],
    port: 8097,
    needs: ["postgres-sync", "event-bus"],
    crossEnvironmentNeeds: [
      {
        entry: "event-bus",
        environments: ["us-prod", "eu-prod", "asia-prod"],
        reason: "mirrors order and inventory events to the other production regions for disaster recovery",
        // us, eu and asia are three jurisdictions: the topics it mirrors must carry no personal data
        // that may not leave its residency (reviewed with the data owners).
        acrossResidencies: true,
      },
    ],
    consumes: ["orders", "payments", "inventory"],
    image: image("data-sync-worker", "1.2.4"),
    resources: size.s,
  },
} as const satisfies Record<string, EntrySpec>;
