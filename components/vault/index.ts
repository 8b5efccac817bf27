/** Vault components: each registers what a builder of `builders/vault` made, nothing more. */
export * from "./access";
export * from "./cluster-auth";
