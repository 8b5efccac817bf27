/**
 * The API server's field rules that the OpenAPI schemas do not carry: checked on every object the
 * program writes, before anything is registered, each problem naming the object and the field.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { catalog } from "../../../config";
import { fieldRuleProblems } from "../../../harness/field-rules";
import { plan, tempDir } from "../../helpers/cli";

describe("field rules", () => {
  it("label keys and values, annotation keys, names by kind, port names, Ingress paths, quantities", () => {
    expect(
      fieldRuleProblems({
        apiVersion: "v1",
        kind: "Service",
        metadata: {
          name: "orders.v2",
          namespace: "us-prod",
          labels: { "app.kubernetes.io/name": "x".repeat(64), "bad key!": "v" },
          annotations: { "Example.com/x": "1" },
        },
        spec: { ports: [{ name: "otlp_grpc", port: 4317 }] },
      }),
    ).toEqual([
      "Service us-prod/orders.v2: metadata.name is not a DNS label",
      `Service us-prod/orders.v2: metadata.labels.app.kubernetes.io/name value "${"x".repeat(64)}" is not 0–63 alphanumerics, '-', '_' or '.'`,
      "Service us-prod/orders.v2: metadata.labels key \"bad key!\": its name is not 1–63 alphanumerics, '-', '_' or '.'",
      'Service us-prod/orders.v2: metadata.annotations key "Example.com/x": its prefix is not a DNS subdomain',
      'Service us-prod/orders.v2: spec.ports[0].name "otlp_grpc" is not a Service port name (a DNS label)',
    ]);
    expect(
      fieldRuleProblems({
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: { name: "web", namespace: "us-prod" },
        spec: { rules: [{ http: { paths: [{ path: "api", backend: {} }] } }] },
      }),
    ).toEqual(['Ingress us-prod/web: spec.rules[0].http.paths[0].path "api" is not an absolute path']);
    expect(
      fieldRuleProblems({
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name: "workloads", namespace: "us-prod" },
        spec: { hard: { "requests.cpu": "2 cores" } },
      }),
    ).toEqual(['ResourceQuota us-prod/workloads: spec.hard.requests.cpu "2 cores" is not a quantity']);
  });

  it("container port names, the labels of alerts, RBAC names: the rules of each place", () => {
    const deployment = (ports: object[]) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d", namespace: "n" },
      spec: { template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c", ports }] } } },
    });
    expect(fieldRuleProblems(deployment([{ name: "http-metrics", containerPort: 1 }]))).toEqual([]);
    expect(
      fieldRuleProblems(deployment([{ name: "8080" }, { name: "a--b" }, { name: "prometheus-metrics" }])),
    ).toEqual([
      'Deployment n/d: spec.template.spec.containers[0].ports[0].name "8080" is not a container port name (at most 15 lower-case alphanumerics and \'-\', a letter at least, no "--")',
      'Deployment n/d: spec.template.spec.containers[0].ports[1].name "a--b" is not a container port name (at most 15 lower-case alphanumerics and \'-\', a letter at least, no "--")',
      'Deployment n/d: spec.template.spec.containers[0].ports[2].name "prometheus-metrics" is not a container port name (at most 15 lower-case alphanumerics and \'-\', a letter at least, no "--")',
    ]);
    expect(
      fieldRuleProblems({
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: { name: "r", namespace: "n" },
        spec: { groups: [{ rules: [{ alert: "A", labels: { summary: "{{ $labels.job }} is down" } }] }] },
      }),
    ).toEqual([]);
    expect(
      fieldRuleProblems({
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRole",
        metadata: { name: "system:kong:reader" },
      }),
    ).toEqual([]);
    expect(
      fieldRuleProblems({
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name: "q", namespace: "n" },
        spec: { hard: { cpu: "500mi", memory: "1.2.3Gi", pods: "10" } },
      }),
    ).toEqual([
      'ResourceQuota n/q: spec.hard.cpu "500mi" is not a quantity',
      'ResourceQuota n/q: spec.hard.memory "1.2.3Gi" is not a quantity',
    ]);
  });

  it("a team name too long for a label is refused by the catalog, before any object is rendered", async () => {
    const c = structuredClone(catalog);
    // A team name longer than a label value may be: the owner label of every object of the entry.
    const team = `team-${"platform-reliability-".repeat(3)}x`;
    c.entries["order-service"] = { ...c.entries["order-service"]!, owner: team };
    const dir = tempDir();
    const file = path.join(dir, "catalog.json");
    fs.writeFileSync(file, JSON.stringify(c));
    const r = await plan("us-dev", "--catalog", file, "--out", path.join(dir, "out"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `✗ [values] entries.order-service.owner: "${team}" is longer than 63 characters. Fix: shorten it (at most 63 characters: it is a label value)`,
    );
    expect(r.run.runs).toEqual([]);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });
});
