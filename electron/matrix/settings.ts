import type { RegionSearch } from '../clusters/regions.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../common/retry.js';

export interface ScanSettings {
  /** Only these profiles (rows); all when absent. */
  profiles?: string[];
  regions?: RegionSearch;
  /** Kubernetes requests in flight at once, over all clusters. */
  kubeConcurrency: number;
  /**
   * Kubernetes requests in flight at once to one cluster (= its kept-alive connections). Each connection costs a
   * TLS handshake (~1.5 ms of CPU here, more on the API server): 4 keeps a column's cells flowing (a probe asks
   * at most 4 questions at once) without opening 8 connections to every cluster of a large matrix.
   */
  kubeConcurrencyPerCluster: number;
  /** AWS calls in flight at once per account (EKS has per-account API rate limits). */
  awsConcurrencyPerAccount: number;
  /** Per call (each attempt), AWS and Kubernetes. */
  timeoutMs: number;
  /** Attempts of the AWS SDK's adaptive retry strategy. */
  awsMaxAttempts: number;
  /** The same policy for Kubernetes calls (429 and 5xx). */
  kubeRetry: RetryPolicy;
  /**
   * Where the Kubernetes probes run: a worker thread (default: TLS and client-node on another core, so AWS calls
   * and the app's window are not held up), or this thread ('main', for comparison; also the fallback).
   */
  probeThread: 'worker' | 'main';
}

export const DEFAULT_SCAN_SETTINGS: ScanSettings = {
  kubeConcurrency: 64,
  kubeConcurrencyPerCluster: 4,
  awsConcurrencyPerAccount: 8,
  timeoutMs: 5000,
  awsMaxAttempts: 10,
  kubeRetry: DEFAULT_RETRY_POLICY,
  probeThread: 'worker',
};

export function scanSettings(overrides: Partial<ScanSettings> = {}): ScanSettings {
  const s = { ...DEFAULT_SCAN_SETTINGS, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) } as ScanSettings;
  for (const key of ['kubeConcurrency', 'kubeConcurrencyPerCluster', 'awsConcurrencyPerAccount', 'timeoutMs', 'awsMaxAttempts'] as const) {
    if (!Number.isInteger(s[key]) || s[key] < 1) throw new RangeError(`${key} must be a whole number ≥ 1 (got ${s[key]})`);
  }
  if (s.probeThread !== 'worker' && s.probeThread !== 'main') throw new RangeError(`probeThread must be "worker" or "main" (got ${String(s.probeThread)})`);
  return s;
}
