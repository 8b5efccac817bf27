/**
 * A store's network: its own security group admitting the cluster's nodes on the store's port
 * only (no egress, no other source: never public), and its subnet group in the data subnets.
 */
import type * as aws from "@pulumi/aws";
import type { StoreNetworkPlan } from "../../planner";
import type { Input } from "./common";

export function securityGroupArgs(net: StoreNetworkPlan, what: string): aws.ec2.SecurityGroupArgs {
  return {
    name: net.securityGroupName,
    description: `${what}: port ${net.port} from the cluster's nodes only`,
    vpcId: net.vpcId,
    // No inline rules: the rule below is its own resource, and no egress is granted at all.
    tags: { Name: net.securityGroupName },
  };
}

export function clusterIngressArgs(
  net: StoreNetworkPlan,
  securityGroupId: Input<string>,
): aws.vpc.SecurityGroupIngressRuleArgs {
  return {
    securityGroupId,
    referencedSecurityGroupId: net.clusterSecurityGroupId,
    ipProtocol: "tcp",
    fromPort: net.port,
    toPort: net.port,
    description: "the environment's cluster nodes",
  };
}

export function rdsSubnetGroupArgs(net: StoreNetworkPlan): aws.rds.SubnetGroupArgs {
  return { name: net.securityGroupName, description: "data subnets", subnetIds: [...net.subnetIds] };
}

export function cacheSubnetGroupArgs(net: StoreNetworkPlan): aws.elasticache.SubnetGroupArgs {
  return { name: net.securityGroupName, description: "data subnets", subnetIds: [...net.subnetIds] };
}
