/**
 * ClickHouse in every regional stack, from the real program under the mock engine: the operator
 * installed by each cluster's owner, an installation per environment replicated through Keeper,
 * TLS only, its password from Vault, volumes encrypted and kept, exactly its consumers admitted,
 * daily backups to the environment's bucket with a role limited to their prefix.
 */
import { catalog } from "../../config";
import { CLICKHOUSE_OPERATOR } from "../../config/addons";
import { restrictedViolations, podTemplatesOf } from "../../harness/pod-security";
import { loadRecordedRuns, named, objects, planFor, recordedRun, type Obj } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

const REGIONAL = STACKS.filter((s) => catalog.environments[s]!.role === "regional");
const tierOf = (s: string) => catalog.environments[s]!.tier;

describe("the ClickHouse operator", () => {
  it("is installed by each cluster's add-on owner, its CRDs from the chart's crds/ folder (helm.v4 drops hook Jobs)", () => {
    for (const spec of Object.values(catalog.clusters)) {
      const chart = recordedRun(spec.addonOwner)
        .ofType("kubernetes:helm.sh/v4:Chart")
        .find((c) => (c.inputs as Obj).chart === CLICKHOUSE_OPERATOR.chart)!;
      expect((chart.inputs as Obj).version).toBe(CLICKHOUSE_OPERATOR.version);
      expect((chart.inputs as Obj).values.crdHook).toEqual({ enabled: false });
      const sc = named(spec.addonOwner, "StorageClass", "encrypted-gp3-retain");
      expect([sc.parameters, sc.reclaimPolicy, sc.volumeBindingMode]).toEqual([
        { type: "gp3", encrypted: "true" },
        "Retain",
        "WaitForFirstConsumer",
      ]);
      expect(named(spec.addonOwner, "ClusterIssuer", "platform-internal-ca").spec).toEqual({
        ca: { secretName: "platform-internal-ca" },
      });
    }
  });
});

