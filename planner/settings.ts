/**
 * Stack settings: what belongs to one deployment rather than to the platform's design (AWS
 * region, network ranges, Vault address, Cloudflare zone, the cluster credentials). They live in
 * `Pulumi.<stack>.yaml`; every key is documented in `config/stack-settings.template.yaml`.
 *
 * Parsing is pure: the program feeds it `pulumi.Config` values, the offline `plan` the YAML file.
 */

export interface StackSettings {
  /** `aws:region` of the environment's account. */
  awsRegion: string;
  /** Vault API address (`https://…:8200`). */
  vaultAddress: string;
  /** Address range of the Vault cluster (egress allow-list). */
  vaultCidr: string;
  /** VPC of the environment's cluster and data stores. */
  vpcId: string;
  /** Private subnets holding the managed data stores (egress allow-list). */
  dataSubnetCidrs: string[];
  /** Cloudflare zone id of the region's domain: the zone owner stack's setting, read from its file. */
  cloudflareZoneId: string;
  /** The data subnets' ids: one per zone, in the cluster's zone order, matching `dataSubnetCidrs`. */
  dataSubnetIds: string[];
  /** Security group of the cluster's nodes: the only one the stores admit. */
  clusterSecurityGroupId: string;
  /** Name of the EKS cluster (for Pod Identity associations). */
  eksClusterName: string;
  /** AWS account of the environment (for ARNs and key policies, without a lookup). */
  awsAccountId: string;
  /** Address ranges of the cluster's nodes (and so its pods): what peers in other regions admit. */
  clusterNodeCidrs: string[];
  /**
   * The environments this one exchanges data with across regions (declared cross-environment
   * needs, either way): their region, account and node ranges. Not config keys: read from those
   * stacks' own settings files.
   */
  peers?: Record<string, PeerSettings>;
  /**
   * Data subnets of the other environments this one reaches (declared cross-environment needs):
   * environment → CIDRs. Not a config key: read from those stacks' own settings files.
   */
  peerDataSubnetCidrs?: Record<string, string[]>;
  /**
   * The Vault address of each other environment on the cluster, for the add-on owner's
   * ClusterSecretStore of each (every environment's own setting). Not a config key: read from
   * those stacks' own settings files.
   */
  clusterVaultAddresses?: Record<string, string>;
  /** The CA certificate (PEM) of a Vault behind a private CA (optional). */
  vaultCaBundle?: string;
  /** Each other environment's on the cluster, from its own file, where it sets one (the owner's stores). */
  clusterVaultCaBundles?: Record<string, string>;
}

/** What a stack knows of a peer environment, from the peer's own settings file. */
export interface PeerSettings {
  awsRegion: string;
  awsAccountId: string;
  clusterNodeCidrs: string[];
}

export interface ConfigKey {
  /** Key in the project namespace (`ecommerce-platform:<key>`), or a provider key (`aws:region`). */
  key: string;
  field: keyof StackSettings | "kubeconfig";
  secret: boolean;
  description: string;
  /**
   * Set in the region's zone owner stack only (`regions.<r>.zone.owner`); the region's other stacks
   * read it from that stack's file (resolveStackSettings), so that it is never copied.
   */
  zoneOwnerOnly?: boolean;
  /** May be left out (the program then does without it). */
  optional?: boolean;
  /** Returns what is wrong with a value, or undefined. */
  check(value: unknown): string | undefined;
}

const CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/([0-9]|[12]\d|3[0-2])$/;
const str = (re: RegExp, what: string) => (v: unknown) =>
  typeof v === "string" && re.test(v) ? undefined : `must be ${what}`;

export const PROJECT_NAMESPACE = "ecommerce-platform";

