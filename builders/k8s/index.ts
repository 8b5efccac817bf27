/**
 * Kubernetes builders: the plan rendered as typed Kubernetes objects. Pure: @pulumi/kubernetes is
 * imported for its types only, so TypeScript checks every field against the real provider types
 * while nothing here registers a resource. Components pass these objects to the provider's
 * resource classes unchanged; tests and `plan` read them as manifests.
 */
export * from "./addons";
export * from "./clickhouse";
export * from "./external-secret";
export * from "./meta";
export * from "./namespace";
export * from "./network-policy";
export * from "./public-host";
export * from "./vault-auth";
export * from "./workload";
