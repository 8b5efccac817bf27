/**
 * Environments name a known region and cluster; every cluster has exactly one add-on owner on it,
 * every region's Cloudflare zone exactly one owner stack in the region.
 */
import { suggest, TIER_HOST_LABEL } from "../../naming";
import { environmentsOnCluster } from "../../placement";
import type { Rule } from "../types";

export const environments: Rule = {
  id: "environments",
  title: "environments name a known region and cluster; one add-on owner per cluster and zone",
  check(c) {
    const { catalog } = c;
    for (const en of c.envNames) {
      const env = catalog.environments[en]!;
      if (!Object.hasOwn(catalog.regions, env.region)) {
        const s = suggest(env.region, Object.keys(catalog.regions));
        c.add(
          `environments.${en}.region`,
          `unknown region "${env.region}"`,
          s ? `did you mean "${s}"?` : `add region "${env.region}" to regions, with its domain`,
        );
      }
      if (!Object.hasOwn(catalog.clusters, env.cluster)) {
        const s = suggest(env.cluster, Object.keys(catalog.clusters));
        c.add(
          `environments.${en}.cluster`,
          `unknown cluster "${env.cluster}"`,
          s ? `did you mean "${s}"?` : `add cluster "${env.cluster}" to clusters`,
        );
      }
    }
    const clusters = Object.keys(catalog.clusters);
    for (const cl of clusters) {
      const spec = catalog.clusters[cl]!;
      const onCluster = environmentsOnCluster(cl, catalog);
      if (onCluster.length === 0) {
        c.add(
          `clusters.${cl}`,
          "hosts no environment",
          `place an environment on ${cl} or remove the cluster`,
          "warning",
        );
      } else if (!onCluster.includes(spec.addonOwner)) {
        c.add(
          `clusters.${cl}.addonOwner`,
          `"${spec.addonOwner}" is not an environment on ${cl} (those are ${onCluster.join(", ")})`,
          `set addonOwner to exactly one of ${onCluster.join(", ")}`,
        );
      }
      if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(spec.apiServer)) {
        c.add(
          `clusters.${cl}.apiServer`,
          `"${spec.apiServer}" is not an https address`,
          "use https://<host>:<port>",
        );
      }
      if (!Array.isArray(spec.zones) || spec.zones.length === 0) {
        c.add(`clusters.${cl}.zones`, "lists no availability zone", "list the zones of the cluster's nodes");
      }
    }
    // Each region's Cloudflare zone: exactly one stack of the region owns its settings and rulesets.
    for (const [r, spec] of Object.entries(catalog.regions)) {
      const inRegion = c.envNames.filter((en) => catalog.environments[en]!.region === r);
      const owner = (spec.zone as { owner?: unknown } | undefined)?.owner;
      if (typeof owner !== "string" || !inRegion.includes(owner)) {
        c.add(
          `regions.${r}.zone.owner`,
          typeof owner === "string"
            ? `"${owner}" is not an environment of region ${r}`
            : "names no stack owning the zone",
          inRegion.length
            ? `set it to exactly one of ${inRegion.join(", ")} (the region's production stack)`
            : `place an environment in region ${r} first`,
        );
      }
      // Universal SSL covers the apex and one label below it; deeper hosts need an advanced certificate.
      const deeper = inRegion.filter((en) => TIER_HOST_LABEL[catalog.environments[en]!.tier] !== undefined);
      if (deeper.length && spec.zone?.advancedCertificateManager !== true) {
        c.add(
          `regions.${r}.zone.advancedCertificateManager`,
          `the hosts of ${deeper.join(", ")} sit two labels below ${spec.domain}, beyond what Universal SSL covers`,
          "subscribe the zone to Advanced Certificate Manager and set advancedCertificateManager: true",
        );
      }
    }
    const regions = Object.keys(catalog.regions).length;
    return `${c.envNames.length} environments on ${clusters.length} clusters in ${regions} regions`;
  },
};
