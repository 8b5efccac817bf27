/**
 * The data layer of every regional stack, from the real program under the mock engine: every
 * rule asserted on every data resource, against the catalog and the plan.
 */
import { catalog } from "../../config";
import { connectionCapacity } from "../../planner/data/capacity";
import { residencyOf } from "../../planner/aws-regions";
import { entriesIn } from "../../planner/placement";
import type { RecordedResource } from "../../harness/run";
import { loadRecordedRuns, planFor, recordedRun, settingsFor, type Obj } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

const REGIONAL = STACKS.filter((s) => catalog.environments[s]!.role === "regional");
/** The data layer's resources of a type (the cluster telemetry's CloudWatch exporter role is tested with it). */
const of = (stack: string, type: string): RecordedResource[] =>
  recordedRun(stack)
    .ofType(type)
    .filter((r) => !r.parent?.startsWith("ecommerce:monitoring:ClusterTelemetry::"));
const inputs = (r: RecordedResource) => r.inputs as Obj;
const production = (stack: string) => catalog.environments[stack]!.tier === "production";
const placed = (stack: string, kind: string) =>
  entriesIn(stack, catalog)
    .filter((n) => catalog.entries[n]!.kind === kind)
    .sort();

const T = {
  rds: "aws:rds/instance:Instance",
  rdsParams: "aws:rds/parameterGroup:ParameterGroup",
  drBackups: "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
  redis: "aws:elasticache/replicationGroup:ReplicationGroup",
  search: "aws:opensearch/domain:Domain",
  msk: "aws:msk/cluster:Cluster",
  topic: "aws:msk/topic:Topic",
  bucket: "aws:s3/bucket:Bucket",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  key: "aws:kms/key:Key",
  kv: "vault:kv/secretV2:SecretV2",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  association: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
  awsProvider: "pulumi:providers:aws",
};

describe("the stacks without data stores", () => {
  it("platform-shared registers no AWS data resource", () => {
    // Only its cluster's CloudWatch exporter role (it owns us-k8s-prod's add-ons), tested with the telemetry.
    expect(
      recordedRun("platform-shared")
        .resources.filter((r) => r.type.startsWith("aws:"))
        .filter((r) => !r.key.includes("-telemetry-"))
        .map((r) => r.key),
    ).toEqual([]);
  });
});

