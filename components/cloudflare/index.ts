/** Cloudflare components: each registers what a builder of `builders/cloudflare` made, nothing more. */
export * from "./edge";
