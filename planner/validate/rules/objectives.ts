/**
 * Objectives are promises the alerts can defend: on a workload that serves requests and exports
 * metrics, availability and latency percentages in range, and a latency threshold that is one of
 * the request-duration histogram's bucket boundaries (else no bucket counts it and the alert
 * would always fire).
 */
import { DEFAULT_OBJECTIVES, HTTP_DURATION_BUCKETS_SECONDS } from "../../../config/objectives";
import { hostingOf } from "../../kinds";
import type { Rule } from "../types";

const inRange = (v: unknown, low: number) => typeof v === "number" && v > low && v < 100;

export const objectives: Rule = {
  id: "objectives",
  title: "objectives sit on request-serving workloads with metrics; latency thresholds are histogram buckets",
  check(c) {
    const { catalog } = c;
    let n = 0;
    const buckets = HTTP_DURATION_BUCKETS_SECONDS.map((s) => s * 1000);
    for (const name of c.entryNames) {
      const e = catalog.entries[name]!;
      const o = e.objectives ?? DEFAULT_OBJECTIVES[e.kind];
      if (!o) continue;
      n++;
      const at = `entries.${name}.objectives`;
      if (e.objectives && (hostingOf(e) !== "deployment" || e.kind === "worker")) {
        c.add(
          at,
          `a ${e.kind} serves no requests of its own to promise`,
          "remove objectives from this entry",
        );
        continue;
      }
      if (!e.metrics) {
        c.add(at, "no metrics port to measure it by", "declare `metrics` (the presets' port 9464, /metrics)");
      }
      if (!inRange(o.availability, 90)) {
        c.add(
          `${at}.availability`,
          `${String(o.availability)} is not a percentage between 90 and 100 (exclusive)`,
          "use e.g. 99.9: 100 leaves no error budget",
        );
      }
      if (o.latency) {
        if (!inRange(o.latency.percent, 50)) {
          c.add(
            `${at}.latency.percent`,
            `${String(o.latency.percent)} is not a percentage between 50 and 100 (exclusive)`,
            "use e.g. 99",
          );
        }
        if (!buckets.includes(o.latency.thresholdMs)) {
          const nearest = [...buckets].sort(
            (a, b) => Math.abs(a - o.latency!.thresholdMs) - Math.abs(b - o.latency!.thresholdMs),
          )[0];
          c.add(
            `${at}.latency.thresholdMs`,
            `${o.latency.thresholdMs} ms is not a bucket boundary of http.server.request.duration`,
            `use ${nearest} ms (boundaries: ${buckets.join(", ")} ms)`,
          );
        }
      }
    }
    return `${n} objectives, the entries' own or their kind's default`;
  },
};
