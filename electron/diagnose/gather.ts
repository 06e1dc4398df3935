// Item 1 of the diagnosis: everything the rules need, gathered once — the profile's check, the matrix row
// for the cluster (who gets in, who may read aws-auth), what kubectl really presents, the kubeconfig entry
// versus DescribeCluster, access entries, aws-auth, authenticator logs and the creator.
import { parseClusterArn } from '../../shared/cluster-arn.js';
import { findClusterContext } from '../kubeconfig/find.js';
import { loadMergedKubeconfig, type MergedKubeconfig } from '../kubeconfig/merge.js';
import type { CellResult } from '../probe/types.js';
import { createAwsClientFactory } from '../profiles/aws-clients.js';
import type { MfaSessionStore, ResolvedCredentials } from '../profiles/credentials.js';
import type { Env } from '../profiles/deps.js';
import type { ProfileDescriptor } from '../profiles/load.js';
import { defaultProfilesDeps, ProfilesService } from '../profiles/service.js';
import { ProfilesWithUnsaved } from '../profiles/with-unsaved.js';
import type { MatrixSnapshot } from '../matrix/events.js';
import { generateToken } from '../token/generate.js';
import { createDiagnoseAwsClients, type DiagnoseAwsClients } from './aws-clients.js';
import { clockSkewFrom } from './clock-skew.js';
import { gatherAccessEntries } from './gather-access-entries.js';
import { readAwsAuth } from './gather-aws-auth.js';
import { profileRegionOf, scanForCell, scannedCluster } from './cell-scan.js';
import { describeFacts } from './gather-cluster.js';
import { creatorFromCloudTrail, decideCreator } from './gather-creator.js';
import { gatherLogs } from './gather-logs.js';
import { startKubectlIdentity, type EarlyKubectl } from './kubectl-early.js';
import { compareServer } from './kubectl-identity.js';
import type { ClusterFacts, Evidence, Gathered } from './types.js';

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

const AWS_AUTH_QUESTION = 'SelfSubjectAccessReview: get configmap aws-auth in kube-system';

function canReadAwsAuth(cell: CellResult): boolean {
  return cell.outcome === 'ADMIN' || cell.evidence.steps.some((s) => s.call === AWS_AUTH_QUESTION && s.allowed);
}

/** The first helper profile for which `attempt` succeeds; the last failure otherwise. */
async function firstOk<T>(helpers: string[], creds: (p: string) => Promise<ResolvedCredentials | undefined>, attempt: (c: ResolvedCredentials, p: string) => Promise<Gathered<T>>): Promise<Gathered<T> | undefined> {
  let last: Gathered<T> | undefined;
  for (const p of helpers) {
    const c = await creds(p);
    if (!c) continue;
    last = await attempt(c, p);
    if (last.ok) return last;
  }
  return last;
}

export async function gatherEvidence(req: DiagnoseRequest, deps: DiagnoseDeps): Promise<Evidence> {
  const now = deps.now ?? (() => new Date());
  const env = deps.env;
  const profilesDeps = defaultProfilesDeps(env, { now, checkTimeoutMs: deps.timeoutMs ?? 10_000 });
  const svc = deps.unsaved ? new ProfilesWithUnsaved(profilesDeps, [deps.unsaved]) : new ProfilesService(profilesDeps);
  const profileView = await svc.check(req.profile);
  const profileRegion = profileRegionOf(profileView.region, env);
  const evidence: Evidence = { profile: req.profile, clusterName: req.cluster, region: req.region ?? profileRegion, profileView, profiles: [], cells: [] };

  // kubectl's exec plugin runs alongside the scan and the cluster's description.
  const kubectl = deps.kubectl ?? startKubectlIdentity({ env, cluster: req.cluster, region: evidence.region, ...(deps.fromGui ? { fromGui: true } : {}) });
  try {
    // Without --region the cluster may live in any region your profiles use (like the matrix), the profile's own first.
    const matrix = deps.matrix ?? (await scanForCell({ env, ...(req.region ? { region: req.region } : {}), profileRegion, ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}), now, ...(deps.mfa ? { mfa: deps.mfa } : {}) }));
    const aws = createDiagnoseAwsClients(env, deps.timeoutMs ?? 8000);
    try {
      await gatherRest(evidence, matrix, svc, aws, kubectl, deps, now, Boolean(req.region));
    } finally {
      aws.destroy();
    }
  } finally {
    kubectl.cancel();
  }
  evidence.clockSkewSeconds = clockSkewFrom(evidence, now());
  return evidence;
}

