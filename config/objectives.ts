/**
 * Default service level objectives by kind, over a 30-day window: what a workload promises when
 * its entry declares none. Workers serve no requests: their alerts are about running at all.
 */
import type { EntryKind } from "./types";

/**
 * A service level objective of a workload that serves requests, over 30 days. Workloads without
 * one get their kind's default (config/objectives.ts).
 */
export interface ObjectiveSpec {
  /** Percent of requests that succeed (not a 5xx), e.g. 99.9. */
  availability: number;
  /** Percent of requests answered within `thresholdMs`, e.g. 99 within 500 ms. */
  latency?: { percent: number; thresholdMs: number };
}

/**
 * The bucket boundaries (seconds) of `http.server.request.duration`, as the OpenTelemetry HTTP
 * semantic conventions advise: a latency threshold must be one of them, or no bucket counts it.
 */
export const HTTP_DURATION_BUCKETS_SECONDS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
] as const;

/** The window every objective's error budget is counted over. */
export const OBJECTIVE_WINDOW_DAYS = 30;

export const DEFAULT_OBJECTIVES: Partial<Record<EntryKind, ObjectiveSpec>> = {
  service: { availability: 99.9, latency: { percent: 99, thresholdMs: 500 } },
  web: { availability: 99.5, latency: { percent: 95, thresholdMs: 1000 } },
};
