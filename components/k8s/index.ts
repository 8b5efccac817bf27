/** Kubernetes components: each registers what a builder of `builders/k8s` made, nothing more. */
export * from "./clickhouse";
export * from "./cluster-addons";
export * from "./namespace";
export * from "./public-host";
export * from "./workload";
