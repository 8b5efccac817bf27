/** The stack-output contract: schema and type, the builder the program uses, the reader others use. */
export * from "./outputs";
export * from "./reader";
export * from "./schema";
export * from "./validate";
