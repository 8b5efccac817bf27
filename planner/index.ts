/** The pure planning layer: no Pulumi imports; everything here runs in milliseconds. */
export * from "./catalog-json";
export * from "./env-vars";
export * from "./graph";
export * from "./kinds";
export * from "./naming";
export * from "./placement";
export * from "./plan";
export * from "./report";
export * from "./secrets";
export * from "./settings";
export * from "./validate";
export * from "./settings-check";
export * from "./k8s/objects";
export * from "./k8s/addons";
export * from "./k8s/quantity";
