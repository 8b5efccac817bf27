/** AWS regions and the jurisdictions their data stays in. */
import type { Residency } from "../config/types";

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** The residency of an AWS region by its prefix (`us-`, `eu-`, `ap-`); undefined for others. */
export function residencyOf(awsRegion: string): Residency | undefined {
  if (!AWS_REGION.test(awsRegion)) return undefined;
  if (awsRegion.startsWith("us-")) return "US";
  if (awsRegion.startsWith("eu-")) return "EU";
  if (awsRegion.startsWith("ap-")) return "APAC";
  return undefined;
}

export const isAwsRegion = (s: string) => AWS_REGION.test(s);
