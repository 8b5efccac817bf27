/** What the custom resource schemas share: the object's envelope, and a map of strings. */

/** Labels, annotations, rule labels: string keys to string values. */
export const stringMap = { type: "object", additionalProperties: { type: "string" } };

/** A custom resource: exactly `apiVersion` and `kind` (fixed), `metadata` and `spec`, all required. */
export function customResource<M extends object, S extends object>(
  apiVersion: string,
  kind: string,
  metadata: M,
  spec: S,
) {
  return {
    type: "object",
    required: ["apiVersion", "kind", "metadata", "spec"],
    additionalProperties: false,
    properties: { apiVersion: { const: apiVersion }, kind: { const: kind }, metadata, spec },
  };
}