async function gatherRest(evidence: Evidence, matrix: MatrixSnapshot, svc: ProfilesService, aws: DiagnoseAwsClients, early: EarlyKubectl, deps: DiagnoseDeps, now: () => Date, requestedRegion: boolean): Promise<void> {
  const { profile } = evidence;
  const credsCache = new Map<string, Promise<ResolvedCredentials | undefined>>();
  const creds = (p: string) => {
    let c = credsCache.get(p);
    if (!c) credsCache.set(p, (c = svc.credentials(p).catch(() => undefined)));
    return c;
  };
  const account = evidence.profileView.identity?.account;
  const scanned = scannedCluster(matrix, { name: evidence.clusterName, region: evidence.region, requestedRegion, ...(account ? { account } : {}) });
  if (scanned) evidence.region = scanned.region;
  const region = evidence.region;

  const own = evidence.profileView.status === 'valid' ? await creds(profile) : undefined;
  let facts: Gathered<ClusterFacts> | undefined;
  if (own) {
    facts = await describeFacts(aws, region, evidence.clusterName, own, profile);
    evidence.ownDescribe = facts.ok ? { ok: true, value: true, via: profile } : { ok: false, failure: facts.failure, via: profile };
  }
  if (!facts?.ok && scanned) {
    facts = (await firstOk(scanned.describedBy, creds, (c, p) => describeFacts(aws, region, evidence.clusterName, c, p))) ?? facts;
  }
  evidence.profiles = matrix.profiles;
  if (!facts?.ok) {
    evidence.clusterArnHint = await arnFromKubeconfig(deps.env, evidence.clusterName, region);
    return;
  }
  const cluster = (evidence.cluster = facts.value);
  evidence.cells = matrix.cells.filter((c) => c.clusterArn === cluster.arn);
  evidence.cell = evidence.cells.find((c) => c.profile === profile);

  const valid = matrix.profiles.filter((p) => p.status === 'valid').map((p) => p.name);
  const helpers = [...new Set([...(evidence.ownDescribe?.ok ? [profile] : []), ...(scanned?.describedBy ?? [cluster.describedVia]), ...valid])];
  const identityArn = evidence.profileView.identity?.canonicalArn;

  const kubectl = (async () => {
    const kc = await early.kubeconfig;
    const ref = { name: cluster.name, arn: cluster.arn, endpoint: cluster.endpoint };
    evidence.kubectl = await early.identityFor(ref);
    if (kc) evidence.kubeconfigProfiles = kubeconfigProfiles(kc);
    const found = kc ? findClusterContext(kc, ref) : undefined;
    if (found?.cluster?.entry.cluster) {
      evidence.server = compareServer({ cluster: found.cluster.entry.cluster, file: found.cluster.file }, { endpoint: cluster.endpoint, caData: cluster.caData });
    }
  })();

  const entries = (async () => {
    if (cluster.authenticationMode === 'CONFIG_MAP') return;
    evidence.accessEntries = await firstOk(helpers, creds, (c, p) => gatherAccessEntries(aws.eks(region, c), cluster.name, p));
  })();

  const awsAuth = (async () => {
    const readers = evidence.cells.filter(canReadAwsAuth).sort((a, b) => Number(b.outcome === 'ADMIN') - Number(a.outcome === 'ADMIN'));
    const sts = createAwsClientFactory(deps.env);
    evidence.awsAuth = await firstOk(
      readers.map((r) => r.profile),
      creds,
      async (c, p) => readAwsAuth(cluster, (await generateToken(sts.sts(region, c), cluster.name)).token, p, deps.timeoutMs ?? 8000),
    );
  })();

  const logs = (async () => {
    if (!cluster.logTypes.includes('authenticator')) return;
    evidence.logs = await firstOk(helpers, creds, (c, p) => gatherLogs(aws.logs(region, c), cluster.name, identityArn, p, now()));
  })();

  const trail = firstOk(helpers, creds, async (c, p) => ({ ...(await creatorFromCloudTrail(aws.cloudtrail(region, c), cluster.name)), via: p }));

  await Promise.all([kubectl, entries, awsAuth, logs]);
  evidence.creator = decideCreator(cluster.createdAt, cluster.authenticationMode, await trail, evidence.logs, evidence.accessEntries, now());
}

/** The AWS profiles the kubeconfig's exec entries ask for (AWS_PROFILE or --profile): the identities you use kubectl with. */
function kubeconfigProfiles(kc: MergedKubeconfig): string[] {
  const out = new Set<string>();
  for (const { entry } of kc.users.values()) {
    const exec = entry.user?.exec;
    if (!exec) continue;
    const args = (exec.args ?? []).map(String);
    const i = args.indexOf('--profile');
    if (i >= 0 && args[i + 1]) out.add(args[i + 1]!);
    for (const v of exec.env ?? []) if (v?.name === 'AWS_PROFILE' && v.value) out.add(String(v.value));
  }
  return [...out];
}

/** When no profile can describe the cluster: its ARN as a kubeconfig entry names it (update-kubeconfig uses the ARN). */
async function arnFromKubeconfig(env: Env, name: string, region: string): Promise<string | undefined> {
  try {
    const kc = await loadMergedKubeconfig(env);
    return [...kc.clusters.keys(), ...kc.contexts.keys()].find((n) => {
      const arn = parseClusterArn(n);
      return arn?.region === region && arn.name === name;
    });
  } catch {
    return undefined;
  }
}
