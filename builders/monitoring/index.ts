/** Monitoring builders: monitors, alert rules and dashboards of the plan (pure). */
export * from "./dashboards";
export * from "./monitors";
export * from "./rules";
