/** Vault builders (pure; @pulumi/vault imported for its types only). */
export * from "./access";
export * from "./kv";
