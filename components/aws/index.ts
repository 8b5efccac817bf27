/** AWS components: each registers what a builder of `builders/aws` made, nothing more. */
export * from "./bucket";
export * from "./clickhouse-credentials";
export * from "./data-layer";
export * from "./identity";
export * from "./kafka";
export * from "./keys";
export * from "./mail";
export * from "./postgres";
export * from "./redis";
export * from "./search";
