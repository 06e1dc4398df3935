// The diagnosis' evidence after the profile's check: the matrix scan (every profile against the cluster), the
// cluster's description, what kubectl presents, access entries, aws-auth, authenticator logs and the creator.
// Loaded on demand by gather.ts. The diagnosed profile's own DescribeCluster runs alongside the scan; the
// Kubernetes client (only to read aws-auth) is loaded once the scan has found the cluster, while it probes.
import { parseClusterArn } from '../../shared/cluster-arn.js';
import { findClusterContext } from '../kubeconfig/find.js';
import { loadMergedKubeconfig, type MergedKubeconfig } from '../kubeconfig/merge.js';
import type { CellResult } from '../probe/types.js';
import { createAwsClientFactory } from '../profiles/aws-clients.js';
import type { MfaSessionStore, ResolvedCredentials } from '../profiles/credentials.js';
import type { Env } from '../profiles/deps.js';
import type { ProfilesService } from '../profiles/service.js';
import type { MatrixSnapshot, ScanEvent } from '../matrix/events.js';
import { generateToken } from '../token/generate.js';
import { scanForCell, scannedCluster } from './cell-scan.js';
import { createDiagnoseAwsClients, type DiagnoseAwsClients } from './aws-clients.js';
import { gatherAccessEntries } from './gather-access-entries.js';
import { describeFacts } from './gather-cluster.js';
import { gatherLogs } from './gather-logs.js';
import { creatorFromCloudTrail, decideCreator } from './gather-creator.js';
import type { EarlyKubectl } from './kubectl-early.js';
import { compareServer } from './kubectl-identity.js';
import type { ClusterFacts, Evidence, Gathered } from './types.js';

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

export interface FromScanOptions {
  svc: ProfilesService;
  early: EarlyKubectl;
  /** gather.ts's DiagnoseDeps, as far as this part uses them. */
  deps: { env: Env; mfa?: MfaSessionStore; timeoutMs?: number; matrix?: MatrixSnapshot };
  now: () => Date;
  profileRegion: string;
  requestedRegion: boolean;
}

export async function gatherFromScan(evidence: Evidence, o: FromScanOptions): Promise<void> {
  const { deps, now, svc } = o;
  const credsCache = new Map<string, Promise<ResolvedCredentials | undefined>>();
  const creds = (p: string) => {
    let c = credsCache.get(p);
    if (!c) credsCache.set(p, (c = svc.credentials(p).catch(() => undefined)));
    return c;
  };
  let awsAuthCode: Promise<typeof import('./gather-aws-auth.js')> | undefined;
  const loadAwsAuthCode = () => (awsAuthCode ??= import('./gather-aws-auth.js'));
  const aws = createDiagnoseAwsClients(deps.env, deps.timeoutMs ?? 8000);
  try {
    // Where the profile's own description goes when the scan finds the cluster in the expected region.
    const guessRegion = evidence.region;
    const ownDescribe = evidence.profileView.status === 'valid' ? creds(evidence.profile).then((own) => own && describeFacts(aws, guessRegion, evidence.clusterName, own, evidence.profile)) : undefined;
    ownDescribe?.catch(() => undefined);
    // Without --region the cluster may live in any region your profiles use (like the matrix), the profile's own first.
    // The probes of a cluster's cells come last: the aws-auth reader's code loads while they run.
    const matrix =
      deps.matrix ??
      (await scanForCell({
        env: deps.env,
        ...(o.requestedRegion ? { region: evidence.region } : {}),
        profileRegion: o.profileRegion,
        ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
        now,
        ...(deps.mfa ? { mfa: deps.mfa } : {}),
        onEvent: (e: ScanEvent) => {
          if (e.type === 'cluster' && e.cluster.name === evidence.clusterName) void loadAwsAuthCode().catch(() => undefined);
        },
      }));
    const described = (region: string, own: ResolvedCredentials) => (region === guessRegion && ownDescribe ? ownDescribe.then((f) => f ?? describeFacts(aws, region, evidence.clusterName, own, evidence.profile)) : describeFacts(aws, region, evidence.clusterName, own, evidence.profile));
    await gatherRest(evidence, matrix, { ...o, aws, creds, described, loadAwsAuthCode });
  } finally {
    aws.destroy();
  }
}

interface RestContext extends FromScanOptions {
  aws: DiagnoseAwsClients;
  creds: (p: string) => Promise<ResolvedCredentials | undefined>;
  described: (region: string, own: ResolvedCredentials) => Promise<Gathered<ClusterFacts>>;
  loadAwsAuthCode: () => Promise<typeof import('./gather-aws-auth.js')>;
}

async function gatherRest(evidence: Evidence, matrix: MatrixSnapshot, r: RestContext): Promise<void> {
  const { aws, creds, deps, early, now } = r;
  const { profile } = evidence;
  const account = evidence.profileView.identity?.account;
  const scanned = scannedCluster(matrix, { name: evidence.clusterName, region: evidence.region, requestedRegion: r.requestedRegion, ...(account ? { account } : {}) });
  if (scanned) evidence.region = scanned.region;
  const region = evidence.region;

  const own = evidence.profileView.status === 'valid' ? await creds(profile) : undefined;
  let facts: Gathered<ClusterFacts> | undefined;
  if (own) {
    facts = await r.described(region, own);
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
    if (!readers.length) {
      evidence.awsAuth = undefined;
      return;
    }
    const sts = createAwsClientFactory(deps.env);
    const { readAwsAuth } = await r.loadAwsAuthCode();

    evidence.awsAuth = await firstOk(
      readers.map((reader) => reader.profile),
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
