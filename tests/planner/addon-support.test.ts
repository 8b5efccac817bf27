/** The pinned add-ons against the clusters: Kubernetes versions, end of support. */
import { ADDONS, CERT_MANAGER, EXTERNAL_SECRETS, KONG, PINS_CHECKED_ON } from "../../config/addons";
import {
  addonDefining,
  kubernetesMinor,
  supportsKubernetes,
  supportWarnings,
} from "../../planner/addon-support";
import { editCatalog, errorsOf, lines } from "../helpers/catalog";

describe("add-on pins", () => {
  it("record, for every add-on, versions, dates, support, Kubernetes range and served CRD versions", () => {
    for (const a of ADDONS) {
      expect([a.chart, /^\d{4}-\d{2}-\d{2}$/.test(a.released), a.released <= PINS_CHECKED_ON]).toEqual([
        a.chart,
        true,
        true,
      ]);
      expect([a.chart, kubernetesMinor(a.kubernetes.min)! <= kubernetesMinor(a.kubernetes.max)!]).toEqual([
        a.chart,
        true,
      ]);
      for (const c of a.crds) expect(c.served).toContain(c.storage);
    }
    expect(ADDONS.map((a) => `${a.chart}@${a.version}`)).toEqual([
      "cert-manager@v1.21.1",
      "external-secrets@2.11.0",
      "kong@3.4.1",
      "altinity-clickhouse-operator@0.27.3",
      "kube-prometheus-stack@88.5.3",
    ]);
    // ESO stopped serving v1beta1 in 0.17: only v1 is pinned for its kinds.
    expect(addonDefining("external-secrets.io", "ExternalSecret")?.crd.served).toEqual(["v1"]);
    expect(addonDefining("example.com", "Widget")).toBeUndefined();
  });

  it("compare Kubernetes minor versions as numbers", () => {
    expect(kubernetesMinor("1.35")).toBe(35);
    expect(kubernetesMinor("1.9")).toBe(9);
    expect(kubernetesMinor("v1.35")).toBeUndefined();
    expect(supportsKubernetes(CERT_MANAGER, "1.33")).toBe(true);
    expect(supportsKubernetes(CERT_MANAGER, "1.32")).toBe(false);
    expect(supportsKubernetes(KONG, "1.36")).toBe(false);
    expect(supportsKubernetes(EXTERNAL_SECRETS, "1.36")).toBe(true);
  });

  it("warn about a pin past its announced end of support on the day the pins were checked, and only then", () => {
    expect(supportWarnings()).toEqual([]);
    const expired = { ...KONG, support: { until: "2026-01-31", rule: "KIC 3.1 until 2026-01-31" } };
    expect(supportWarnings([CERT_MANAGER, expired], "2026-11-26")).toEqual([
      "kong 3.4.1 (kong/kong-gateway 3.14 (LTS), Kong Ingress Controller 3.5) was out of support on 2026-01-31, before the pins were checked on 2026-11-26: KIC 3.1 until 2026-01-31",
    ]);
    expect(supportWarnings([expired], "2026-01-31")).toEqual([]);
  });
});

describe("the addons rule", () => {
  it("rejects a cluster version a pinned add-on does not support, naming the add-on and its range", () => {
    const c = editCatalog((x) => {
      x.clusters["asia-k8s-prod"]!.kubernetesVersion = "1.36";
      x.clusters["us-k8s-dev"]!.kubernetesVersion = "1.32";
    });
    expect(lines(errorsOf(c))).toEqual([
      "[addons] clusters.asia-k8s-prod.kubernetesVersion: Kubernetes 1.36 is not supported by kong 3.4.1, which supports 1.30 to 1.35 (Kong/charts CI matrix at kong-3.4.1 (Kubernetes 1.30 to 1.35)). Fix: run the cluster at a version every add-on supports, or pin a release of kong that supports 1.36",
      "[addons] clusters.us-k8s-dev.kubernetesVersion: Kubernetes 1.32 is not supported by cert-manager v1.21.1, which supports 1.33 to 1.36 (cert-manager.io/docs/releases (1.21: Kubernetes 1.33 to 1.36)). Fix: run the cluster at a version every add-on supports, or pin a release of cert-manager that supports 1.32",
      "[addons] clusters.us-k8s-dev.kubernetesVersion: Kubernetes 1.32 is not supported by external-secrets 2.11.0, which supports 1.35 to 1.36 (external-secrets.io stability-support table (2.8: 1.35-1.36; 2.9: 1.36)). Fix: run the cluster at a version every add-on supports, or pin a release of external-secrets that supports 1.32",
    ]);
  });

  it("rejects a version that is not a Kubernetes minor", () => {
    const c = editCatalog((x) => {
      x.clusters["eu-k8s-prod"]!.kubernetesVersion = "v1.35.2";
    });
    expect(lines(errorsOf(c))).toEqual([
      '[addons] clusters.eu-k8s-prod.kubernetesVersion: "v1.35.2" is not a Kubernetes minor version. Fix: write it like "1.35"',
    ]);
  });
});
