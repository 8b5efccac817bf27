/** A region's Cloudflare zone, as the catalog declares it. */
export interface ZoneSpec {
  /** The one stack of the region that owns the zone's settings and rulesets. */
  owner: string;
  /** The zone's Cloudflare plan (the managed WAF needs Pro or higher). */
  plan: "free" | "pro" | "business" | "enterprise";
  /** The zone has Advanced Certificate Manager (needed for hosts two labels below the apex). */
  advancedCertificateManager?: boolean;
}
