/** What the pinned add-ons support: Kubernetes versions, end of support, served CRD versions. */
import { ADDONS, PINS_CHECKED_ON, type AddonRelease } from "../config/addons";

const MINOR = /^1\.(\d+)$/;

/** `1.35` → 35; undefined when not a Kubernetes 1.x minor version. */
export function kubernetesMinor(version: string): number | undefined {
  const m = MINOR.exec(version);
  return m ? Number(m[1]) : undefined;
}

/** Whether a release supports a cluster's Kubernetes minor version. */
export function supportsKubernetes(addon: AddonRelease, version: string): boolean {
  const v = kubernetesMinor(version);
  const min = kubernetesMinor(addon.kubernetes.min);
  const max = kubernetesMinor(addon.kubernetes.max);
  return v !== undefined && min !== undefined && max !== undefined && v >= min && v <= max;
}

/** Pins past their announced end of support on the day they were checked, as warnings. */
export function supportWarnings(
  addons: readonly AddonRelease[] = ADDONS,
  checkedOn: string = PINS_CHECKED_ON,
): string[] {
  return addons
    .filter((a) => a.support.until !== undefined && a.support.until < checkedOn)
    .map(
      (a) =>
        `${a.chart} ${a.version} (${a.appVersion}) was out of support on ${a.support.until}, before the pins were checked on ${checkedOn}: ${a.support.rule}`,
    );
}

/** The add-on whose CRDs define a custom resource kind, if any. */
export function addonDefining(group: string, kind: string, addons: readonly AddonRelease[] = ADDONS) {
  for (const a of addons) {
    const crd = a.crds.find((c) => c.group === group && c.kind === kind);
    if (crd) return { addon: a, crd };
  }
  return undefined;
}
