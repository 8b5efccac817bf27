/**
 * Names that must be unique, over every stack: none is claimed twice by the built-in stacks, and a
 * second claim (another stack's copy of an object, a second policy or record) names both owners.
 */
import { catalog } from "../../config";
import { nameCollisions } from "../../harness/collisions";
import { programRun } from "../../harness/run";
import { loadRecordedRuns, recordedRun, settingsFor } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

const account = (s: string) => settingsFor(s).awsAccountId;

describe("unique names", () => {
  it("no two resources of the built-in stacks claim one", () => {
    expect(nameCollisions(STACKS.map(recordedRun), catalog, account)).toEqual([]);
  });

  it("two resources of one stack claiming one object are caught too", () => {
    const us = recordedRun("us-dev");
    const policy = us.resources.find((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy")!;
    const twice = programRun(
      "us-dev",
      [...us.resources, { ...policy, key: `${policy.key}-again`, name: `${policy.name}-again` }],
      us.outputs,
    );
    expect(nameCollisions([twice], catalog, account)).toEqual([
      expect.stringMatching(
        /^NetworkPolicy networking\.k8s\.io us-dev\/\S+ on us-k8s-dev is claimed by us-dev \(\S+\) and by us-dev \(\S+-again\)$/,
      ),
    ]);
  });

  it("a second claim names both owners: an object on the cluster, a Vault policy, a DNS record, an IAM role", () => {
    const us = recordedRun("us-staging");
    // A stack on the same cluster, in the same account, registering what us-staging does.
    const copy = programRun("us-staging", us.resources, us.outputs);
    const twin = { ...copy, stack: "us-prod" };
    const found = nameCollisions([us, twin], catalog, account);
    expect(found).toContain(
      "NetworkPolicy networking.k8s.io us-staging/default-deny on us-k8s-prod is claimed by us-staging (kubernetes:networking.k8s.io/v1:NetworkPolicy::us-staging-default-deny) and by us-prod (kubernetes:networking.k8s.io/v1:NetworkPolicy::us-staging-default-deny)",
    );
    expect(
      found.some((f) =>
        /^Vault policy ecommerce-platform-us-staging-\S+ is claimed by us-staging \(.+\) and by us-prod \(.+\)$/.test(
          f,
        ),
      ),
    ).toBe(true);
    expect(found.some((f) => /^DNS record CNAME \S+ in zone \S+ is claimed by us-staging/.test(f))).toBe(
      true,
    );
    expect(found.some((f) => /^IAM role \S+ in account \d{12} is claimed by/.test(f))).toBe(true);
  });
});
