/**
 * Every key of a stack file is known: the project's own against its schema (STACK_CONFIG_KEYS),
 * the providers' against the configuration keys their documentation lists at the pinned versions,
 * and nothing else. An unknown key is a problem with the nearest known one suggested. Pure.
 */
import { suggest } from "./naming";
import { PROJECT_NAMESPACE, STACK_CONFIG_KEYS, type SettingsProblem } from "./settings";

/**
 * The providers' configuration keys (`<provider>:<key>`) at the pinned versions: the config
 * variables each package declares (`@pulumi/<p>/config/vars.d.ts`; the Kubernetes provider's are
 * its ProviderArgs). A test compares this list with the installed packages, so an upgrade that
 * adds or drops a key fails until the list follows.
 */
export const PROVIDER_CONFIG_KEYS: Readonly<Record<string, readonly string[]>> = {
  aws: [
    "accessKey",
    "allowedAccountIds",
    "assumeRoleWithWebIdentity",
    "assumeRoles",
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
    "s3UsEast1RegionalEndpoint",
    "s3UsePathStyle",
    "secretKey",
    "sharedConfigFiles",
    "sharedCredentialsFiles",
    "skipCredentialsValidation",
    "skipMetadataApiCheck",
    "skipRegionValidation",
    "skipRequestingAccountId",
    "stsRegion",
    "tagPolicyCompliance",
    "token",
    "tokenBucketRateLimiterCapacity",
    "useDualstackEndpoint",
    "useFipsEndpoint",
    "userAgents",
  ],
  vault: [
    "addAddressToEnv",
    "address",
    "authLogin",
    "authLoginAws",
    "authLoginAzure",
    "authLoginCert",
    "authLoginGcp",
    "authLoginJwt",
    "authLoginKerberos",
    "authLoginOci",
    "authLoginOidc",
    "authLoginRadius",
    "authLoginTokenFile",
    "authLoginUserpass",
    "caCertDir",
    "caCertFile",
    "clientAuth",
    "headers",
    "maxLeaseTtlSeconds",
    "maxRetries",
    "maxRetriesCcc",
    "namespace",
    "setNamespaceFromToken",
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
    "alwaysRender",
    "cluster",
    "clusterIdentifier",
    "context",
    "deleteUnreachable",
    "enableConfigMapMutable",
    "enablePatchForce",
    "enableSecretMutable",
    "enableServerSideApply",
    "helmReleaseSettings",
    "kubeClientSettings",
    "kubeconfig",
    "namespace",
    "renderYamlToDirectory",
    "skipUpdateUnreachable",
    "suppressDeprecationWarnings",
    "suppressHelmHookWarnings",
    "upsertExistingObjects",
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
    // Pulumi's own keys (`pulumi:disable-default-providers`, `pulumi:tags`…) are the engine's to check.
    if (ns === "pulumi") continue;
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