describe.each(REGIONAL)("ClickHouse in %s", (stack) => {
  const plan = () => planFor(stack);
  const chi = () => named(stack, "ClickHouseInstallation", "clickhouse");
  const chk = () => named(stack, "ClickHouseKeeperInstallation", "clickhouse-keeper");

  it("runs as many replicas as the tier says, replicated through Keeper (3 in production)", () => {
    const sizing = catalog.entries["clickhouse"]!.store!.sizing[tierOf(stack)];
    expect(chi().spec.configuration.clusters[0].layout).toEqual({
      shardsCount: 1,
      replicasCount: sizing.nodes,
    });
    expect(chk().spec.configuration.clusters[0].layout).toEqual({
      replicasCount: tierOf(stack) === "production" ? 3 : 1,
    });
    expect(chi().spec.configuration.zookeeper.nodes).toEqual([
      { host: `keeper-clickhouse-keeper.${stack}.svc.cluster.local`, port: 2181 },
    ]);
    const container = chi().spec.templates.podTemplates[0].spec.containers[0];
    expect(container.resources).toEqual({
      requests: { cpu: sizing.resources!.cpu.request, memory: sizing.resources!.memory.request },
      limits: { cpu: sizing.resources!.cpu.limit, memory: sizing.resources!.memory.limit },
    });
  });

  it("serves TLS only, with a certificate from the internal CA", () => {
    const cluster = chi().spec.configuration.clusters[0];
    expect([cluster.secure, cluster.insecure]).toEqual(["yes", "no"]);
    expect(chi().spec.configuration.settings).toEqual({
      https_port: 8443,
      tcp_port_secure: 9440,
      interserver_https_port: 9010,
    });
    const cert = named(stack, "Certificate", "clickhouse-tls");
    expect(cert.spec.issuerRef).toEqual({
      kind: "ClusterIssuer",
      name: "platform-internal-ca",
      group: "cert-manager.io",
    });
    expect(cert.spec.dnsNames).toContain(`clickhouse-clickhouse.${stack}.svc.cluster.local`);
    expect(chi().spec.configuration.files["server.crt"]).toEqual({
      valueFrom: { secretKeyRef: { name: "clickhouse-tls", key: "tls.crt" } },
    });
  });

  it("takes its password from Vault through an ExternalSecret, never from Pulumi's inputs", () => {
    const users = chi().spec.configuration.users;
    expect(users["app/password"]).toEqual({
      valueFrom: { secretKeyRef: { name: "clickhouse-credentials", key: "password" } },
    });
    const es = named(stack, "ExternalSecret", "clickhouse-credentials");
    expect(es.spec.data).toEqual([
      {
        secretKey: "password",
        remoteRef: { key: `ecommerce-platform/${stack}/clickhouse`, property: "password" },
      },
    ]);
    expect(JSON.stringify(chi())).not.toContain("mock-password");
  });

  it("keeps its data: encrypted volumes retained on delete, the installation protected in production", () => {
    for (const o of [chi(), chk()]) {
      for (const v of o.spec.templates.volumeClaimTemplates) {
        expect([v.reclaimPolicy, v.spec.storageClassName]).toEqual(["Retain", "encrypted-gp3-retain"]);
      }
    }
    const prod = tierOf(stack) === "production";
    for (const r of recordedRun(stack).resources.filter((x) =>
      /ClickHouse(Keeper)?Installation$/.test(x.type),
    )) {
      expect([r.key, r.options.protect, r.options.retainOnDelete]).toEqual([r.key, prod, prod]);
    }
  });

  it("runs restricted pods: the installation, Keeper and the backup job", () => {
    const templates = ["ClickHouseInstallation", "ClickHouseKeeperInstallation", "CronJob"].flatMap((k) =>
      objects(stack, k).flatMap((o) => podTemplatesOf(o)),
    );
    expect(templates).toHaveLength(3);
    for (const t of templates) expect([t.name, restrictedViolations(t.deployment)]).toEqual([t.name, []]);
  });

  it("admits exactly its consumers on 8443, and its consumers reach it there", () => {
    const consumers = plan().data!.clickhouse!.consumers;
    expect(consumers).toEqual(["analytics-service", "etl-worker", "reporting-service"]);
    const policy = named(stack, "NetworkPolicy", "clickhouse").spec;
    const on8443 = (policy.ingress as Obj[]).filter((r) => r.ports.some((p: Obj) => p.port === 8443));
    expect(on8443.map((r) => r.from[0].podSelector.matchLabels["app.kubernetes.io/name"]).sort()).toEqual(
      consumers,
    );
    for (const w of consumers) {
      const egress = named(stack, "NetworkPolicy", w).spec.egress as Obj[];
      expect(egress).toContainEqual({
        to: [{ podSelector: { matchLabels: { "clickhouse.altinity.com/chi": "clickhouse" } } }],
        ports: [{ protocol: "TCP", port: 8443 }],
      });
    }
  });

  it("backs up daily to the environment's bucket, with a role limited to the backup prefix", () => {
    const c = plan().data!.clickhouse!;
    const job = named(stack, "CronJob", "clickhouse-backup");
    expect(job.spec.schedule).toBe("30 2 * * *");
    expect(job.spec.jobTemplate.spec.template.spec.containers[0].args.at(-1)).toContain(
      `https://${plan().data!.bucket!.bucketName}.s3.amazonaws.com/clickhouse-backups/`,
    );
    const policy = recordedRun(stack).resources.find(
      (r) => r.key === `aws:iam/rolePolicy:RolePolicy::${stack}-data-clickhouse-identity-grants`,
    )!;
    const statements = JSON.parse((policy.inputs as Obj).policy as string).Statement as Obj[];
    const objectsGrant = statements.find((s) => s.Sid === "ReadAndWriteObjects")!;
    expect(objectsGrant.Resource).toBe(`arn:aws:s3:::${plan().data!.bucket!.bucketName}/${c.backup.prefix}*`);
    expect(statements.find((s) => s.Sid === "ListTheBucket")!.Condition).toEqual({
      StringLike: { "s3:prefix": `${c.backup.prefix}*` },
    });
  });
});
