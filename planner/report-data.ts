/** The data layer in the pull-request comment: each store's safety settings, topics, and roles. */
import type { DataLayerPlan } from "./data/types";

const yes = (b: boolean) => (b ? "yes" : "no");

export function dataLayerMarkdown(data: DataLayerPlan): string[] {
  const out = [
    `#### Data layer (AWS ${data.awsRegion}; backup copies in ${data.disasterRecoveryRegion}; residency ${data.residency})`,
    "",
    `Keys: ${data.keys.map((k) => `\`${k.alias}\``).join(", ")} (customer-managed, rotated yearly).`,
    "",
    "| store | service | engine | size | zones | encryption | backups | DR copy | protected |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  const zones = (n: number) => `${n}`;
  for (const p of data.postgres) {
    out.push(
      `| ${p.name} | RDS PostgreSQL | ${p.engineVersion} | ${p.instanceClass}, ${p.storageGiB}–${p.maxStorageGiB} GiB, max_connections ${p.connectionsPlan.value}/${p.connectionsPlan.capacity ?? "?"} | ${p.multiAz ? "Multi-AZ" : "1"} | ${p.key} key, TLS forced | ${p.backupRetentionDays} d, final snapshot | ${p.backupReplication ? `${p.backupReplication.region}, ${p.backupReplication.retentionDays} d` : "—"} | ${yes(p.protect)} |`,
    );
  }
  for (const r of data.redis) {
    out.push(
      `| ${r.name} | ElastiCache ${r.engine} | ${r.engineVersion} | ${r.nodes} × ${r.nodeType} | ${r.multiAz ? "Multi-AZ" : zones(1)}${r.automaticFailover ? ", failover" : ""} | ${r.key} key, TLS required, AUTH | ${r.snapshotRetentionDays ? `${r.snapshotRetentionDays} d snapshots` : "none (cache)"} | — | ${yes(r.protect)} |`,
    );
  }
  if (data.search) {
    const s = data.search;
    out.push(
      `| ${s.name} | OpenSearch \`${s.domainName}\` | ${s.engineVersion} | ${s.instanceCount} × ${s.instanceType}, ${s.volumeGiB} GiB | ${s.zoneAwareness?.availabilityZoneCount ?? 1} | ${s.key} key, node-to-node, HTTPS ${s.tlsPolicy} | hourly, 14 d (service) | — | ${yes(s.protect)} |`,
    );
  }
  if (data.kafka) {
    const k = data.kafka;
    out.push(
      `| ${k.name} | MSK (KRaft, IAM) | ${k.kafkaVersion} | ${k.brokers} × ${k.instanceType}, ${k.volumeGiB} GiB | ${k.network.subnetIds.length} | ${k.key} key, TLS in transit | topic retention | — | ${yes(k.protect)} |`,
    );
  }
  if (data.bucket) {
    const b = data.bucket;
    out.push(
      `| ${b.name} | S3 \`${b.bucketName}\` | — | — | region | ${b.key} key, TLS-only policy | versions kept ${b.noncurrentVersionDays} d | — | ${yes(b.protect)} |`,
    );
  }
  if (data.clickhouse) {
    const c = data.clickhouse;
    const size = `${c.replicas} × ${c.resources.cpu.request}–${c.resources.cpu.limit} CPU, ${c.resources.memory.limit}, ${c.volumeGiB} GiB`;
    out.push(
      `| ${c.name} | ClickHouse in the cluster (Altinity operator), Keeper × ${c.keeperReplicas} | ${c.engineVersion} | ${size} | spread over zones | encrypted volumes, TLS on ${c.httpsPort} | daily to \`s3://${c.backup.bucket}/${c.backup.prefix}\`, ${c.backup.retentionDays} d | — | ${yes(c.protect)} |`,
    );
  }
  out.push("");
  if (data.kafka?.topics.length) {
    out.push(
      "| topic | partitions | replicas (min in sync) | retention | producers | consumers |",
      "|---|---:|---|---|---|---|",
    );
    for (const t of data.kafka.topics) {
      out.push(
        `| ${t.name} | ${t.partitions} | ${t.replicationFactor} (${t.minInsyncReplicas}) | ${t.retentionHours} h | ${t.producers.join(", ") || "—"} | ${t.consumers.join(", ") || "—"} |`,
      );
    }
    out.push("");
  }
  if (data.identities.length) {
    out.push(
      "| workload role (Pod Identity) | produces | consumes | bucket | sends mail |",
      "|---|---|---|---|---|",
    );
    for (const i of data.identities) {
      out.push(
        `| \`${i.roleName}\` | ${i.produces.join(", ") || "—"} | ${i.consumes.join(", ") || "—"} | ${i.bucket ?? "—"} | ${i.mail ? `from *@${i.mail.identity}` : "—"} |`,
      );
    }
    out.push("");
  }
  if (data.mail) {
    const m = data.mail;
    out.push(
      `Mail: SES identity \`${m.identity}\` (Easy DKIM, 2048-bit; MAIL FROM \`${m.mailFromDomain}\`), configuration set \`${m.configurationSet}\` (TLS required, bounces and complaints suppressed); DKIM, MX and SPF records in \`${m.zone}\`; senders: ${m.senders.join(", ")}.`,
      "",
    );
  }
  return out;
}
