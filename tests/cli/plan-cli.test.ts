/** The offline `plan` command: exit codes, what it prints and what it writes. */
import * as fs from "node:fs";
import * as path from "node:path";
import { catalog } from "../../config";
import { PROJECT_ROOT } from "../../lib/project";
import { planFigures, RULES } from "../../planner";
import { STACKS } from "../helpers/catalog";
import { scenarioReady, type Obj } from "../helpers/runs";
import { VAULT_CA_PEM, withVaultCa } from "../scenarios";
import { parse, parseAllDocuments } from "yaml";
import { parseArgs, reportFailure } from "../../cli/plan";
import { kubernetesObjects } from "../../harness/manifests";
import { podTemplatesOf } from "../../harness/pod-security";
import { plan, planRecorded, tempDir, type CliResult } from "../helpers/cli";

describe("npm run plan -- <stack>", () => {
  const out = tempDir();
  let r: CliResult;
  beforeAll(async () => {
    r = await plan("us-prod", "--out", out);
  });

  it("exits 0 and prints numbers computed from the plan", () => {
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const p = r.run.plans[0]!;
    const f = planFigures(p);
    expect(r.stdout).toContain(`workloads       ${f.workloads} (`);
    expect(r.stdout).toContain(`${f.pods} pods at 5 replicas`);
    expect(r.stdout).toContain(`data stores     ${f.dataStores} (`);
    expect(r.stdout).toContain(
      `public hosts    ${f.publicHosts}; DNS records ${f.dnsRecords} in example.com`,
    );
    expect(r.stdout).toContain("https://api.example.com  [letsencrypt, rate limited]");
    expect(r.stdout).toContain("https://admin.example.com  [custom admin-tls-cert]");
    expect(r.stdout).toMatch(
      /order-service → event-bus, inventory-service, notification-service, payment-service, postgres-orders, redis-cache/,
    );
    expect(r.stdout).toContain(`Checks (${RULES.length} rules, 0 errors, 0 warnings):`);
    expect(r.stdout).toContain(
      `✓ no dependency cycles (58 entries, ${r.run.report!.checks.find((c) => c.rule === "needs-acyclic")!.checked.split(", ")[1]})`,
    );
    expect(r.stdout).toContain(
      "note: secret ecommerce-platform:kubeconfig is not set yet for us-prod: pulumi config set --secret kubeconfig < file --stack <stack>",
    );
    expect(r.stdout).toMatch(
      new RegExp(`Planned 1 stack \\(${r.run.runs[0]!.resources.length} resources\\) in \\d+ ms\\.`),
    );
  });

  it("writes summary.md and graph.mmd for the stack", () => {
    const md = fs.readFileSync(path.join(out, "us-prod", "summary.md"), "utf8");
    const p = r.run.plans[0]!;
    expect(md).toContain("### Plan for `us-prod`");
    expect(md).toContain(`| workloads | ${p.workloads.length} |`);
    for (const h of p.publicHosts) expect(md).toContain(`| ${h.entry} | ${h.url} |`);
    for (const w of p.workloads) expect(md).toContain(`| ${w.name} | ${w.kind} |`);
    const run = r.run.runs[0]!;
    expect(md).toContain(`#### Resources the stack registers (${run.resources.length})`);
    expect(md).toContain(
      `| \`kubernetes:apps/v1:Deployment\` | ${run.ofType("kubernetes:apps/v1:Deployment").length} |`,
    );
    // us-prod owns the example.com zone: its records, and every rule with the hosts it covers.
    const cf = p.cloudflare!;
    expect(md).toContain("#### Cloudflare (zone `example.com`)");
    for (const rec of cf.records) expect(md).toContain(`\`${rec.name}\``);
    expect(md).toContain(
      `| rate limit: ${cf.owner!.rateLimit.requestsPerMinute} requests a minute per client | ${cf.owner!.rateLimit.hosts.join(", ")} |`,
    );
    expect(md).toContain(
      `| advanced edge certificate (beyond Universal SSL) | *.dev.example.com, *.staging.example.com |`,
    );
    const mmd = fs.readFileSync(path.join(out, "us-prod", "graph.mmd"), "utf8");
    expect(mmd.startsWith("flowchart LR\n")).toBe(true);
    const arrows = mmd.split("\n").filter((l) => / -(->|\.->) /.test(l));
    expect(arrows).toHaveLength(p.edges.length);
    expect(mmd).toContain("order_service --> payment_service");
    expect(mmd).toContain("data_sync_worker -.-> event_bus_eu_prod");
  });
});

