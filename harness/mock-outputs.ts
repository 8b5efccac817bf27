/**
 * What the mock engine answers for the outputs a provider computes (ARNs, endpoints, generated
 * values), so that code reading them downstream runs as it would against the cloud. Shaped like
 * the real values (an MSK cluster ARN has its name and uuid; an RDS address its identifier and
 * region), deterministic, and derived from the resource's own inputs.
 */

export interface MockContext {
  /** The account of the stack (its `awsAccountId` setting). */
  accountId: string;
  /** The region of the provider the resource was registered with. */
  region: string;
}

type State = Record<string, unknown>;

const str = (v: unknown, fallback: string) => (typeof v === "string" && v ? v : fallback);

/** The id and the extra state of a resource, by type; undefined for types that compute nothing read downstream. */
export function mockOutputs(
  type: string,
  name: string,
  inputs: State,
  ctx: MockContext,
): { id?: string; state: State } | undefined {
  const { accountId: acct, region } = ctx;
  switch (type) {
    case "aws:kms/key:Key":
      return {
        id: `${name}-key-id`,
        state: { keyId: `${name}-key-id`, arn: `arn:aws:kms:${region}:${acct}:key/${name}-key-id` },
      };
    case "aws:rds/instance:Instance": {
      const id = str(inputs.identifier, name);
      const address = `${id}.cmock0000000.${region}.rds.amazonaws.com`;
      return {
        id,
        state: { address, endpoint: `${address}:5432`, arn: `arn:aws:rds:${region}:${acct}:db:${id}` },
      };
    }
    case "aws:elasticache/replicationGroup:ReplicationGroup": {
      const id = str(inputs.replicationGroupId, name);
      return {
        id,
        state: {
          primaryEndpointAddress: `master.${id}.mock00.use1.cache.amazonaws.com`,
          arn: `arn:aws:elasticache:${region}:${acct}:replicationgroup:${id}`,
        },
      };
    }
    case "aws:opensearch/domain:Domain": {
      const d = str(inputs.domainName, name);
      return {
        id: d,
        state: {
          endpoint: `vpc-${d}-mock0000.${region}.es.amazonaws.com`,
          arn: `arn:aws:es:${region}:${acct}:domain/${d}`,
        },
      };
    }
    case "aws:sesv2/emailIdentity:EmailIdentity": {
      // Easy DKIM's three tokens, as SES makes them (32 lower-case characters), derived from the domain.
      const domain = str(inputs.emailIdentity, name);
      const tokens = [1, 2, 3].map(
        (i) =>
          `${domain
            .replace(/[^a-z0-9]/g, "")
            .padEnd(28, "x")
            .slice(0, 28)}dk0${i}`,
      );
      return {
        id: domain,
        state: {
          arn: `arn:aws:ses:${region}:${acct}:identity/${domain}`,
          dkimSigningAttributes: { ...(inputs.dkimSigningAttributes as State), tokens, status: "PENDING" },
        },
      };
    }
    case "aws:msk/configuration:Configuration":
      return {
        state: {
          arn: `arn:aws:kafka:${region}:${acct}:configuration/${str(inputs.name, name)}/mock-1`,
          latestRevision: 1,
        },
      };
    case "aws:msk/cluster:Cluster": {
      const c = str(inputs.clusterName, name);
      const arn = `arn:aws:kafka:${region}:${acct}:cluster/${c}/00000000-0000-4000-8000-000000000000-1`;
      const brokers = Number(inputs.numberOfBrokerNodes ?? 1);
      const servers = Array.from(
        { length: brokers },
        (_, i) => `b-${i + 1}.${c}.mock00.c1.kafka.${region}.amazonaws.com:9098`,
      );
      return { id: arn, state: { arn, bootstrapBrokersSaslIam: servers.join(",") } };
    }
    case "aws:msk/topic:Topic":
      return {
        state: {
          arn: `${String(inputs.clusterArn).replace(":cluster/", ":topic/")}/${str(inputs.name, name)}`,
        },
      };
    case "aws:s3/bucket:Bucket": {
      const b = str(inputs.bucket, name);
      return { id: b, state: { bucket: b, arn: `arn:aws:s3:::${b}` } };
    }
    case "aws:iam/role:Role": {
      const r = str(inputs.name, name);
      return { id: r, state: { arn: `arn:aws:iam::${acct}:role/${r}` } };
    }
    case "aws:ec2/securityGroup:SecurityGroup":
      return { id: `sg-mock-${name}`, state: {} };
    case "random:index/randomPassword:RandomPassword":
      return { state: { result: `mock-password-of-${name}` } };
    default:
      return undefined;
  }
}
