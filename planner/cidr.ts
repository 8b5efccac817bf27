/** IPv4 ranges: parsing, containment and overlap, for the stack settings' safety checks. Pure. */

export interface Range {
  cidr: string;
  first: number;
  last: number;
}

/** `10.1.0.0/16` → its first and last address as numbers; undefined when it is not an IPv4 CIDR. */
export function parseCidr(cidr: string): Range | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const ip = octets.reduce((n, o) => n * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const first = Math.floor(ip / size) * size;
  return { cidr, first, last: first + size - 1 };
}

export const overlaps = (a: Range, b: Range) => a.first <= b.last && b.first <= a.last;
export const contains = (outer: Range, inner: Range) =>
  outer.first <= inner.first && inner.last <= outer.last;

/** The private address space (RFC 1918): the only ranges a store, Vault or the cluster may be in. */
export const PRIVATE_SPACE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((c) => parseCidr(c)!);

export const isPrivate = (r: Range) => PRIVATE_SPACE.some((p) => contains(p, r));

/** Shared address space (RFC 6598), which EKS may give pods (custom networking): never public. */
export const SHARED_SPACE = parseCidr("100.64.0.0/10")!;
