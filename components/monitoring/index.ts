/** Monitoring components: each registers what a builder of `builders/monitoring` made. */
export * from "./workload-monitoring";
