/**
 * Reads another stack's `platform` output through a StackReference, as the contract's type, with
 * a clear error on a schema-version mismatch or a missing field. The stacks that read each other
 * and programs of other teams use it (see examples/consumer).
 */
import * as pulumi from "@pulumi/pulumi";
import type { PlatformOutputs } from "./schema";
import { asPlatformOutputs } from "./validate";

/** The fully qualified name of a stack of this project: `<organization>/ecommerce-platform/<stack>`. */
export function stackName(organization: string, stack: string): string {
  return `${organization}/ecommerce-platform/${stack}`;
}

/** The `platform` output of a stack, checked against the contract when it resolves. */
export function readPlatformOutputs(ref: pulumi.StackReference | string): pulumi.Output<PlatformOutputs> {
  const reference = typeof ref === "string" ? new pulumi.StackReference(ref) : ref;
  return checkedPlatformOutputs(reference.name, reference.getOutput("platform"));
}

/** A stack's name and its raw `platform` output, checked (the part of the reader that decides). */
export function checkedPlatformOutputs(
  name: pulumi.Input<string>,
  value: pulumi.Input<unknown>,
): pulumi.Output<PlatformOutputs> {
  return pulumi.all([name, value]).apply(([n, v]) => asPlatformOutputs(v, `stack ${n}`));
}
