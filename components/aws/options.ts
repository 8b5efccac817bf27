/** Resource options the data layer shares. */
import type * as pulumi from "@pulumi/pulumi";

/**
 * Options of a resource holding data: in production it is protected (`pulumi destroy` and a
 * replacement fail) and kept in the cloud if it ever leaves the program.
 */
export function dataOptions(
  parent: pulumi.Resource,
  protect: boolean,
  extra: pulumi.CustomResourceOptions = {},
): pulumi.CustomResourceOptions {
  return { parent, ...extra, ...(protect ? { protect: true, retainOnDelete: true } : {}) };
}
