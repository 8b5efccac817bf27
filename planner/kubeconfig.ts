/**
 * The kubeconfig a stack is given must reach the catalog's cluster: its current context's server
 * is the cluster's `apiServer`. A kubeconfig of another cluster would make Pulumi create (or
 * replace) every Kubernetes object there. Pure.
 */
import { parse } from "yaml";

interface Kubeconfig {
  "current-context"?: string;
  contexts?: { name?: string; context?: { cluster?: string } }[];
  clusters?: { name?: string; cluster?: { server?: string } }[];
}

/** The server the kubeconfig's current context talks to, or undefined when it names none. */
export function kubeconfigServer(text: string): string | undefined {
  let doc: Kubeconfig | null;
  try {
    doc = parse(text) as Kubeconfig | null;
  } catch {
    return undefined;
  }
  const clusters = Array.isArray(doc?.clusters) ? doc.clusters : [];
  const contexts = Array.isArray(doc?.contexts) ? doc.contexts : [];
  const current = contexts.find((c) => c?.name === doc?.["current-context"])?.context?.cluster;
  const cluster =
    current !== undefined
      ? clusters.find((c) => c.name === current)
      : clusters.length === 1
        ? clusters[0]
        : undefined;
  return cluster?.cluster?.server;
}

/** The kubeconfig itself when it reaches `apiServer`; an error naming both servers otherwise. */
export function checkedKubeconfig(text: string, cluster: string, apiServer: string): string {
  const server = kubeconfigServer(text);
  // The same endpoint however written: host case, the default port, a trailing slash.
  const norm = (s: string) => {
    try {
      const u = new URL(s);
      return `${u.protocol}//${u.hostname.toLowerCase()}:${u.port || (u.protocol === "https:" ? "443" : "80")}${u.pathname.replace(/\/+$/, "")}`;
    } catch {
      return s.replace(/\/+$/, "");
    }
  };
  if (server === undefined)
    throw new Error(
      `the kubeconfig names no server for its current context: set ${cluster}'s with pulumi config set --secret kubeconfig < file`,
    );
  if (norm(server) !== norm(apiServer))
    throw new Error(
      `the kubeconfig reaches ${server}, but ${cluster}'s API server is ${apiServer} (the catalog): set ${cluster}'s kubeconfig with pulumi config set --secret kubeconfig < file`,
    );
  return text;
}
