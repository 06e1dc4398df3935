// The scan engine's bookkeeping: a profile's row, one run (the initial scan or a re-run), and small helpers.
import type { DiscoveredCluster } from '../clusters/types.js';
import type { Reachability } from '../probe/reachability.js';
import type { ProfileDescriptor } from '../profiles/load.js';
import type { ScanCluster, ScanProfile } from './events.js';
import type { ProfileCredentials } from './profile-credentials.js';

export interface Row {
  descriptor: ProfileDescriptor;
  view: ScanProfile;
  creds: Promise<ProfileCredentials>;
}

export interface Run {
  /** Names the run's jobs on the Kubernetes side (cancelled together). */
  id: number;
  controller: AbortController;
  /** One TLS reachability check per cluster per run. */
  reach: Map<string, Promise<Reachability>>;
  started: number;
  done: number;
  total: () => number;
  discovering: boolean;
  rerun: boolean;
}

/** The token STS clients only resolve the endpoint: every token is signed with its profile's credentials. */
export const TOKEN_ENDPOINT_ONLY = { accessKeyId: 'unused', secretAccessKey: 'unused' };

export const cellKey = (profile: string, arn: string) => `${profile}\u0000${arn}`;

export function toScanCluster(c: DiscoveredCluster): ScanCluster {
  const { caData: _ca, ...rest } = c;
  return { ...rest, describedBy: [...c.describedBy] };
}
