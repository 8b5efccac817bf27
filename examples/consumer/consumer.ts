/**
 * An example of another team's program: it reads a platform stack's `platform` output through
 * the contract's reader, prints its public endpoints, and exports what it would wire into its
 * own resources (the API URL, the event-bus topics it may subscribe to). It registers nothing of
 * the platform's and never sees a credential.
 */
import * as pulumi from "@pulumi/pulumi";
import { readPlatformOutputs } from "../../contract/reader";

export function consumer(platformStack: string) {
  const platform = readPlatformOutputs(new pulumi.StackReference(platformStack));
  const endpoints = platform.apply((p) => {
    const lines = Object.entries(p.publicEndpoints).map(([entry, e]) => `${entry.padEnd(18)} ${e.url}`);
    void pulumi.log.info(`Public endpoints of ${p.environment} (${p.domain}):\n${lines.join("\n")}`);
    return Object.fromEntries(Object.entries(p.publicEndpoints).map(([entry, e]) => [entry, e.url]));
  });
  return {
    environment: platform.environment,
    publicEndpoints: endpoints,
    apiUrl: platform.apply((p) => p.publicEndpoints["api-gateway"]?.url),
    topics: platform.apply((p) => Object.keys(p.topics)),
  };
}
