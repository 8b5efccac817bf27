/**
 * The escape hatch every component offers: a per-child hook that may adjust the object a builder
 * made, and its resource options, just before the child is registered. For the odd case the
 * catalog does not model (an annotation for one canary, a custom timeout); a need that recurs
 * belongs in the catalog or a builder instead.
 */
import type * as pulumi from "@pulumi/pulumi";

/** Adjusts one child's arguments and options; returns both (it may return them unchanged). */
export type Transform<Args> = (
  args: Args,
  opts: pulumi.CustomResourceOptions,
) => [Args, pulumi.CustomResourceOptions];

/** One optional transform per child of a builder's object map. */
export type Transforms<Children> = { [K in keyof Children]?: Transform<NonNullable<Children[K]>> };

/** The child's arguments and options after its transform, if any. */
export function transformed<Args>(
  transform: Transform<Args> | undefined,
  args: Args,
  opts: pulumi.CustomResourceOptions,
): [Args, pulumi.CustomResourceOptions] {
  return transform ? transform(args, opts) : [args, opts];
}

/**
 * What a component was told to wait for, for its children: Pulumi does not pass a component's
 * `dependsOn` on to the resources under it, so each child waits for it itself (a custom resource
 * after the add-on chart that defines its kind, on a first `pulumi up`).
 */
export function inheritedDependsOn(opts?: pulumi.ComponentResourceOptions): pulumi.Input<pulumi.Resource>[] {
  const d = opts?.dependsOn;
  if (d === undefined) return [];
  return Array.isArray(d) ? d : [d as pulumi.Input<pulumi.Resource>];
}
