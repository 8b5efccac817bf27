/** Cloudflare builders (pure; @pulumi/cloudflare imported for its types only). */
export * from "./zone";
export * from "./mail";
