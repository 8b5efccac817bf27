/** Stack settings files, the commented template and Pulumi.yaml agree with the program's keys. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import * as os from "node:os";
import { SECRET_PLACEHOLDER } from "../../harness/run";
import { runProgram } from "../../harness/programs";
import { peerDataSubnets, readStackConfig, zoneOwnerSettings } from "../../lib/stack-config";
import { catalog } from "../../config";
import { listStackFiles, PROJECT_ROOT, stackFilePath } from "../../lib/project";
import { parseStackSettings, PROJECT_NAMESPACE, STACK_CONFIG_KEYS } from "../../planner";
import { checkSettingsAgainstCatalog, peerEnvironments } from "../../planner/settings-check";
import { STACKS } from "../helpers/catalog";
import { scenarioReady } from "../helpers/runs";

describe("stack settings files", () => {
  it("exist for exactly the catalog's environments", () => {
    expect(listStackFiles()).toEqual(STACKS);
    expect(Object.keys(catalog.environments).sort()).toEqual(STACKS);
  });

  it.each(STACKS)("Pulumi.%s.yaml is valid, agrees with the catalog and holds no plain-text secret", (s) => {
    const file = readStackConfig(s);
    const { settings, partial, problems } = parseStackSettings(file.values);
    expect(problems).toEqual([]);
    expect(checkSettingsAgainstCatalog(partial, s, catalog)).toEqual([]);
    expect(settings!.awsRegion).toBe(
      catalog.clusters[catalog.environments[s]!.cluster]!.zones[0]!.slice(0, -1),
    );
    const known = new Set(STACK_CONFIG_KEYS.map((k) => k.key));
    for (const k of Object.keys(file.values)) expect([k, known.has(k)]).toEqual([k, true]);
    for (const k of STACK_CONFIG_KEYS.filter((k) => k.secret))
      expect(Object.keys(file.values)).not.toContain(k.key);
  });

  it("the template documents every key with a comment, and Pulumi.yaml declares every project key", () => {
    const template = fs.readFileSync(path.join(PROJECT_ROOT, "config/stack-settings.template.yaml"), "utf8");
    for (const k of STACK_CONFIG_KEYS) {
      const line = template.split("\n").findIndex((l) =>
        l
          .replace(/^\s*#\s*/, "")
          .trimStart()
          .startsWith(`${k.key}:`),
      );
      expect([k.key, line > 0 && template.split("\n")[line - 1]!.trim().startsWith("#")]).toEqual([
        k.key,
        true,
      ]);
    }
    const project = parse(fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), "utf8"));
    expect(project.name).toBe(PROJECT_NAMESPACE);
    expect(project.runtime).toEqual({ name: "nodejs", options: { typescript: true, packagemanager: "npm" } });
    // Pulumi.yaml declares the keys every stack needs (so `pulumi preview` demands them).
    const projectKeys = STACK_CONFIG_KEYS.filter(
      (k) => k.key.startsWith(`${PROJECT_NAMESPACE}:`) && !k.zoneOwnerOnly && !k.optional,
    );
    expect(new Set(Object.keys(project.config))).toEqual(
      new Set(projectKeys.map((k) => k.key.split(":")[1])),
    );
    for (const k of projectKeys)
      expect([k.key, project.config[k.key.split(":")[1]!].secret === true]).toEqual([k.key, k.secret]);
  });

  it("stacks with cross-environment needs read their peers' data subnets from the peers' own files", () => {
    expect(peerEnvironments("us-prod", catalog)).toEqual(["asia-prod", "eu-prod"]);
    expect(peerEnvironments("us-staging", catalog)).toEqual([]);
    const own = (s: string) => parseStackSettings(readStackConfig(s).values).settings!;
    const peer = (s: string) => ({
      awsRegion: own(s).awsRegion,
      awsAccountId: own(s).awsAccountId,
      clusterNodeCidrs: own(s).clusterNodeCidrs,
    });
    expect(peerDataSubnets("us-prod", catalog)).toEqual({
      cidrs: { "asia-prod": own("asia-prod").dataSubnetCidrs, "eu-prod": own("eu-prod").dataSubnetCidrs },
      peers: { "asia-prod": peer("asia-prod"), "eu-prod": peer("eu-prod") },
      problems: [],
    });
    expect(peerDataSubnets("us-staging", catalog)).toEqual({ cidrs: {}, peers: {}, problems: [] });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peers-"));
    fs.copyFileSync(path.join(PROJECT_ROOT, "Pulumi.eu-prod.yaml"), path.join(dir, "Pulumi.eu-prod.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.asia-prod.yaml"), "config:\n  aws:region: ap-southeast-1\n");
    expect(peerDataSubnets("eu-prod", catalog, dir).problems.map((p) => `${p.key} ${p.message}`)).toEqual([
      "Pulumi.asia-prod.yaml has no valid ecommerce-platform:dataSubnetCidrs, ecommerce-platform:clusterNodeCidrs, ecommerce-platform:awsAccountId, and eu-prod reaches asia-prod's data stores",
      "Pulumi.us-prod.yaml is missing, and eu-prod reaches us-prod's data stores (declared cross-environment needs)",
    ]);
  });

  it("only each region's zone owner sets the zone id; the region's other stacks read it from its file", () => {
    const key = `${PROJECT_NAMESPACE}:cloudflareZoneId`;
    for (const s of STACKS) {
      const owner = catalog.regions[catalog.environments[s]!.region]!.zone.owner;
      expect([s, key in readStackConfig(s).values]).toEqual([s, s === owner]);
      expect(zoneOwnerSettings(s, readStackConfig(s).values, catalog)).toEqual({
        values: s === owner ? {} : { cloudflareZoneId: readStackConfig(owner).values[key] },
        problems: [],
      });
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zone-"));
    const without = (s: string) =>
      fs.writeFileSync(
        path.join(dir, `Pulumi.${s}.yaml`),
        fs
          .readFileSync(path.join(PROJECT_ROOT, `Pulumi.${s}.yaml`), "utf8")
          .replace(/^.*cloudflareZoneId.*$/m, ""),
      );
    without("eu-prod");
    const problems = (s: string, values: Record<string, unknown>) =>
      zoneOwnerSettings(s, values, catalog, dir).problems.map((p) => `${p.key} ${p.message}`);
    expect(problems("eu-staging", { [key]: "7a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d" })).toEqual([
      `${key} belongs to the zone's owner: remove it here, eu-staging reads it from Pulumi.eu-prod.yaml`,
      "Pulumi.eu-prod.yaml has no valid ecommerce-platform:cloudflareZoneId, and eu-staging reads region eu's zone settings from it",
    ]);
    expect(problems("eu-prod", {})).toEqual([
      `${key} is not set: Cloudflare zone id of the region's domain (32 hex digits), in the zone owner's stack only (eu-prod owns region eu's zone)`,
    ]);
    expect(problems("asia-prod", { [key]: "5e7f9a1b3c5d7e9f0a2b4c6d8e0f1a3b" })).toEqual([]);
  });

  it("the template itself is a valid stack file", () => {
    const doc = parse(
      fs.readFileSync(path.join(PROJECT_ROOT, "config/stack-settings.template.yaml"), "utf8"),
    );
    expect(parseStackSettings(doc.config).problems).toEqual([]);
  });
});