// One run of every stack, shared by the tests that read what a stack's plan prints and writes.
const allOut = tempDir();
let all: CliResult;
beforeAll(async () => {
  all = await plan("--all", "--out", allOut);
});

describe("npm run plan: what the program registers", () => {
  const out = allOut;
  const euProd = () => all.run.runs[all.run.plans.findIndex((p) => p.environment === "eu-prod")]!;

  it("prints resource counts by type, and the schema and Pod Security checks", () => {
    const r = all;
    const run = euProd();
    expect(r.code).toBe(0);
    const deployments = run.ofType("kubernetes:apps/v1:Deployment").length;
    expect(r.stdout).toMatch(new RegExp(`\\n\\s+${deployments}  kubernetes:apps/v1:Deployment\\n`));
    expect(r.stdout).toContain(`resources       ${run.resources.length} (`);
    expect(r.stdout).toMatch(
      /✓ Kubernetes objects valid against their OpenAPI and CRD schemas \(\d+ objects\)/,
    );
    const allDeployments = r.run.runs.reduce(
      (n, x) => n + x.ofType("kubernetes:apps/v1:Deployment").length,
      0,
    );
    const templates = r.run.runs.reduce(
      (n, x) => n + kubernetesObjects(x).flatMap((o) => podTemplatesOf(o)).length,
      0,
    );
    expect(templates).toBeGreaterThan(allDeployments);
    expect(r.stdout).toContain(
      `✓ Pod templates pass Pod Security "restricted", Deployments the workload hygiene rules (${templates} pod templates, ${allDeployments} Deployments)`,
    );
  });

  it("writes every Kubernetes object as YAML, the Helm charts, and resources.json with secrets redacted", () => {
    const run = euProd();
    const text = fs.readFileSync(path.join(out, "eu-prod", "manifests.yaml"), "utf8");
    const docs = parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>);
    const names = [...text.matchAll(/^---\n# (.+)$/gm)].map((m) => m[1]!);
    const k8sObjects = run.resources.filter(
      (x) => x.type.startsWith("kubernetes:") && x.custom && !x.read && !x.type.includes("helm.sh"),
    );
    // Every object once, each after the name renderYamlToDirectory gives its file, in that order.
    expect(docs).toHaveLength(k8sObjects.length);
    expect(names).toHaveLength(k8sObjects.length);
    expect(names).toEqual([...names].sort());
    expect(new Set(docs)).toEqual(new Set(k8sObjects.map((x) => x.inputs)));
    expect(names).toContain("apps_v1-deployment-eu-prod-order-service.yaml");
    expect(names).toContain("external-secrets.io_v1-clustersecretstore-vault-eu-staging.yaml");
    expect(docs[names.indexOf("apps_v1-deployment-eu-prod-order-service.yaml")]).toEqual(
      run.byKey.get("kubernetes:apps/v1:Deployment::order-service-deployment")!.inputs,
    );
    const charts = parseAllDocuments(fs.readFileSync(path.join(out, "eu-prod", "charts.yaml"), "utf8")).map(
      (d) => d.toJS() as { name: string; chart: string; version: string },
    );
    expect(charts.map((c) => `${c.chart}@${c.version}`).sort()).toEqual(
      run
        .ofType("kubernetes:helm.sh/v4:Chart")
        .map((c) => `${String(c.inputs.chart)}@${String(c.inputs.version)}`)
        .sort(),
    );
    expect(charts.map((c) => c.name).sort()).toEqual([
      "altinity-clickhouse-operator",
      "cert-manager",
      "cloudwatch-exporter",
      "external-secrets",
      "kong",
      "kube-prometheus-stack",
      "otel-collector",
    ]);
    const resources = JSON.parse(fs.readFileSync(path.join(out, "eu-prod", "resources.json"), "utf8"));
    expect(resources.map((x: { urn: string }) => x.urn)).toEqual(run.resources.map((x) => x.urn));
    const provider = resources.find((x: { type: string }) => x.type === "pulumi:providers:kubernetes");
    expect(provider.inputs.kubeconfig).toBe("[secret]");
    expect(fs.readFileSync(path.join(out, "eu-prod", "resources.json"), "utf8")).not.toContain("<secret ");
    const ns = resources.find((x: { name: string }) => x.name === "eu-prod-namespace");
    expect(ns.options).toMatchObject({ protect: true, retainOnDelete: true });
  });
});

describe("npm run plan -- --all", () => {
  const out = allOut;
  let r: CliResult;
  beforeAll(() => {
    r = all;
  });

  it("plans all 7 stacks, writes each one's reports and a table of all", () => {
    expect(r.stdout).toContain("✓ outputs follow the contract, schema version 1 (7 stacks)");
    expect(r.code).toBe(0);
    expect(r.run.plans.map((p) => p.environment)).toEqual(STACKS);
    expect(fs.readdirSync(out).sort()).toEqual(STACKS);
    for (const s of STACKS)
      expect(fs.readdirSync(path.join(out, s)).sort()).toEqual([
        ...(["us-prod", "us-staging", "eu-staging"].includes(s) ? [] : ["charts.yaml"]),
        "graph.mmd",
        "manifests.yaml",
        "outputs.json",
        "provenance.json",
        "resources.json",
        "summary.md",
      ]);
    expect(r.stdout).toMatch(
      /✓ Kubernetes objects valid against their OpenAPI and CRD schemas \(\d+ objects\)/,
    );
    for (const p of r.run.plans) {
      const pods = p.workloads.reduce((n, w) => n + w.replicas, 0);
      expect(r.stdout).toMatch(
        new RegExp(
          `\\n  ${p.environment}\\s+${p.workloads.length}\\s+${pods}\\s+${p.dataStores.length}\\s+${p.publicHosts.length}\\s+${p.edges.length}\\n`,
        ),
      );
    }
    expect(r.stdout).toContain(
      `Planned 7 stacks (${r.run.runs.reduce((n, x) => n + x.resources.length, 0)} resources) in`,
    );
  });

  it("summary.md shows the monitoring each stack owns: central services, cluster telemetry, store alerts", () => {
    const md = (s: string) => fs.readFileSync(path.join(out, s, "summary.md"), "utf8");
    const central = r.run.plans.find((p) => p.environment === "platform-shared")!.central!;
    expect(md("platform-shared")).toContain("#### Central monitoring");
    expect(md("platform-shared")).toContain(`Ingest host ${central.ingest.url}`);
    for (const t of central.alerting.teams)
      expect(md("platform-shared")).toContain(`| ${t.team} | \`${t.pagerduty.key}#`);
    for (const p of r.run.plans) {
      expect([p.environment, md(p.environment).includes("#### Cluster telemetry")]).toEqual([
        p.environment,
        p.telemetry !== undefined,
      ]);
      expect([p.environment, md(p.environment).includes("#### Central monitoring")]).toEqual([
        p.environment,
        p.central !== undefined,
      ]);
      for (const st of p.monitoring!.stores)
        expect(md(p.environment)).toContain(`| ${st.store} | ${st.team} | ${st.alerts[0]!.alert} (`);
    }
  });

  it("the README's table of stacks says what it computes", () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    for (const [i, p] of r.run.plans.entries()) {
      const run = r.run.runs[i]!;
      const row = readme.split("\n").find((l) => l.startsWith(`| ${p.environment} |`));
      const cells = row!
        .split("|")
        .slice(2, -1)
        .map((c) => c.trim());
      const k8s = run.resources.filter(
        (x) => x.type.startsWith("kubernetes:") && x.custom && !x.read && !x.type.includes("helm.sh"),
      ).length;
      expect([p.environment, ...cells.map((c) => Number(c.split(" ")[0]))]).toEqual([
        p.environment,
        p.workloads.length,
        p.workloads.reduce((n, w) => n + w.replicas, 0),
        p.dataStores.length,
        p.publicHosts.length,
        p.edges.length,
        run.resources.length,
        k8s,
      ]);
    }
  });
});

