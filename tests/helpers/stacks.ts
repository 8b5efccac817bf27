/** The stacks of the built-in catalog, one per environment (sorted). */
export const STACKS = [
  "asia-prod",
  "eu-prod",
  "eu-staging",
  "platform-shared",
  "us-dev",
  "us-prod",
  "us-staging",
];
