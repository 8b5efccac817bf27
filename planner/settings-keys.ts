/**
 * Every key of a stack file is known: the project's own against its schema (STACK_CONFIG_KEYS),
 * the providers' against the configuration keys their documentation lists at the pinned versions,
 * and nothing else. An unknown key is a problem with the nearest known one suggested. Pure.
 */
import { suggest } from "./naming";
import { PROJECT_NAMESPACE, STACK_CONFIG_KEYS, type SettingsProblem } from "./settings";

/**
 * The providers' configuration keys (`<provider>:<key>`), as each provider's installation and
 * configuration page documents them (@pulumi/aws 7, @pulumi/vault 7, @pulumi/cloudflare 6,
 * @pulumi/kubernetes 4).
 */
export const PROVIDER_CONFIG_KEYS: Readonly<Record<string, readonly string[]>> = {
  aws: [
    "accessKey",
    "allowedAccountIds",
    "assumeRole",
    "assumeRoleWithWebIdentity",
    "customCaBundle",
    "defaultTags",
    "ec2MetadataServiceEndpoint",
    "ec2MetadataServiceEndpointMode",
    "endpoints",
    "forbiddenAccountIds",
    "httpProxy",
    "httpsProxy",
    "ignoreTags",
    "insecure",
    "maxRetries",
    "noProxy",
    "profile",
    "region",
    "retryMode",
    "s3UsePathStyle",
    "secretKey",
    "sharedConfigFiles",
    "sharedCredentialsFiles",
    "skipCredentialsValidation",
    "skipMetadataApiCheck",
    "skipRegionValidation",
    "skipRequestingAccountId",
    "stsRegion",
    "token",
    "useFipsEndpoint",
  ],
  vault: [
    "addAddressToEnv",
    "address",
    "authLogin",
    "caCertDir",
    "caCertFile",
    "clientAuth",
    "headers",
    "maxLeaseTtlSeconds",
    "maxRetries",
    "maxRetriesCcc",
    "namespace",
    "skipChildToken",
    "skipGetVaultVersion",
    "skipTlsVerify",
    "tlsServerName",
    "token",
    "tokenName",
    "vaultVersionOverride",
  ],
  cloudflare: ["apiKey", "apiToken", "apiUserServiceKey", "baseUrl", "email", "userAgentOperatorSuffix"],
  kubernetes: [
    "cluster",
    "context",
    "deleteUnreachable",
    "enableServerSideApply",
    "kubeconfig",
    "namespace",
    "renderYamlToDirectory",
    "skipUpdateUnreachable",
    "suppressDeprecationWarnings",
    "suppressHelmHookWarnings",
  ],
};

/** Problems of the keys a stack file sets (values are checked by parseStackSettings). */
export function unknownKeyProblems(keys: readonly string[]): SettingsProblem[] {
  const own = STACK_CONFIG_KEYS.map((k) => k.key.slice(PROJECT_NAMESPACE.length + 1));
  const out: SettingsProblem[] = [];
  for (const full of [...keys].sort()) {
    const [ns, key] = full.includes(":")
      ? (full.split(":", 2) as [string, string])
      : [PROJECT_NAMESPACE, full];
    const known = ns === PROJECT_NAMESPACE ? own : PROVIDER_CONFIG_KEYS[ns];
    if (!known) {
      const near = suggest(ns, [PROJECT_NAMESPACE, ...Object.keys(PROVIDER_CONFIG_KEYS)]);
      out.push({
        key: full,
        message: `is in namespace "${ns}", which neither this project nor its providers read${near ? `: did you mean "${near}:${key}"?` : ""}`,
      });
    } else if (!known.includes(key)) {
      const near = suggest(key, known);
      out.push({
        key: full,
        message: `is not a ${ns === PROJECT_NAMESPACE ? "setting of this project" : `configuration key of the ${ns} provider`}${near ? `: did you mean "${ns}:${near}"?` : ` (known: ${known.join(", ")})`}`,
      });
    }
  }
  return out;
}
