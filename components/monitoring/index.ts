export * from "./central-monitoring";
export * from "./cluster-telemetry";
export * from "./workload-monitoring";
