/** A store's security group and its one ingress rule (the cluster's nodes, on the store's port). */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { clusterIngressArgs, securityGroupArgs } from "../../builders/aws";
import type { StoreNetworkPlan } from "../../planner";

export function storeSecurityGroup(
  name: string,
  net: StoreNetworkPlan,
  what: string,
  parent: pulumi.Resource,
): aws.ec2.SecurityGroup {
  const sg = new aws.ec2.SecurityGroup(`${name}-sg`, securityGroupArgs(net, what), { parent });
  new aws.vpc.SecurityGroupIngressRule(`${name}-from-cluster`, clusterIngressArgs(net, sg.id), { parent });
  return sg;
}
