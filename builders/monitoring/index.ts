/** Monitoring builders: monitors, alert rules and dashboards of the plan, the central services, each cluster's telemetry (pure). */
export * from "./alerting";
export * from "./central-network";
export * from "./central-objects";
export * from "./central-values";
export * from "./cluster-telemetry";
export * from "./dashboards";
export * from "./monitors";
export * from "./rules";
export * from "./cloudwatch-exporter";
