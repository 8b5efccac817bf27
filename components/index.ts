export * from "./cluster-addons";
export * from "./environment";
export * from "./namespace";
export * from "./public-host";
export * from "./workload";
