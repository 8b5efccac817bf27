/** Every cluster runs a Kubernetes version that every pinned add-on supports. */
import { ADDONS } from "../../../config/addons";
import { kubernetesMinor, supportsKubernetes } from "../../addon-support";
import type { Rule } from "../types";

export const addons: Rule = {
  id: "addons",
  title: "every pinned add-on supports each cluster's Kubernetes version",
  check(c) {
    const clusters = Object.keys(c.catalog.clusters).sort();
    for (const name of clusters) {
      const version = c.catalog.clusters[name]!.kubernetesVersion;
      const path = `clusters.${name}.kubernetesVersion`;
      if (typeof version !== "string" || kubernetesMinor(version) === undefined) {
        c.add(path, `${JSON.stringify(version)} is not a Kubernetes minor version`, 'write it like "1.35"');
        continue;
      }
      for (const a of ADDONS) {
        if (supportsKubernetes(a, version)) continue;
        c.add(
          path,
          `Kubernetes ${version} is not supported by ${a.chart} ${a.version}, which supports ${a.kubernetes.min} to ${a.kubernetes.max} (${a.kubernetes.source})`,
          `run the cluster at a version every add-on supports, or pin a release of ${a.chart} that supports ${version}`,
        );
      }
    }
    return `${clusters.length} clusters against ${ADDONS.length} pinned add-ons`;
  },
};