describe("--print-catalog and --catalog", () => {
  it("print the catalog as JSON; planning it again gives byte-identical reports", async () => {
    const printed = await plan("--print-catalog");
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual(JSON.parse(JSON.stringify(catalog)));
    const dir = tempDir();
    const file = path.join(dir, "catalog.json");
    fs.writeFileSync(file, printed.stdout);
    const b = await plan("eu-prod", "--catalog", file, "--out", path.join(dir, "b"));
    expect([all.code, b.code]).toEqual([0, 0]);
    expect(JSON.stringify(b.run.plans)).toBe(
      JSON.stringify(all.run.plans.filter((p) => p.environment === "eu-prod")),
    );
    for (const f of ["summary.md", "graph.mmd", "resources.json"]) {
      expect(fs.readFileSync(path.join(dir, "b", "eu-prod", f), "utf8")).toBe(
        fs.readFileSync(path.join(allOut, "eu-prod", f), "utf8"),
      );
    }
  });

  it("a broken catalog file exits 1 with every problem on stderr and writes nothing", async () => {
    const dir = tempDir();
    const broken = JSON.parse(JSON.stringify(catalog));
    broken.entries["auth-service"].needs = ["postgres-auht", "redis-sessions", "vault-service"];
    broken.entries["pdf-service"].needs = ["redis-cache", "pdf-service"];
    broken.entries["web-app"].tls = undefined;
    broken.entries["cdn-service"].needs = ["s3-storage", "product-service"];
    const file = path.join(dir, "broken.json");
    fs.writeFileSync(file, JSON.stringify(broken));
    const r = await plan("--all", "--catalog", file, "--out", path.join(dir, "out"));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")[0]).toBe("Invalid catalog: 4 problems (nothing was planned)");
    expect(r.stderr).toContain(
      '✗ [needs-known] entries.auth-service.needs: "postgres-auht" is not an entry. Fix: did you mean "postgres-auth"?',
    );
    expect(r.stderr).toContain('✗ [needs-self] entries.pdf-service.needs: "pdf-service" depends on itself.');
    expect(r.stderr).toContain("✗ [tls] entries.web-app.tls: a public host has no TLS policy.");
    expect(r.stderr).toContain(
      "✗ [needs-acyclic] entries.cdn-service.needs: dependency cycle cdn-service -> product-service -> image-service -> cdn-service.",
    );
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("a file that is not JSON exits 1", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "c.json"), "{ not json");
    const r = await plan("us-prod", "--catalog", path.join(dir, "c.json"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not valid JSON/);
  });
});