describe("the harness and stack files with secure values", () => {
  it("replaces every secure value with a placeholder, passed to the program as a secret", async () => {
    // What `pulumi config set --secret kubeconfig …` writes (ciphertext the harness never reads).
    const options = await scenarioReady("secure-kubeconfig");
    expect(readStackConfig("us-dev", options.stacksDir).secureKeys).toEqual([
      "ecommerce-platform:kubeconfig",
    ]);
    expect(fs.readFileSync(stackFilePath("us-dev", options.stacksDir), "utf8")).toContain(
      "  ecommerce-platform:kubeconfig:\n    secure: v1:AAAABBBBCCCC\n",
    );
    const run = await runProgram("us-dev", options);
    const provider = run.ofType("pulumi:providers:kubernetes")[0]!;
    expect(provider.inputs.kubeconfig).toBe(
      SECRET_PLACEHOLDER("ecommerce-platform:kubeconfig", catalog.clusters["us-k8s-dev"]!.apiServer),
    );
    expect(provider.secretPaths).toEqual(["kubeconfig"]);
    expect(JSON.stringify(run.resources.map((r) => r.inputs))).not.toContain("AAAABBBBCCCC");
  });
});

describe("the providers' configuration keys", () => {
  it("are exactly those the installed provider packages declare", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const { PROVIDER_CONFIG_KEYS } = await import("../../planner/settings-keys");
    const pkg = (p: string, f: string) =>
      fs.readFileSync(path.join(__dirname, "../../node_modules/@pulumi", p, f), "utf8");
    const declared = (p: string) =>
      [...pkg(p, "config/vars.d.ts").matchAll(/export declare const (\w+)/g)].map((m) => m[1]!);
    for (const p of ["aws", "vault", "cloudflare"])
      expect([p, new Set(PROVIDER_CONFIG_KEYS[p])]).toEqual([p, new Set(declared(p))]);
    const args = pkg("kubernetes", "provider.d.ts");
    const body = args.slice(args.indexOf("export interface ProviderArgs"));
    const k8s = [...body.slice(0, body.indexOf("\n}\n")).matchAll(/^\s+(?:readonly )?(\w+)\??:/gm)].map(
      (m) => m[1]!,
    );
    expect(new Set(PROVIDER_CONFIG_KEYS.kubernetes)).toEqual(new Set(k8s));
  });
});

