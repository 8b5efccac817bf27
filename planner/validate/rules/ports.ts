/** Ports are in range, unique within an entry, named as Kubernetes wants, unprivileged for pods. */
import { hostingOf } from "../../kinds";
import type { Rule } from "../types";

const PORT_NAME = /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

export const ports: Rule = {
  id: "ports",
  title: "ports in range, unique within a workload, known protocol",
  check(c) {
    const { catalog } = c;
    let n = 0;
    for (const name of c.entryNames) {
      const e = catalog.entries[name]!;
      const list: { what: string; port: number }[] = [
        { what: "port", port: e.port },
        ...(e.extraPorts ?? []).map((x) => ({ what: `extraPorts.${x.name}`, port: x.port })),
        ...(e.metrics ? [{ what: "metrics.port", port: e.metrics.port }] : []),
      ];
      const byPort = new Map<number, string[]>();
      for (const p of list) {
        n++;
        if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
          c.add(
            `entries.${name}.${p.what}`,
            `${p.port} is not a port (1-65535)`,
            "use a port between 1 and 65535",
          );
        }
        byPort.set(p.port, [...(byPort.get(p.port) ?? []), p.what]);
      }
      for (const [port, whats] of byPort) {
        if (whats.length > 1) {
          c.add(
            `entries.${name}.${whats[1]}`,
            `port ${port} is used by ${whats.join(" and ")}`,
            "give each port of a workload its own number",
          );
        }
      }
      for (const pn of (e.extraPorts ?? []).map((x) => x.name)) {
        if (!PORT_NAME.test(pn)) {
          c.add(
            `entries.${name}.extraPorts.${pn}`,
            "is not a Kubernetes port name (at most 15 characters, a-z, 0-9, '-')",
            "shorten or rename it",
          );
        }
      }
      if (hostingOf(e) === "deployment" && e.port < 1024) {
        c.add(
          `entries.${name}.port`,
          `${e.port} is a privileged port; non-root containers cannot bind it`,
          "listen on a port of 1024 or above",
        );
      }
    }
    return `${n} ports`;
  },
};
