/** Dependency-graph algorithms over `needs`. */
import { sorted } from "./naming";

/**
 * Every elementary cycle found by depth-first search, each as the path `[a, b, c, a]`, rotated
 * to start at its smallest name and deduplicated. Deterministic for a given graph.
 */
export function findCycles(graph: Readonly<Record<string, readonly string[]>>): string[][] {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const seen = new Set<string>();
  const cycles: string[][] = [];

  const visit = (node: string): void => {
    state.set(node, "open");
    stack.push(node);
    for (const next of sorted(new Set(graph[node] ?? []))) {
      if (!(next in graph)) continue;
      const s = state.get(next);
      if (s === "open") {
        const loop = stack.slice(stack.indexOf(next));
        const start = loop.indexOf(sorted(loop)[0]!);
        const rotated = [...loop.slice(start), ...loop.slice(0, start)];
        const key = rotated.join(" -> ");
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...rotated, rotated[0]!]);
        }
      } else if (s === undefined) {
        visit(next);
      }
    }
    stack.pop();
    state.set(node, "done");
  };

  for (const node of sorted(Object.keys(graph))) if (!state.has(node)) visit(node);
  return cycles;
}
