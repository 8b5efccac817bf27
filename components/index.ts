export * from "./aws";
export * from "./environment";
export * from "./k8s";
export * from "./transform";
export * from "./vault";
