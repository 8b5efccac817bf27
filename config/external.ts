/** A third-party API the workloads call (payment, messaging, push, the CDN's provider). */
export interface ExternalApiSpec {
  /** The host names it answers at, over HTTPS on the entry's port. */
  hosts: readonly string[];
  /**
   * The address ranges its callers' egress admits, and why: a NetworkPolicy cannot match host
   * names, and these providers publish no fixed API addresses, so callers reach the internet's
   * public addresses on the entry's port (private ranges excluded), and only the callers that
   * declare the need. Said per provider, so that the compromise is visible in the plan.
   */
  ranges: string;
}
