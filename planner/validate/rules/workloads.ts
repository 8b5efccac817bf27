/** Workloads have a pinned image, requests within limits, health endpoints and metrics. */
import { hostingOf } from "../../kinds";
import { cpuMillis, memoryBytes } from "../../quantity";
import type { Rule } from "../types";

const MOVING_TAG = /^(latest|main|master|dev|stable)$/i;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(@sha256:[0-9a-f]{64})?$/;

export const workloads: Rule = {
  id: "workloads",
  title: "workloads have a pinned image, valid requests within limits, and health endpoints",
  check(c) {
    const { catalog } = c;
    let n = 0;
    for (const name of c.entryNames) {
      const e = catalog.entries[name]!;
      if (hostingOf(e) !== "deployment") continue;
      n++;
      const p = `entries.${name}`;
      if (!e.image?.repository || !e.image.tag) {
        c.add(`${p}.image`, "has no image", "set image: { repository, tag } with a release version");
      } else if (MOVING_TAG.test(e.image.tag) || !TAG.test(e.image.tag)) {
        c.add(
          `${p}.image.tag`,
          `"${e.image.tag}" is not a pinned tag`,
          "use an immutable release version such as 1.4.2 (optionally with @sha256 digest)",
        );
      }
      if (!e.resources)
        c.add(
          `${p}.resources`,
          "has no requests and limits",
          "set resources (cpu and memory request and limit)",
        );
      else {
        for (const [what, parse, example] of [
          ["cpu", cpuMillis, "250m or 2"],
          ["memory", memoryBytes, "256Mi or 2Gi"],
        ] as const) {
          const r = e.resources[what];
          const read = (field: "request" | "limit"): number | undefined => {
            try {
              return parse(r[field]);
            } catch {
              c.add(
                `${p}.resources.${what}.${field}`,
                `"${r[field]}" is not a ${what} quantity`,
                `write it like ${example}`,
              );
              return undefined;
            }
          };
          const request = read("request");
          const limit = read("limit");
          if (request !== undefined && limit !== undefined && request > limit) {
            c.add(
              `${p}.resources.${what}`,
              `request ${r.request} is above limit ${r.limit}`,
              "raise the limit or lower the request",
            );
          }
        }
      }
      if (!e.health) c.add(`${p}.health`, "has no health endpoints", "set health: { liveness, readiness }");
      if (!e.metrics) c.add(`${p}.metrics`, "exports no metrics", "set metrics: { port, path }", "warning");
    }
    return `${n} deployed workloads`;
  },
};
