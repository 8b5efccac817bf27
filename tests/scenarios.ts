/**
 * The program runs the test files make with changed inputs (a catalog edit, edited stack files,
 * other outputs read), defined once here: the recorders (tests/record-runs.ts) make them on plain
 * Node while the test files start, and a test file's own run of the same inputs is read back from
 * the run cache (harness/run-cache.ts) instead of loading the Pulumi SDK under jest. A test that
 * changes its inputs away from these still runs them itself: slower, never wrong.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { catalog as builtin } from "../config";
import type { Catalog } from "../config/types";
import { PROJECT_ROOT, stackFilePath } from "../lib/project";
import type { RunOptions } from "../harness/programs";
import { harnessStackName } from "../harness/run";
import { stacksReadBy } from "../planner/deploy-order";
import { STACKS } from "./helpers/stacks";

/** Recorded outputs of a stack of the built-in catalog (as deployed). */
export type Recorded = (stack: string) => Record<string, unknown>;

export interface Scenario {
  /** The stack run (the stacks it reads run first, unless `reads` gives their outputs). */
  stack: string;
  /** The catalog, when not the built-in one. */
  catalog?: () => Catalog;
  /** Config overrides of this stack. */
  config?: Record<string, unknown>;
  /** Stack files edited or added (from the project's text, or undefined for a new one), by stack. */
  stackFiles?: Record<string, (text: string | undefined) => string>;
  /**
   * The outputs it reads, from the built-in stacks' recordings: "deployed" for those of the stacks
   * it reads as they are (it alone is deployed again), or made from them.
   */
  reads?: "deployed" | ((recorded: Recorded) => Record<string, Record<string, unknown>>);
}

const edit = (mutate: (c: Catalog) => void) => () => {
  const c = structuredClone<Catalog>(builtin);
  mutate(c);
  return c;
};

/** Region apac: a new region with one production environment on asia's cluster. */
export function addApac(c: Catalog): void {
  c.regions["apac"] = {
    domain: "example.com.au",
    residency: "APAC",
    disasterRecoveryRegion: "ap-southeast-4",
    zone: { owner: "apac-prod", plan: "pro" },
  };
  c.environments["apac-prod"] = {
    region: "apac",
    cluster: "asia-k8s-prod",
    tier: "production",
    role: "regional",
    replicas: 3,
    dbPool: 50,
  };
}

/** A Vault CA as a stack file holds it (a literal block). */
export const VAULT_CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIBstandin\n-----END CERTIFICATE-----\n";
export const withVaultCa =
  (caFile: boolean) =>
  (text: string | undefined): string =>
    `${text}  ecommerce-platform:vaultCaBundle: |\n${VAULT_CA_PEM.trim()
      .split("\n")
      .map((l) => `    ${l}`)
      .join("\n")}\n${caFile ? "  vault:caCertFile: /etc/ssl/vault-ca.pem\n" : ""}`;

export const SCENARIOS = {
  /** urn-stability: an entry added, copied from pdf-service. */
  "add-gift-card": {
    stack: "us-prod",
    catalog: edit((c) => {
      c.entries["gift-card-service"] = {
        ...c.entries["pdf-service"]!,
        description: "Gift cards",
        needs: ["redis-cache", "auth-service"],
      };
    }),
    reads: "deployed",
  },
  /** urn-stability: an entry removed. */
  "remove-reporting": {
    stack: "us-prod",
    catalog: edit((c) => {
      delete c.entries["reporting-service"];
    }),
    reads: "deployed",
  },
  /** urn-stability: the entries in reverse order. */
  "reorder-entries": {
    stack: "us-prod",
    catalog: edit((c) => {
      c.entries = Object.fromEntries(Object.entries(c.entries).reverse());
    }),
    reads: "deployed",
  },
  /** urn-stability: a new store and its consumer. */
  "add-store-and-consumer": {
    stack: "us-dev",
    catalog: edit((c) => {
      c.entries["postgres-reviews"] = {
        ...c.entries["postgres-auth"]!,
        description: "PostgreSQL for reviews",
        owner: "team-catalog",
        provides: [{ env: "REVIEW_DATABASE_URL", ref: "secret://postgres-reviews/url" }],
      };
      c.entries["review-service"] = {
        ...c.entries["pdf-service"]!,
        description: "Reviews",
        port: 8103,
        needs: ["postgres-reviews", "redis-cache"],
      };
    }),
    reads: "deployed",
  },
  /** central-monitoring: platform-shared exports another ingest host. */
  "ingest-elsewhere": {
    stack: "eu-prod",
    reads: (recorded) => {
      const outputs = JSON.parse(JSON.stringify(recorded("platform-shared"))) as {
        platform: { telemetry: { ingest: { url: string } } };
      };
      outputs.platform.telemetry.ingest.url = "https://ingest.elsewhere.example.net";
      // No other stack is read: eu-prod owns its cluster.
      return { [harnessStackName("platform-shared")]: outputs };
    },
  },
  /** stack-settings: a secure kubeconfig in us-dev's stack file. */
  "secure-kubeconfig": {
    stack: "us-dev",
    stackFiles: {
      "us-dev": (t) => `${t}  ecommerce-platform:kubeconfig:\n    secure: v1:AAAABBBBCCCC\n`,
    },
  },
  /** typical-changes: `plan apac-prod` with region apac and its stack file. */
  apac: {
    stack: "apac-prod",
    catalog: edit(addApac),
    stackFiles: {
      // From the template, with the region's AWS region.
      "apac-prod": () =>
        fs
          .readFileSync(path.join(PROJECT_ROOT, "config/stack-settings.template.yaml"), "utf8")
          .replace("aws:region: us-east-1", "aws:region: ap-southeast-1"),
    },
  },
  /** plan-cli: us-staging's Vault at an address of its own. */
  "vault-address": {
    stack: "platform-shared",
    stackFiles: {
      "us-staging": (t) =>
        t!.replace(/vaultAddress: \S+/, "vaultAddress: https://vault-staging.platform.internal:8200"),
    },
  },
  /** plan-cli: us-dev's Vault behind a private CA. */
  "vault-ca": { stack: "us-dev", stackFiles: { "us-dev": withVaultCa(true) } },
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;

/**
 * Writes the project's stack files, with a scenario's edits, to a new folder (in the recordings'
 * folder, which the global teardown removes, when there is one).
 */
export function stackFilesDir(files: Scenario["stackFiles"] = {}): string {
  const dir = fs.mkdtempSync(path.join(process.env.RECORDED_RUNS_DIR ?? os.tmpdir(), "scenario-"));
  for (const s of new Set([...STACKS, ...Object.keys(files)])) {
    const file = stackFilePath(s, PROJECT_ROOT);
    const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    fs.writeFileSync(stackFilePath(s, dir), files[s] ? files[s](text) : text!);
  }
  return dir;
}

/** A scenario's run options (its stack files written to a new folder). */
export function scenarioOptions(name: ScenarioName, recorded: Recorded): RunOptions {
  const s: Scenario = SCENARIOS[name];
  return {
    ...(s.catalog ? { catalog: s.catalog() } : {}),
    ...(s.config ? { config: s.config } : {}),
    ...(s.stackFiles ? { stacksDir: stackFilesDir(s.stackFiles) } : {}),
    ...(s.reads === "deployed"
      ? {
          stackReferences: Object.fromEntries(
            stacksReadBy(builtin, s.stack).map((r) => [harnessStackName(r), recorded(r)]),
          ),
        }
      : s.reads
        ? { stackReferences: s.reads(recorded) }
        : {}),
  };
}
