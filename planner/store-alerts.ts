/**
 * Alerts on the environment's data stores, from the data layer's plan: connections against the
 * `max_connections` the plan computed, free storage against the allocated size, replication and
 * partition health, each paging the store's owner. The managed stores' metrics come from
 * CloudWatch through the cluster's CloudWatch exporter (YACE), which names them
 * `aws_<namespace>_<metric>_<statistic>` with a `dimension_<Name>` label per dimension. Pure.
 */
import type { EnvironmentPlan } from "./plan-types";

export interface StoreAlert {
  alert: string;
  expr: string;
  for: string;
  severity: "critical" | "warning";
  summary: string;
}

export interface StoreAlertPlan {
  store: string;
  kind: string;
  /** The team paged: the store entry's `owner`. */
  team: string;
  alerts: StoreAlert[];
}

const GiB = 1024 ** 3;

export function planStoreAlerts(plan: EnvironmentPlan): StoreAlertPlan[] {
  const d = plan.data;
  if (!d) return [];
  const out: StoreAlertPlan[] = [];
  const alert = (
    name: string,
    expr: string,
    severity: StoreAlert["severity"],
    summary: string,
    wait = "10m",
  ): StoreAlert => ({ alert: name, expr, for: wait, severity, summary });
  for (const p of d.postgres) {
    const sel = `dimension_DBInstanceIdentifier="${p.resourceName}"`;
    const max = p.connectionsPlan.value;
    out.push({
      store: p.name,
      kind: "postgres",
      team: p.owner,
      alerts: [
        alert(
          "PostgresConnectionsHigh",
          `max(aws_rds_database_connections_maximum{${sel}}) > ${Math.floor(max * 0.8)}`,
          "warning",
          `${p.name}: more than 80% of its ${max} connections in use`,
        ),
        alert(
          "PostgresConnectionsExhausted",
          `max(aws_rds_database_connections_maximum{${sel}}) > ${Math.floor(max * 0.95)}`,
          "critical",
          `${p.name}: more than 95% of its ${max} connections in use`,
          "5m",
        ),
        // Storage autoscaling grows the volume up to maxStorageGiB; below 10% of it, it has run out of room.
        alert(
          "PostgresStorageLow",
          `min(aws_rds_free_storage_space_minimum{${sel}}) < ${Math.round(p.maxStorageGiB * GiB * 0.1)}`,
          "critical",
          `${p.name}: less than 10% of its ${p.maxStorageGiB} GiB storage ceiling free`,
        ),
      ],
    });
  }
  for (const r of d.redis) {
    const sel = `dimension_CacheClusterId=~"${r.resourceName}-.*"`;
    out.push({
      store: r.name,
      kind: "redis",
      team: r.owner,
      alerts: [
        alert(
          "ValkeyMemoryHigh",
          `max(aws_elasticache_database_memory_usage_percentage_maximum{${sel}}) > 85`,
          "warning",
          `${r.name}: more than 85% of its memory used (keys will be evicted)`,
        ),
        ...(r.nodes > 1
          ? [
              alert(
                "ValkeyReplicationLag",
                `max(aws_elasticache_replication_lag_maximum{${sel}}) > 30`,
                "warning",
                `${r.name}: a replica is more than 30 s behind its primary`,
              ),
            ]
          : []),
        alert(
          "ValkeyConnectionsHigh",
          `max(aws_elasticache_curr_connections_maximum{${sel}}) > 50000`,
          "warning",
          `${r.name}: more than 50000 client connections (the limit is 65000)`,
        ),
      ],
    });
  }
  if (d.search) {
    const s = d.search;
    const sel = `dimension_DomainName="${s.domainName}"`;
    out.push({
      store: s.name,
      kind: "search",
      team: s.owner,
      alerts: [
        alert(
          "SearchClusterRed",
          `max(aws_es_cluster_status_red_maximum{${sel}}) >= 1`,
          "critical",
          `${s.name}: a primary shard is unassigned`,
          "5m",
        ),
        // FreeStorageSpace is in MiB, per node; the volume of each node is volumeGiB.
        alert(
          "SearchStorageLow",
          `min(aws_es_free_storage_space_minimum{${sel}}) < ${Math.round(s.volumeGiB * 1024 * 0.2)}`,
          "warning",
          `${s.name}: a node has less than 20% of its ${s.volumeGiB} GiB free`,
        ),
      ],
    });
  }
  if (d.kafka) {
    const k = d.kafka;
    const sel = `dimension_Cluster_Name="${k.resourceName}"`;
    out.push({
      store: k.name,
      kind: "kafka",
      team: k.owner,
      alerts: [
        alert(
          "KafkaOfflinePartitions",
          `max(aws_kafka_offline_partitions_count_maximum{${sel}}) > 0`,
          "critical",
          `${k.name}: partitions without a leader`,
          "5m",
        ),
        alert(
          "KafkaUnderReplicatedPartitions",
          `sum(aws_kafka_under_replicated_partitions_maximum{${sel}}) > 0`,
          "warning",
          `${k.name}: partitions with fewer in-sync replicas than their replication factor`,
          "15m",
        ),
        alert(
          "KafkaDiskHigh",
          `max(aws_kafka_data_logs_disk_used_maximum{${sel}}) > 80`,
          "warning",
          `${k.name}: a broker's data volume is more than 80% full`,
        ),
      ],
    });
  }
  return out;
}
