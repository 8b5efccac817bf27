/** Data and analytics: dashboards, ETL into the warehouse, reports. */
import type { EntrySpec } from "../types";
import { health, image, metrics, size } from "./presets";

const regional = { placement: "regional", protocol: "http", health, metrics } as const;

export const analyticsEntries = {
  "analytics-service": {
    ...regional,
    kind: "service",
    description: "Real-time analytics dashboard",
    owner: "team-data",
    port: 8092,
    needs: ["clickhouse", "redis-cache"],
    image: image("analytics-service", "2.0.3"),
    resources: size.m,
  },
  "etl-worker": {
    ...regional,
    kind: "worker",
    description: "ETL jobs for data warehouse",
    owner: "team-data",
    port: 8093,
    needs: ["postgres-analytics", "clickhouse", "event-bus"],
    consumes: ["orders", "payments", "products", "users"],
    image: image("etl-worker", "1.13.0"),
    resources: size.m,
  },
  "reporting-service": {
    ...regional,
    kind: "service",
    description: "Business intelligence reports",
    owner: "team-data",
    port: 8094,
    needs: ["clickhouse", "redis-cache"],
    image: image("reporting-service", "1.4.8"),
    resources: size.s,
  },
} as const satisfies Record<string, EntrySpec>;
