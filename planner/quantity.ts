/** Kubernetes resource quantities (the subset the catalog uses): parse, add, format. */

const CPU = /^(\d+(?:\.\d+)?)(m?)$/;
const MEMORY = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const MEMORY_FACTORS: Record<string, number> = {
  "": 1,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
};

/** CPU quantity → millicores (`250m` → 250, `2` → 2000). */
export function cpuMillis(q: string): number {
  const m = CPU.exec(q);
  if (!m) throw new Error(`not a CPU quantity: "${q}" (expected e.g. 250m or 2)`);
  return Math.round(Number(m[1]) * (m[2] === "m" ? 1 : 1000));
}

/** Memory quantity → bytes (`256Mi` → 268435456). */
export function memoryBytes(q: string): number {
  const m = MEMORY.exec(q);
  if (!m) throw new Error(`not a memory quantity: "${q}" (expected e.g. 256Mi or 2Gi)`);
  return Math.round(Number(m[1]) * MEMORY_FACTORS[m[2] ?? ""]!);
}

/** Millicores → a quantity (`2500` → `2500m`). */
export const formatCpu = (millis: number) => `${Math.ceil(millis)}m`;

/** Bytes → a quantity in whole MiB, rounded up. */
export const formatMemory = (bytes: number) => `${Math.ceil(bytes / 2 ** 20)}Mi`;
