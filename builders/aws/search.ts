/**
 * Search on Amazon OpenSearch Service inside the VPC: encrypted at rest and between nodes, HTTPS
 * only with TLS 1.2+, fine-grained access control with an internal master user whose password is
 * a Pulumi secret, zone awareness in production.
 */
import type * as aws from "@pulumi/aws";
import type { SearchPlan } from "../../planner";
import { policy, type Input } from "./common";

export interface SearchRefs {
  securityGroupId: Input<string>;
  kmsKeyArn: Input<string>;
  masterPassword: Input<string>;
}

export function domainArgs(
  s: SearchPlan,
  region: string,
  accountId: string,
  refs: SearchRefs,
): aws.opensearch.DomainArgs {
  return {
    domainName: s.domainName,
    engineVersion: s.engineVersion,
    clusterConfig: {
      instanceType: s.instanceType,
      instanceCount: s.instanceCount,
      zoneAwarenessEnabled: s.zoneAwareness !== undefined,
      ...(s.zoneAwareness
        ? { zoneAwarenessConfig: { availabilityZoneCount: s.zoneAwareness.availabilityZoneCount } }
        : {}),
    },
    ebsOptions: { ebsEnabled: true, volumeType: "gp3", volumeSize: s.volumeGiB },
    vpcOptions: { subnetIds: [...s.network.subnetIds], securityGroupIds: [refs.securityGroupId] },
    encryptAtRest: { enabled: true, kmsKeyId: refs.kmsKeyArn },
    nodeToNodeEncryption: { enabled: true },
    domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: s.tlsPolicy },
    advancedSecurityOptions: {
      enabled: true,
      internalUserDatabaseEnabled: true,
      anonymousAuthEnabled: false,
      masterUserOptions: { masterUserName: s.masterUserName, masterUserPassword: refs.masterPassword },
    },
    softwareUpdateOptions: { autoSoftwareUpdateEnabled: false },
    // Fine-grained access control authenticates every request; the network (VPC, security group) and
    // this policy bound who may try.
    accessPolicies: JSON.stringify(
      policy({
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: "es:ESHttp*",
        Resource: `arn:aws:es:${region}:${accountId}:domain/${s.domainName}/*`,
      }),
    ),
  };
}

/** The connection string dependents read: HTTPS with the master user (per-service users are Vault's next step). */
export function searchUrl(s: SearchPlan, endpoint: string, password: string): string {
  return `https://${s.masterUserName}:${encodeURIComponent(password)}@${endpoint}:${s.network.port}`;
}
