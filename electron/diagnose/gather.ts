// Item 1 of the diagnosis: everything the rules need, gathered once — the profile's check, the matrix row
// for the cluster (who gets in, who may read aws-auth), what kubectl really presents, the kubeconfig entry
// versus DescribeCluster, access entries, aws-auth, authenticator logs and the creator.
// This first part needs only the config files: it starts kubectl's exec plugin (often `aws eks get-token`, the
// longest single step) before the profile's check, and the code of the rest (the scan, the AWS and Kubernetes
// clients: most of what the diagnosis loads) is loaded while the plugin runs.
import type { MfaSessionStore } from '../profiles/credentials.js';
import type { Env } from '../profiles/deps.js';
import type { ProfileDescriptor } from '../profiles/load.js';
import { defaultProfilesDeps, ProfilesService } from '../profiles/service.js';
import { ProfilesWithUnsaved } from '../profiles/with-unsaved.js';
import type { MatrixSnapshot } from '../matrix/events.js';
import { clockSkewFrom } from './clock-skew.js';
import { profileRegionOf } from './profile-region.js';
import { startKubectlIdentity, type EarlyKubectl } from './kubectl-early.js';
import type { Evidence } from './types.js';

export interface DiagnoseDeps {
  env: Env;
  now?: () => Date;
  mfa?: MfaSessionStore;
  /** The app was started from a GUI launcher: find the exec plugin on the login shell's PATH. */
  fromGui?: boolean;
  /** Per AWS / Kubernetes call. */
  timeoutMs?: number;
  /** A matrix the app already has (same profiles, covering the cluster's region): no new scan. */
  matrix?: MatrixSnapshot;
  /** A profile the config file does not have yet (an IAM Identity Center identity's row). */
  unsaved?: ProfileDescriptor;
  /** What kubectl presents, already started by the host (alongside its own scan) for this cluster name and region. */
  kubectl?: EarlyKubectl;
}

export interface DiagnoseRequest {
  profile: string;
  cluster: string;
  region?: string;
}

/** The caller's mistake (a cell named by something that is not a cluster ARN). An unknown profile is the one UnknownProfileError. */
export class DiagnoseArgumentError extends Error {}

export async function gatherEvidence(req: DiagnoseRequest, deps: DiagnoseDeps): Promise<Evidence> {
  const now = deps.now ?? (() => new Date());
  const env = deps.env;
  const profilesDeps = defaultProfilesDeps(env, { now, checkTimeoutMs: deps.timeoutMs ?? 10_000 });
  const svc = deps.unsaved ? new ProfilesWithUnsaved(profilesDeps, [deps.unsaved]) : new ProfilesService(profilesDeps);
  // The profile's region is in the config file (the check below reports the same one).
  const descriptor = (await svc.load()).profiles.find((p) => p.name === req.profile);
  const region = req.region ?? profileRegionOf(descriptor?.region, env);
  const kubectl = deps.kubectl ?? (descriptor ? startKubectlIdentity({ env, cluster: req.cluster, region, ...(deps.fromGui ? { fromGui: true } : {}) }) : undefined);
  try {
    const later = import('./gather-from-scan.js');
    later.catch(() => undefined); // awaited after the check
    const profileView = await svc.check(req.profile);
    const profileRegion = profileRegionOf(profileView.region, env);
    const evidence: Evidence = { profile: req.profile, clusterName: req.cluster, region: req.region ?? profileRegion, profileView, profiles: [], cells: [] };
    const early = kubectl && evidence.region === region ? kubectl : startKubectlIdentity({ env, cluster: req.cluster, region: evidence.region, ...(deps.fromGui ? { fromGui: true } : {}) });
    try {
      await (await later).gatherFromScan(evidence, { svc, early, deps, now, profileRegion, requestedRegion: Boolean(req.region) });
    } finally {
      early.cancel();
    }
    evidence.clockSkewSeconds = clockSkewFrom(evidence, now());
    return evidence;
  } finally {
    kubectl?.cancel();
  }
}
