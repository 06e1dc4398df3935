// A scan's snapshot as the CLI's `matrix --json` prints it and the app's JSON export saves it.
import { clockSkewIn } from '../../shared/clock-skew.js';
import type { MatrixSnapshot } from './events.js';

/** AWS's clock, when a profile's or a discovery call's error reveals that this machine's is off. */
type Messages = { message?: string }[];

export function clockSkewOf(m: { profiles: { error?: { message: string } }[]; failures: Messages; denials: Messages }): { seconds: number; message: string } | undefined {
  return clockSkewIn([...m.profiles.map((p) => p.error?.message), ...m.failures.map((f) => f.message), ...m.denials.map((d) => d.message)], new Date());
}

/** The `matrix --json` shape of docs/cli.md (plus `message` on failing cells, `retryable` on throttled ones, and the discovery notes). */
export function matrixJson(m: MatrixSnapshot) {
  return {
    profiles: m.profiles.map((p) => p.name),
    clusters: m.clusters.map((c) => ({ name: c.name, region: c.region, arn: c.arn, endpoint: c.endpoint })),
    cells: m.cells.map((c) => ({
      profile: c.profile,
      clusterArn: c.clusterArn,
      outcome: c.outcome,
      ...(c.username !== undefined ? { username: c.username } : {}),
      ...(c.groups ? { groups: c.groups } : {}),
      ms: c.ms,
      ...(c.message ? { message: c.message } : {}),
      ...(c.retryable ? { retryable: true } : {}),
    })),
    elapsedMs: m.elapsedMs,
    discovery: {
      regions: m.regions,
      denied: m.denials.map((d) => ({ profile: d.profile, region: d.region, operation: d.operation, code: d.code, message: d.message })),
      failed: m.failures.map((f) => ({ profile: f.profile, region: f.region, operation: f.operation, code: f.code, message: f.message })),
      // Profiles whose credentials failed: without this a file the aws CLI refuses would read as "no clusters".
      profileErrors: m.profiles.flatMap((p) => (p.error ? [{ profile: p.name, status: p.status, code: p.error.code, message: p.error.message }] : [])),
      ...(clockSkewOf(m) ? { clockSkew: clockSkewOf(m) } : {}),
    },
  };
}
