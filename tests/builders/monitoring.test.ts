/**
 * The monitoring builders over every stack's plan: a monitor per workload with metrics, of the
 * right kind; alert rules derived from the objective (multi-window burn rates whose thresholds are
 * computed from it), labelled with the catalog's owner; dashboards whose queries and links hold.
 */
import { catalog } from "../../config";
import { DEFAULT_OBJECTIVES, HTTP_DURATION_BUCKETS_SECONDS } from "../../config/objectives";
import {
  leMatcher,
  monitorObject,
  overviewDashboard,
  ruleObject,
  workloadDashboard,
  workloadRules,
  type Dashboard,
} from "../../builders/monitoring";
import { BURN_RATE_WINDOWS } from "../../planner";
import { planFor } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

type Obj = Record<string, any>;

/** Brackets, braces and parentheses balance, and quotes pair: a cheap guard on generated PromQL. */
function balanced(expr: string): boolean {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  let quoted = false;
  for (const ch of expr) {
    if (ch === '"') quoted = !quoted;
    if (quoted) continue;
    if ("([{".includes(ch)) stack.push(ch);
    else if (ch in pairs && stack.pop() !== pairs[ch]) return false;
  }
  return stack.length === 0 && !quoted;
}

describe.each(STACKS)("monitoring of %s", (stack) => {
  const plan = () => planFor(stack);
  const m = () => plan().monitoring!;

  it("watches every workload with metrics: a ServiceMonitor where it has a Service, else a PodMonitor", () => {
    expect(m().workloads.map((w) => w.workload)).toEqual(
      plan()
        .workloads.filter((w) => w.metrics)
        .map((w) => w.name),
    );
    for (const w of m().workloads) {
      const o = monitorObject(plan(), w) as Obj;
      const workload = plan().workloads.find((x) => x.name === w.workload)!;
      expect([w.workload, o.kind]).toEqual([w.workload, workload.service ? "ServiceMonitor" : "PodMonitor"]);
      const endpoints = o.spec.endpoints ?? o.spec.podMetricsEndpoints;
      expect(endpoints).toEqual([{ port: "metrics", path: workload.metrics!.path, interval: "30s" }]);
      expect(workload.ports.map((p) => p.name)).toContain("metrics");
      expect(o.spec.selector.matchLabels["app.kubernetes.io/name"]).toBe(w.workload);
      expect(o.spec.jobLabel).toBe("app.kubernetes.io/name");
      expect(o.metadata.namespace).toBe(plan().namespace);
    }
  });

  it("takes each objective from its entry, else its kind's default; workers have none", () => {
    for (const w of m().workloads) {
      const e = catalog.entries[w.workload]!;
      const expected = e.objectives ?? DEFAULT_OBJECTIVES[e.kind];
      expect([
        w.workload,
        w.objective && { availability: w.objective.availability, latency: w.objective.latency },
      ]).toEqual([
        w.workload,
        expected && { availability: expected.availability, latency: expected.latency },
      ]);
      if (e.kind === "worker") expect(w.objective).toBeUndefined();
      expect(w.team).toBe(e.owner);
    }
  });

  it("defends each objective with four burn-rate alerts, thresholds computed from it, on recorded series", () => {
    for (const w of m().workloads) {
      const rules = workloadRules(m(), w);
      const recorded = new Set(rules.filter((r) => r.record).map((r) => r.record!));
      for (const r of rules)
        expect([r.alert ?? r.record, balanced(r.expr)]).toEqual([r.alert ?? r.record, true]);
      // Every recorded series an alert reads is recorded here.
      for (const r of rules.filter((x) => x.alert))
        for (const used of r.expr.match(/workload:[a-z_]+:rate\w+/g) ?? [])
          expect([r.alert, recorded.has(used)]).toEqual([r.alert, true]);
      const o = w.objective;
      const burn = rules.filter((r) => r.alert === "ErrorBudgetBurn");
      const slow = rules.filter((r) => r.alert === "LatencyBudgetBurn");
      expect([burn.length, slow.length]).toEqual([o ? 4 : 0, o?.latency ? 4 : 0]);
      for (const [alerts, percent] of [
        [burn, o?.availability],
        [slow, o?.latency?.percent],
      ] as const) {
        for (const [i, a] of alerts.entries()) {
          const win = BURN_RATE_WINDOWS[i]!;
          const threshold = win.factor * (1 - percent! / 100);
          const numbers = [...a.expr.matchAll(/> ([0-9.e-]+)/g)].map((x) => Number(x[1]));
          expect(numbers).toHaveLength(2);
          for (const n of numbers) expect(n).toBeCloseTo(threshold, 9);
          expect(a.expr).toContain(`rate${win.long}{`);
          expect(a.expr).toContain(`rate${win.short}{`);
          expect(a.labels).toMatchObject({ severity: win.severity, team: w.team, environment: stack });
        }
      }
      // Running at all: every workload, objective or not.
      expect(rules.filter((r) => r.alert === "WorkloadDown" || r.alert === "WorkloadDegraded")).toHaveLength(
        2,
      );
      for (const r of rules.filter((x) => x.alert))
        expect(r.labels!.team).toBe(catalog.entries[w.workload]!.owner);
      // The latency threshold is a bucket the histogram has.
      if (o?.latency) {
        const slowRecord = rules.find((r) => r.record === "workload:http_slow_ratio:rate5m")!;
        expect(slowRecord.expr).toContain(leMatcher(o.latency.thresholdMs / 1000));
        expect(HTTP_DURATION_BUCKETS_SECONDS.map((b) => b * 1000)).toContain(o.latency.thresholdMs);
      }
      const object = ruleObject(plan(), m(), w) as Obj;
      expect(object.kind).toBe("PrometheusRule");
      expect(object.spec.groups.flatMap((g: Obj) => g.rules)).toHaveLength(rules.length);
    }
  });

  it("draws a dashboard per workload and an overview, every query on its namespace, every link resolving", () => {
    const boards: Dashboard[] = [
      overviewDashboard(m()),
      ...m().workloads.map((w) => workloadDashboard(m(), w)),
    ];
    const uids = new Set(boards.map((b) => b.uid));
    expect(uids.size).toBe(boards.length);
    for (const b of boards) {
      expect(b.uid.length).toBeLessThanOrEqual(40);
      for (const l of b.links) expect([b.uid, uids.has(l.url.replace("/d/", ""))]).toEqual([b.uid, true]);
      for (const p of b.panels)
        for (const t of p.targets) {
          expect([p.title, balanced(t.expr)]).toEqual([p.title, true]);
          expect(
            t.expr.includes(`namespace="${plan().namespace}"`) || t.expr.includes(`environment="${stack}"`),
          ).toBe(true);
        }
      const ids = b.panels.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    for (const w of m().workloads) {
      const b = workloadDashboard(m(), w);
      expect(b.links.map((l) => l.title)).toEqual(w.dependencies);
      expect(b.panels.every((p) => p.targets.every((t) => t.expr.includes(w.workload)))).toBe(true);
    }
  });
});

it("dashboard uids are unique across every environment (one Grafana serves them all)", () => {
  const uids = STACKS.flatMap((s) => {
    const m = planFor(s).monitoring!;
    return [m.overview.uid, ...m.workloads.map((w) => w.dashboard.uid)];
  });
  expect(new Set(uids).size).toBe(uids.length);
});