/** Every stack config key the program reads. */
export const STACK_CONFIG_KEYS: readonly ConfigKey[] = [
  {
    key: "aws:region",
    field: "awsRegion",
    secret: false,
    description: "AWS region of the environment's account (us-east-1, eu-west-1, ap-southeast-1)",
    check: str(/^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS region such as us-east-1"),
  },
  {
    key: `${PROJECT_NAMESPACE}:kubeconfig`,
    field: "kubeconfig",
    secret: true,
    description:
      "kubeconfig of the environment's cluster (pulumi config set --secret kubeconfig < kubeconfig.yaml)",
    check: str(/\S/, "a kubeconfig document"),
  },
  {
    key: `${PROJECT_NAMESPACE}:vaultAddress`,
    field: "vaultAddress",
    secret: false,
    description: "Vault API address, HTTPS",
    check: str(
      /^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/,
      "an https:// address such as https://vault.platform.internal:8200",
    ),
  },
  {
    key: `${PROJECT_NAMESPACE}:vaultCidr`,
    field: "vaultCidr",
    secret: false,
    description: "address range of the Vault cluster, for egress NetworkPolicies",
    check: str(CIDR, "an IPv4 CIDR such as 10.0.8.0/24"),
  },
  {
    key: `${PROJECT_NAMESPACE}:vpcId`,
    field: "vpcId",
    secret: false,
    description: "VPC of the environment's cluster and data stores",
    check: str(/^vpc-[0-9a-f]{8,17}$/, "a VPC id such as vpc-0a1b2c3d4e5f60718"),
  },
  {
    key: `${PROJECT_NAMESPACE}:dataSubnetCidrs`,
    field: "dataSubnetCidrs",
    secret: false,
    description: "private subnets of the managed data stores (list), for egress NetworkPolicies",
    check: (v) =>
      Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === "string" && CIDR.test(c))
        ? undefined
        : "must be a non-empty list of IPv4 CIDRs",
  },
  {
    key: `${PROJECT_NAMESPACE}:dataSubnetIds`,
    field: "dataSubnetIds",
    secret: false,
    description:
      "ids of the data subnets (list): one per zone, in the cluster's zone order, matching dataSubnetCidrs",
    check: (v) =>
      Array.isArray(v) &&
      v.length > 0 &&
      v.every((c) => typeof c === "string" && /^subnet-[0-9a-f]{8,17}$/.test(c))
        ? undefined
        : "must be a non-empty list of subnet ids such as subnet-0a1b2c3d4e5f60718",
  },
  {
    key: `${PROJECT_NAMESPACE}:clusterSecurityGroupId`,
    field: "clusterSecurityGroupId",
    secret: false,
    description: "security group of the cluster's nodes, the only source the data stores admit",
    check: str(/^sg-[0-9a-f]{8,17}$/, "a security group id such as sg-0a1b2c3d4e5f60718"),
  },
  {
    key: `${PROJECT_NAMESPACE}:eksClusterName`,
    field: "eksClusterName",
    secret: false,
    description: "name of the environment's EKS cluster (Pod Identity associations)",
    check: str(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, "an EKS cluster name"),
  },
  {
    key: `${PROJECT_NAMESPACE}:awsAccountId`,
    field: "awsAccountId",
    secret: false,
    description: "AWS account id of the environment (12 digits)",
    check: str(/^\d{12}$/, "a 12-digit AWS account id"),
  },
  {
    key: `${PROJECT_NAMESPACE}:clusterNodeCidrs`,
    field: "clusterNodeCidrs",
    secret: false,
    description: "address ranges of the cluster's nodes and pods (list), admitted by peers in other regions",
    check: (v) =>
      Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === "string" && CIDR.test(c))
        ? undefined
        : "must be a non-empty list of IPv4 CIDRs",
  },
  {
    key: `${PROJECT_NAMESPACE}:cloudflareZoneId`,
    field: "cloudflareZoneId",
    secret: false,
    zoneOwnerOnly: true,
    description: "Cloudflare zone id of the region's domain (32 hex digits), in the zone owner's stack only",
    check: str(/^[0-9a-f]{32}$/, "a Cloudflare zone id (32 lower-case hex digits)"),
  },
  {
    key: `${PROJECT_NAMESPACE}:vaultCaBundle`,
    field: "vaultCaBundle",
    secret: false,
    optional: true,
    description:
      "the CA certificate (PEM) of a Vault behind a private CA, for External Secrets' stores; the Vault provider then needs vault:caCertFile too",
    check: str(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/, "a PEM certificate"),
  },
];

export interface SettingsProblem {
  key: string;
  message: string;
}

/**
 * Reads plain (non-secret) settings from a map of config key → value. Structured values may come
 * as JSON strings (as `pulumi.Config` hands them) or as parsed YAML.
 */
export function parseStackSettings(values: Readonly<Record<string, unknown>>): {
  settings?: StackSettings;
  /** The keys that were valid, even when others were not (for cross-checks). */
  partial: Partial<StackSettings>;
  problems: SettingsProblem[];
} {
  const problems: SettingsProblem[] = [];
  const out: Partial<Record<keyof StackSettings, unknown>> = {};
  for (const k of STACK_CONFIG_KEYS) {
    if (k.secret) continue;
    let v = values[k.key];
    if (typeof v === "string" && (v.startsWith("[") || v.startsWith("{"))) {
      try {
        v = JSON.parse(v);
      } catch {
        problems.push({ key: k.key, message: "is not valid JSON" });
        continue;
      }
    }
    if (v === undefined) {
      // Resolved from the zone owner's file (resolveStackSettings), which must set it.
      if (k.zoneOwnerOnly || k.optional) continue;
      problems.push({ key: k.key, message: `is not set: ${k.description}` });
      continue;
    }
    const err = k.check(v);
    if (err) problems.push({ key: k.key, message: `${err} (got ${JSON.stringify(v)})` });
    else out[k.field as keyof StackSettings] = v;
  }
  const partial = out as Partial<StackSettings>;
  return problems.length ? { partial, problems } : { settings: out as StackSettings, partial, problems };
}

/** Thrown before anything is registered when a stack's settings are wrong; lists every problem. */
export class StackSettingsError extends Error {
  constructor(
    readonly stack: string,
    readonly problems: readonly SettingsProblem[],
  ) {
    super(
      `Invalid stack settings for ${stack}:\n${problems.map((p) => `✗ ${p.key} ${p.message}`).join("\n")}\n` +
        "Set them with `pulumi config set <key> <value>` (see config/stack-settings.template.yaml).",
    );
    this.name = "StackSettingsError";
  }
}