describe("address ranges", () => {
  it("private only; node ranges may be in the shared space EKS custom networking uses", async () => {
    const { rangeProblems } = await import("../../planner/settings-check");
    expect(
      rangeProblems({
        clusterNodeCidrs: ["100.64.0.0/16"],
        dataSubnetCidrs: ["10.1.0.0/24"],
        vaultCidr: "10.0.8.0/24",
      }),
    ).toEqual([]);
    expect(rangeProblems({ dataSubnetCidrs: ["100.64.0.0/16"] }).map((p) => p.key)).toEqual([
      "ecommerce-platform:dataSubnetCidrs",
    ]);
    expect(rangeProblems({ vaultCidr: "0.0.0.0/0" })[0]!.message).toBe(
      "0.0.0.0/0 is not a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16): it would open the stores and Vault to every address in it",
    );
  });
});

describe("readStackConfig", () => {
  it("reads a file again when its text changes, and gives each caller its own values", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-config-"));
    const file = stackFilePath("us-dev", dir);
    fs.writeFileSync(file, "config:\n  ecommerce-platform:dataSubnetCidrs: [10.1.0.0/24]\n");
    const first = readStackConfig("us-dev", dir);
    expect(first.values).toEqual({ "ecommerce-platform:dataSubnetCidrs": ["10.1.0.0/24"] });
    (first.values["ecommerce-platform:dataSubnetCidrs"] as string[]).push("10.9.0.0/24");
    expect(readStackConfig("us-dev", dir).values).toEqual({
      "ecommerce-platform:dataSubnetCidrs": ["10.1.0.0/24"],
    });
    fs.writeFileSync(file, "config:\n  ecommerce-platform:dataSubnetCidrs: [10.2.0.0/24]\n");
    expect(readStackConfig("us-dev", dir).values).toEqual({
      "ecommerce-platform:dataSubnetCidrs": ["10.2.0.0/24"],
    });
  });
});