describe("stack settings", () => {
  const withStacks = (edit: (dir: string) => void) => {
    const dir = tempDir();
    for (const s of STACKS)
      fs.copyFileSync(path.join(PROJECT_ROOT, `Pulumi.${s}.yaml`), path.join(dir, `Pulumi.${s}.yaml`));
    edit(dir);
    return dir;
  };

  it("invalid values in a stack file exit 1, naming the file and key", async () => {
    const dir = withStacks((d) => {
      const f = path.join(d, "Pulumi.eu-prod.yaml");
      fs.writeFileSync(
        f,
        fs
          .readFileSync(f, "utf8")
          .replace("vaultCidr: 10.0.8.0/24", "vaultCidr: 10.0.8.0/33")
          .replace("aws:region: eu-west-1", "aws:region: us-east-1"),
      );
    });
    const r = await plan("eu-prod", "--stacks-dir", dir, "--out", path.join(dir, "out"));
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")).toEqual([
      "Invalid stack settings: 3 problems (nothing was planned)",
      '✗ Pulumi.eu-prod.yaml: ecommerce-platform:vaultCidr must be an IPv4 CIDR such as 10.0.8.0/24 (got "10.0.8.0/33")',
      "✗ Pulumi.eu-prod.yaml: aws:region is us-east-1, outside region eu's data residency EU",
      "✗ Pulumi.eu-prod.yaml: aws:region is us-east-1, but cluster eu-k8s-prod runs in zones eu-west-1a, eu-west-1b, eu-west-1c",
    ]);
  });

  it("an unknown key in a stack file exits 1, with the nearest known key (the project's and the providers')", async () => {
    const dir = withStacks((d) =>
      fs.appendFileSync(
        path.join(d, "Pulumi.us-dev.yaml"),
        "  ecommerce-platform:vpcid: vpc-0123456789abcdef0\n  aws:regoin: us-east-1\n  awss:profile: dev\n  vault:adress: https://x\n",
      ),
    );
    const r = await plan("us-dev", "--stacks-dir", dir, "--out", path.join(dir, "out"));
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("✗"))).toEqual([
      '✗ Pulumi.us-dev.yaml: aws:regoin is not a configuration key of the aws provider: did you mean "aws:region"?',
      '✗ Pulumi.us-dev.yaml: awss:profile is in namespace "awss", which neither this project nor its providers read: did you mean "aws:profile"?',
      '✗ Pulumi.us-dev.yaml: ecommerce-platform:vpcid is not a setting of this project: did you mean "ecommerce-platform:vpcId"?',
      '✗ Pulumi.us-dev.yaml: vault:adress is not a configuration key of the vault provider: did you mean "vault:address"?',
    ]);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("ranges that would open the stores to the world, and production data subnets shared with non-production", async () => {
    const dir = withStacks((d) => {
      const f = (s: string) => path.join(d, `Pulumi.${s}.yaml`);
      fs.writeFileSync(
        f("us-dev"),
        fs.readFileSync(f("us-dev"), "utf8").replace("vaultCidr: 10.0.8.0/24", "vaultCidr: 0.0.0.0/0"),
      );
      const prod = parse(fs.readFileSync(f("us-prod"), "utf8")) as { config: Record<string, string[]> };
      const first = prod.config["ecommerce-platform:dataSubnetCidrs"]![0]!;
      fs.writeFileSync(
        f("us-staging"),
        fs
          .readFileSync(f("us-staging"), "utf8")
          .replace(/dataSubnetCidrs:\n {4}- [0-9./]+/, `dataSubnetCidrs:\n    - ${first}`),
      );
    });
    const r = await plan("us-dev", "us-staging", "--stacks-dir", dir, "--out", path.join(dir, "out"));
    expect(r.code).toBe(1);
    const lines = r.stderr.split("\n");
    expect(lines).toContain(
      "✗ Pulumi.us-dev.yaml: ecommerce-platform:vaultCidr 0.0.0.0/0 is not a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16): it would open the stores and Vault to every address in it",
    );
    expect(
      lines.some((l) =>
        /^✗ Pulumi\.us-staging\.yaml: ecommerce-platform:dataSubnetCidrs \S+ overlaps \S+, a data subnet of us-prod \(production\)/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("the cluster owner's ClusterSecretStore of each environment uses that environment's own Vault address", async () => {
    // us-staging's vaultAddress is https://vault-staging.platform.internal:8200.
    const dir = (await scenarioReady("vault-address")).stacksDir!;
    const r = await planRecorded("platform-shared", "--stacks-dir", dir, "--out", path.join(dir, "out"));
    expect(r.code).toBe(0);
    const stores = kubernetesObjects(r.run.runs[0]!).filter((o) => o.kind === "ClusterSecretStore") as Obj[];
    const server = (env: string) =>
      stores.find((s) => s.metadata.name === `vault-${env}`)!.spec.provider.vault.server;
    expect(server("us-staging")).toBe("https://vault-staging.platform.internal:8200");
    expect(server("platform-shared")).not.toBe(server("us-staging"));
  });

  it("a Vault behind a private CA: its CA in every store, and the provider's CA file demanded", async () => {
    // us-dev's stack file with vaultCaBundle, with and without vault:caCertFile.
    const withCa = (caFile: boolean) =>
      withStacks((d) => fs.appendFileSync(path.join(d, "Pulumi.us-dev.yaml"), withVaultCa(caFile)("")));
    const missing = await plan("us-dev", "--stacks-dir", withCa(false), "--out", path.join(tempDir(), "out"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      "✗ Pulumi.us-dev.yaml: vault:caCertFile is not set, but vaultCaBundle is: the Vault provider needs the CA too (pulumi config set vault:caCertFile /path/to/vault-ca.pem)",
    );
    const dir = (await scenarioReady("vault-ca")).stacksDir!;
    expect(fs.readFileSync(path.join(dir, "Pulumi.us-dev.yaml"), "utf8")).toContain(withVaultCa(true)(""));
    const r = await planRecorded("us-dev", "--stacks-dir", dir, "--out", path.join(dir, "out"));
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const stores = kubernetesObjects(r.run.runs[0]!).filter((o) => /SecretStore$/.test(o.kind)) as Obj[];
    expect(stores.length).toBeGreaterThan(1);
    for (const st of stores)
      expect(Buffer.from(st.spec.provider.vault.caBundle as string, "base64").toString()).toBe(VAULT_CA_PEM);
  });

  it("a plain-text secret in a stack file exits 1", async () => {
    const dir = withStacks((d) =>
      fs.appendFileSync(
        path.join(d, "Pulumi.us-dev.yaml"),
        "  ecommerce-platform:kubeconfig: apiVersion-v1-plaintext\n",
      ),
    );
    const r = await plan("us-dev", "--stacks-dir", dir, "--out", path.join(dir, "out"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "ecommerce-platform:kubeconfig is a secret but is stored in plain text: use pulumi config set --secret",
    );
  });

  it("a stack file with no environment, or an environment with no stack file, is an invalid catalog", async () => {
    const dir = withStacks((d) =>
      fs.renameSync(path.join(d, "Pulumi.asia-prod.yaml"), path.join(d, "Pulumi.asia-prd.yaml")),
    );
    const r = await plan("us-prod", "--stacks-dir", dir, "--out", path.join(dir, "out"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "✗ [stack-files] Pulumi.asia-prd.yaml: matches no environment. Fix: rename it to Pulumi.asia-prod.yaml?",
    );
    expect(r.stderr).toContain(
      "✗ [stack-files] environments.asia-prod: has no stack settings file Pulumi.asia-prod.yaml.",
    );
  });
});

describe("usage", () => {
  it.each([
    [[], "name a stack, or --all"],
    [["--all", "us-prod"], "give either stack names or --all, not both"],
    [["--bogus"], "unknown option --bogus"],
    [["--out"], "--out needs a value"],
    [
      ["--print-catalog", "us-prod"],
      "--print-catalog prints to standard output and takes no stack, no --catalog and no --out: npm run plan -- --print-catalog > catalog.json",
    ],
    [
      ["--print-catalog", "--out", "x"],
      "--print-catalog prints to standard output and takes no stack, no --catalog and no --out: npm run plan -- --print-catalog > catalog.json",
    ],
    [["us-prod", "eu-prod", "us-prod"], "stack us-prod named twice: name each stack once"],
    [
      ["us-prd"],
      'unknown stack "us-prd": the stacks are asia-prod, eu-prod, eu-staging, platform-shared, us-dev, us-prod, us-staging',
    ],
  ])("%j exits 2: %s", async (argv, message) => {
    const r = await plan(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(`✗ ${message}`);
    expect(r.stderr).toContain("Usage:");
  });

  it("npm run plan --all (without --) says where --all belongs", () => {
    expect(() => parseArgs([], { npm_config_all: "true" })).toThrow(
      "npm took --all for itself: put it after --, as in npm run plan -- --all",
    );
    expect(() => parseArgs([], { npm_config_print_catalog: "true" })).toThrow(
      "npm took --print-catalog for itself: put it after --, as in npm run plan -- --print-catalog",
    );
  });

  it.each([
    [
      "a file",
      (d: string) => fs.writeFileSync(path.join(d, "f"), ""),
      (d: string) => path.join(d, "f"),
      "is a file: name a folder",
    ],
    [
      "a path under a file",
      (d: string) => fs.writeFileSync(path.join(d, "f"), ""),
      (d: string) => path.join(d, "f", "out"),
      "lies under the file",
    ],
    ["a place nothing can be written", () => undefined, () => "/proc/plan-out", "cannot be written"],
  ])("--out naming %s fails at once, before planning", async (_what, setup, out, message) => {
    const d = tempDir();
    setup(d);
    const r = await plan("us-dev", "--out", out(d));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain("(nothing was planned)");
    expect(r.run.runs).toEqual([]);
  });

  it("--help exits 0", async () => {
    const r = await plan("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage:/);
  });
});

describe("unexpected failures", () => {
  it("print a message and exit 1, with the trace only when PLAN_DEBUG asks for it", () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (s: string) => err.push(s) };
    expect(reportFailure(new Error("EACCES: permission denied, mkdir '/x'"), io, false)).toBe(1);
    expect(err).toEqual(["✗ plan failed: EACCES: permission denied, mkdir '/x'"]);
    err.length = 0;
    reportFailure(new Error("boom"), io, true);
    expect(err[0]).toBe("✗ plan failed: boom");
    expect(err[1]).toMatch(/^Error: boom\n\s+at /);
  });
});