describe.each(REGIONAL)("data layer of %s", (stack) => {
  const settings = () => settingsFor(stack);

  it("creates exactly the stores the catalog places here", () => {
    expect(
      of(stack, T.rds)
        .map((r) => inputs(r).identifier)
        .sort(),
    ).toEqual(placed(stack, "postgres").map((n) => `${stack}-${n}`));
    expect(
      of(stack, T.redis)
        .map((r) => inputs(r).replicationGroupId)
        .sort(),
    ).toEqual(placed(stack, "redis").map((n) => `${stack}-${n}`));
    expect(of(stack, T.search).map((r) => inputs(r).domainName)).toEqual(
      placed(stack, "search").map((n) => `${stack}-${n}`),
    );
    expect(of(stack, T.msk).map((r) => inputs(r).clusterName)).toEqual(
      placed(stack, "kafka").map((n) => `${stack}-${n}`),
    );
    expect(of(stack, T.bucket)).toHaveLength(placed(stack, "object-store").length);
    const topics = Object.keys(catalog.entries["event-bus"]!.store!.topics!).sort();
    expect(
      of(stack, T.topic)
        .map((r) => inputs(r).name)
        .sort(),
    ).toEqual(topics);
  });

  it("has one AWS provider in the stack's region and one in the DR region, both pinned to the account, with default tags", () => {
    const providers = of(stack, T.awsProvider).map(inputs);
    const region = catalog.regions[catalog.environments[stack]!.region]!;
    expect(providers.map((p) => p.region).sort()).toEqual(
      [settings().awsRegion, region.disasterRecoveryRegion].sort(),
    );
    for (const p of providers) {
      expect(JSON.parse(p.allowedAccountIds as string)).toEqual([settings().awsAccountId]);
      expect(JSON.parse(p.defaultTags as string).tags).toEqual({
        project: "ecommerce-platform",
        environment: stack,
        owner: "team-platform",
        "managed-by": "pulumi",
      });
    }
    expect(residencyOf(region.disasterRecoveryRegion)).toBe(region.residency);
    for (const r of recordedRun(stack).resources.filter((x) => x.type.startsWith("aws:"))) {
      expect([r.key, r.provider?.startsWith("pulumi:providers:aws::")]).toEqual([r.key, true]);
    }
  });

  it("encrypts every store at rest with a customer-managed key that rotates, and payments with its own", () => {
    const keys = of(stack, T.key);
    for (const k of keys) expect([k.name, inputs(k).enableKeyRotation]).toEqual([k.name, true]);
    const keyArn = (purpose: string) =>
      `arn:aws:kms:${settings().awsRegion}:${settings().awsAccountId}:key/${stack}-data-keys-${purpose}-key-id`;
    for (const r of of(stack, T.rds)) {
      const i = inputs(r);
      expect([i.identifier, i.storageEncrypted, i.kmsKeyId]).toEqual([
        i.identifier,
        true,
        keyArn(i.identifier === `${stack}-postgres-payments` ? "payments" : "environment"),
      ]);
      expect(i.performanceInsightsKmsKeyId).toBe(i.kmsKeyId);
    }
    for (const r of of(stack, T.redis))
      expect([inputs(r).atRestEncryptionEnabled, inputs(r).kmsKeyId]).toEqual([true, keyArn("environment")]);
    for (const r of of(stack, T.search))
      expect(inputs(r).encryptAtRest).toEqual({ enabled: true, kmsKeyId: keyArn("environment") });
    for (const r of of(stack, T.msk))
      expect(inputs(r).encryptionInfo.encryptionAtRestKmsKeyArn).toBe(keyArn("environment"));
    const sse = of(
      stack,
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    );
    expect(sse.map((r) => inputs(r).rules[0].applyServerSideEncryptionByDefault)).toEqual([
      { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn("environment") },
    ]);
  });

  it("encrypts every connection in transit", () => {
    for (const r of of(stack, T.rdsParams)) {
      const params = Object.fromEntries((inputs(r).parameters as Obj[]).map((p) => [p.name, p.value]));
      expect([r.name, params["rds.force_ssl"], params.ssl_min_protocol_version]).toEqual([
        r.name,
        "1",
        "TLSv1.2",
      ]);
    }
    for (const r of of(stack, T.redis))
      expect([inputs(r).transitEncryptionEnabled, inputs(r).transitEncryptionMode]).toEqual([
        true,
        "required",
      ]);
    for (const r of of(stack, T.search)) {
      expect(inputs(r).nodeToNodeEncryption).toEqual({ enabled: true });
      expect(inputs(r).domainEndpointOptions).toEqual({
        enforceHttps: true,
        tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10",
      });
    }
    for (const r of of(stack, T.msk))
      expect(inputs(r).encryptionInfo.encryptionInTransit).toEqual({ clientBroker: "TLS", inCluster: true });
    for (const r of of(stack, T.kv)) {
      const url = String(JSON.parse(inputs(r).dataJson as string).url ?? "");
      if (url.startsWith("postgresql://")) expect(url).toMatch(/\?sslmode=verify-full$/);
      if (url.startsWith("redis")) expect(url).toMatch(/^rediss:\/\//);
      if (url.startsWith("http")) expect(url).toMatch(/^https:\/\//);
    }
  });

  it("is never publicly reachable: each store admits only the cluster's nodes, on its own port", () => {
    for (const r of of(stack, T.rds)) expect(inputs(r).publiclyAccessible).toBe(false);
    for (const r of of(stack, T.msk)) {
      expect(inputs(r).brokerNodeGroupInfo.connectivityInfo).toEqual({ publicAccess: { type: "DISABLED" } });
      expect(inputs(r).clientAuthentication).toEqual({
        sasl: { iam: true, scram: false },
        unauthenticated: false,
      });
    }
    expect(of(stack, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").map((r) => inputs(r))).toEqual(
      [
        expect.objectContaining({
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        }),
      ],
    );
    // One rule per store from the cluster's nodes; the event bus also admits the node ranges of the
    // regions whose workloads consume it (their own stack files say which), nothing else.
    const remote = of(stack, T.ingress).filter((r) => inputs(r).cidrIpv4 !== undefined);
    const consumersFrom = planFor(stack).data!.kafka!.remoteConsumers.map((r) => r.environment);
    expect(
      remote.map((r) => `${inputs(r).cidrIpv4}:${inputs(r).fromPort}-${inputs(r).toPort}`).sort(),
    ).toEqual(
      consumersFrom.flatMap((e) => settingsFor(e).clusterNodeCidrs.map((c) => `${c}:9098-9098`)).sort(),
    );
    for (const r of remote) expect(r.parent).toBe(`ecommerce:aws:EventBus::${stack}-data-event-bus`);
    const rules = of(stack, T.ingress)
      .filter((r) => inputs(r).cidrIpv4 === undefined)
      .map(inputs);
    expect(rules).toHaveLength(of(stack, T.sg).length);
    const stores = recordedRun(stack).resources.filter(
      (r) => r.type.startsWith("ecommerce:aws:") && /Database|Cache|Domain|EventBus/.test(r.type),
    );
    const portOf = (component: string) => catalog.entries[component.replace(`${stack}-data-`, "")]!.port;
    for (const rule of of(stack, T.ingress).filter((r) => inputs(r).cidrIpv4 === undefined)) {
      const i = inputs(rule);
      expect([rule.name, i.referencedSecurityGroupId, i.cidrIpv4, i.ipProtocol]).toEqual([
        rule.name,
        settings().clusterSecurityGroupId,
        undefined,
        "tcp",
      ]);
      const component = stores.find((s) => s.key === rule.parent)!;
      expect([rule.name, i.fromPort, i.toPort]).toEqual([
        rule.name,
        portOf(component.name),
        portOf(component.name),
      ]);
    }
    for (const sg of of(stack, T.sg))
      expect([sg.name, inputs(sg).egress, inputs(sg).ingress]).toEqual([sg.name, undefined, undefined]);
  });

  it("keeps production data: deletion protection, final snapshots, backups, DR copies, Multi-AZ, protect and retain", () => {
    const prod = production(stack);
    const region = catalog.regions[catalog.environments[stack]!.region]!;
    for (const r of of(stack, T.rds)) {
      const i = inputs(r);
      expect([
        i.identifier,
        i.deletionProtection,
        i.multiAz,
        r.options.protect,
        r.options.retainOnDelete,
      ]).toEqual([i.identifier, prod, prod, prod, prod]);
      expect([i.skipFinalSnapshot, i.finalSnapshotIdentifier]).toEqual([false, `${i.identifier}-final`]);
      if (prod) expect(i.backupRetentionPeriod).toBeGreaterThanOrEqual(14);
    }
    const copies = of(stack, T.drBackups);
    expect(copies).toHaveLength(prod ? of(stack, T.rds).length : 0);
    const drProvider = of(stack, T.awsProvider).find(
      (p) => inputs(p).region === region.disasterRecoveryRegion,
    )!;
    for (const c of copies) {
      expect(c.provider).toBe(drProvider.key);
      expect(inputs(c).kmsKeyId).toMatch(new RegExp(`^arn:aws:kms:${region.disasterRecoveryRegion}:`));
    }
    for (const r of of(stack, T.redis)) {
      const i = inputs(r);
      expect([i.replicationGroupId, i.multiAzEnabled, r.options.protect]).toEqual([
        i.replicationGroupId,
        prod,
        prod,
      ]);
      expect(i.automaticFailoverEnabled).toBe(i.numCacheClusters >= 2);
      const durable = /sessions|queue/.test(i.replicationGroupId);
      expect([i.replicationGroupId, i.snapshotRetentionLimit > 0]).toEqual([i.replicationGroupId, durable]);
    }
    for (const type of [T.search, T.msk, T.topic, T.bucket, T.key]) {
      for (const r of of(stack, type))
        expect([r.key, r.options.protect, r.options.retainOnDelete]).toEqual([r.key, prod, prod]);
    }
    for (const r of of(stack, T.search))
      expect(inputs(r).clusterConfig.zoneAwarenessEnabled).toBe(
        prod || inputs(r).clusterConfig.instanceCount >= 2,
      );
  });

  it("keeps credentials secret: generated passwords and tokens, and every connection string, are Pulumi secrets", () => {
    for (const r of of(stack, T.rds)) expect(r.secretPaths).toContain("password");
    for (const r of of(stack, T.redis)) expect(r.secretPaths).toContain("authToken");
    // A secret nested in an object makes the whole top-level property secret, as the SDK sends it.
    const covers = (paths: string[], path: string) =>
      paths.some((p) => path === p || path.startsWith(`${p}.`));
    for (const r of of(stack, T.search))
      expect(covers(r.secretPaths, "advancedSecurityOptions.masterUserOptions.masterUserPassword")).toBe(
        true,
      );
    for (const r of of(stack, T.kv)) expect([r.name, r.secretPaths]).toEqual([r.name, ["dataJson"]]);
  });

  it("writes every data store's connection to exactly the Vault paths the workloads' ExternalSecrets read", () => {
    const written = new Set(
      of(stack, T.kv).flatMap((r) =>
        Object.keys(JSON.parse(inputs(r).dataJson as string)).map((p) => `${inputs(r).name}#${p}`),
      ),
    );
    const stores = new Set(planFor(stack).dataStores.map((d) => d.name));
    const read = new Set(
      planFor(stack).workloads.flatMap((w) =>
        w.env
          .filter((v) => v.secret && stores.has(v.from))
          .map((v) => `${v.secret!.key}#${v.secret!.property}`),
      ),
    );
    const expected = new Set(
      planFor(stack).dataStores.flatMap((d) =>
        d.connections.map((c) => `${c.vault.key}#${c.vault.property}`),
      ),
    );
    // ClickHouse's password, beside its URL, for the operator's ExternalSecret.
    const clickhouse = planFor(stack).data!.clickhouse!.connections[0]!.vault;
    expected.add(`${clickhouse.key}#password`);
    // And the mail entry's (SES: endpoint, sender, configuration set), tested in mail.test.ts.
    for (const c of planFor(stack).data!.mail?.connections ?? [])
      expected.add(`${c.vault.key}#${c.vault.property}`);
    expect(written).toEqual(expected);
    for (const path of read) expect(written).toContain(path);
  });

  it("lets the other regions' consumers read exactly their topics, by the cluster's resource policy", () => {
    const remote = planFor(stack).data!.kafka!.remoteConsumers;
    const policies = of(stack, "aws:msk/clusterPolicy:ClusterPolicy");
    expect(policies).toHaveLength(remote.length ? 1 : 0);
    if (!remote.length) return;
    const statements = JSON.parse(inputs(policies[0]!).policy as string).Statement as Obj[];
    const principals = new Set(statements.map((x) => x.Principal.AWS));
    expect(principals).toEqual(
      new Set(
        remote.map(
          (r) =>
            `arn:aws:iam::${settingsFor(r.environment).awsAccountId}:role/${r.environment}-${r.workload}`,
        ),
      ),
    );
    for (const r of remote) {
      const read = statements.find(
        (x) => x.Principal.AWS === r.roleArn && [x.Action].flat().includes("kafka-cluster:ReadData"),
      )!;
      expect(new Set([read.Resource].flat().map((a: string) => a.split("/").pop()))).toEqual(
        new Set(catalog.entries[r.workload]!.consumes ?? []),
      );
      for (const x of statements)
        expect([x.Effect, [x.Action].flat().some((a: string) => a.endsWith("*"))]).toEqual(["Allow", false]);
    }
  });

  it("runs MSK in KRaft mode with topics replicated within the brokers", () => {
    for (const r of of(stack, T.msk)) {
      expect(inputs(r).kafkaVersion).toMatch(/\.kraft$/);
      const brokers = inputs(r).numberOfBrokerNodes as number;
      expect(brokers % settings().dataSubnetIds.length).toBe(0);
      for (const t of of(stack, T.topic)) {
        expect(inputs(t).replicationFactor).toBeLessThanOrEqual(brokers);
        expect(Number(JSON.parse(inputs(t).configs as string)["min.insync.replicas"])).toBeLessThan(
          Math.max(inputs(t).replicationFactor, 2),
        );
      }
    }
  });

  it("keeps current objects forever: the lifecycle expires only noncurrent versions and incomplete uploads; TLS only", () => {
    for (const r of of(stack, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")) {
      const backups = planFor(stack).data!.bucket!.backupPrefixes;
      expect(backups.map((b) => b.prefix)).toEqual(["clickhouse-backups/"]);
      for (const rule of inputs(r).rules as Obj[]) {
        // Current objects expire only under a backup prefix, after the backups' retention.
        const backup = backups.find((b) => rule.filter?.prefix === b.prefix);
        expect([rule.id, rule.expiration?.days, rule.expiration?.date, rule.transitions]).toEqual([
          rule.id,
          backup?.days,
          undefined,
          undefined,
        ]);
        if (!backup) expect([rule.id, rule.filter]).toEqual([rule.id, {}]);
      }
      const retention =
        catalog.entries["s3-storage"]!.store!.backupRetentionDays[catalog.environments[stack]!.tier];
      expect(
        (inputs(r).rules as Obj[]).map((x) => x.noncurrentVersionExpiration?.noncurrentDays).filter(Boolean),
      ).toEqual([retention]);
    }
    for (const r of of(stack, "aws:s3/bucketVersioning:BucketVersioning"))
      expect(inputs(r).versioningConfiguration).toEqual({ status: "Enabled" });
    for (const r of of(stack, "aws:s3/bucketOwnershipControls:BucketOwnershipControls"))
      expect(inputs(r).rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
    for (const r of of(stack, "aws:s3/bucketPolicy:BucketPolicy")) {
      const deny = (JSON.parse(inputs(r).policy as string).Statement as Obj[]).find(
        (s) => s.Sid === "DenyInsecureTransport",
      )!;
      expect(deny).toMatchObject({
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Condition: { Bool: { "aws:SecureTransport": false } },
      });
    }
  });

  it("sets max_connections to every consumer's pool at full scale, within what the class holds", () => {
    const params = new Map(of(stack, T.rdsParams).map((r) => [inputs(r).name, inputs(r)]));
    const plan = planFor(stack);
    for (const r of of(stack, T.rds)) {
      const i = inputs(r);
      const value = Number(
        (params.get(i.parameterGroupName)!.parameters as Obj[]).find((p) => p.name === "max_connections")!
          .value,
      );
      const store = plan.dataStores.find((d) => `${stack}-${d.name}` === i.identifier)!;
      const expected = plan.workloads
        .filter((w) => store.consumers.includes(w.name))
        .reduce((n, w) => n + (w.autoscaling?.maxReplicas ?? w.replicas) * plan.dbPool!, 10);
      expect([i.identifier, value]).toEqual([i.identifier, expected]);
      expect(value).toBeLessThanOrEqual(connectionCapacity(i.instanceClass)!);
    }
  });

  it("grants each workload's role exactly its declared topics, consumer group and bucket access, to its ServiceAccount only", () => {
    const grants = new Map(
      of(stack, T.rolePolicy).map((r) => [
        r
          .parent!.replace(/^ecommerce:aws:WorkloadIdentity::/, "")
          .replace(`${stack}-data-`, "")
          .replace(/-identity$/, ""),
        JSON.parse(inputs(r).policy as string).Statement as Obj[],
      ]),
    );
    const here = new Set(planFor(stack).workloads.map((w) => w.name));
    const senders = planFor(stack).data!.mail?.senders ?? [];
    const expected = [...here].filter((n) => {
      const e = catalog.entries[n]!;
      return (
        (e.produces?.length ?? 0) + (e.consumes?.length ?? 0) > 0 ||
        e.objectAccess !== undefined ||
        senders.includes(n)
      );
    });
    // ClickHouse's own role writes its backups, under its prefix only (tested in clickhouse.test.ts).
    const clickhouse = grants.get("clickhouse");
    grants.delete("clickhouse");
    expect(clickhouse).toBeDefined();
    expect([...grants.keys()].sort()).toEqual(expected.sort());
    const topicsOf = (statements: Obj[], action: string) =>
      new Set(
        statements
          .filter((s) => [s.Action].flat().includes(action))
          .flatMap((s) => [s.Resource].flat())
          .map((a: string) => a.split("/").pop()),
      );
    for (const [w, statements] of grants) {
      const e = catalog.entries[w]!;
      expect([w, topicsOf(statements, "kafka-cluster:WriteData")]).toEqual([w, new Set(e.produces ?? [])]);
      expect([w, topicsOf(statements, "kafka-cluster:ReadData")]).toEqual([w, new Set(e.consumes ?? [])]);
      // Its own group here, and one named after this environment on each bus of another region it reads.
      const remoteGroups = planFor(stack)
        .workloads.find((x) => x.name === w)!
        .egress.filter((x) => x.toEnvironment !== stack)
        .map(() => `${stack}-${w}`);
      expect([w, topicsOf(statements, "kafka-cluster:AlterGroup")]).toEqual([
        w,
        new Set(e.consumes?.length ? [w, ...remoteGroups] : []),
      ]);
      const s3 = statements.filter((s) =>
        [s.Action].flat().some((a: string) => a.startsWith("s3:") && a !== "s3:ListBucket"),
      );
      const actions = new Set(s3.flatMap((s) => [s.Action].flat()));
      expect([w, actions]).toEqual([
        w,
        new Set(
          e.objectAccess === "read-write"
            ? ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
            : e.objectAccess === "read"
              ? ["s3:GetObject"]
              : [],
        ),
      ]);
      for (const s of statements)
        expect([w, s.Effect, [s.Action].flat().some((a: string) => a.endsWith("*"))]).toEqual([
          w,
          "Allow",
          false,
        ]);
    }
    for (const a of of(stack, T.association)) {
      const i = inputs(a);
      expect([
        i.namespace,
        i.clusterName,
        here.has(i.serviceAccount) || i.serviceAccount === "clickhouse",
      ]).toEqual([stack, settings().eksClusterName, true]);
    }
  });
});
