// The last step of every wizard: the cell probed again as the identity that needed access, and the real
// `kubectl get svc` through the user's own kubeconfig context for the cluster, with their environment.
import type { KubectlIdentityCheck, VerificationView } from '../../shared/wizard-types.js';
import type { ClusterTarget } from '../authmap/types.js';
import type { DiagnosedCell, DiagnosisService } from '../diagnose/service.js';
import { kubectlGetSvc, type KubectlRunOptions } from '../kubectl/get-svc.js';
import { kubectlWhoami, sameIdentity } from '../kubectl/whoami.js';
import { clusterTarget } from '../fix/writer.js';
import { findClusterContext, loadMergedKubeconfig } from '../kubeconfig/index.js';
import type { Env } from '../profiles/deps.js';
import type { ProfilesService } from '../profiles/service.js';
import { outcomeWorks } from '../../shared/matrix-types.js';

export interface VerifyDeps {
  env: Env;
  diagnosis: Pick<DiagnosisService, 'reprobe' | 'kubectlEnv' | 'redact'>;
  profiles: ProfilesService;
  kubectl?: Pick<KubectlRunOptions, 'kubectl' | 'timeoutMs'>;
}

const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!;

/** The matrix's new probe of the cell, else a direct one, as the matrix would (of the cluster as given, else as the evidence has it). */
function probe(deps: VerifyDeps, profile: string, d: DiagnosedCell, cluster?: ClusterTarget): Promise<Pick<VerificationView, 'outcome' | 'username' | 'groups' | 'message'>> {
  return deps.diagnosis.reprobe(profile, d.diagnosis.cluster.arn, { cluster: async () => cluster ?? clusterTarget(d.evidence, undefined, deps.env), profiles: deps.profiles, env: deps.env });
}

async function kubectlContext(env: Env, d: DiagnosedCell): Promise<string | { note: string }> {
  try {
    const kc = await loadMergedKubeconfig(env);
    const found = findClusterContext(kc, { name: d.diagnosis.cluster.name, arn: d.diagnosis.cluster.arn, ...(d.evidence.cluster?.endpoint ? { endpoint: d.evidence.cluster.endpoint } : {}) });
    return found ? found.name : { note: 'Your kubeconfig has no context for this cluster yet — run the update-kubeconfig step first, then verify again' };
  } catch (err) {
    return { note: `Your kubeconfig cannot be read (${firstLine(err)}), so kubectl was not run` };
  }
}

export async function verifyCell(deps: VerifyDeps, profile: string, d: DiagnosedCell, cluster?: ClusterTarget): Promise<VerificationView> {
  const [probed, context] = await Promise.all([probe(deps, profile, d, cluster), kubectlContext(deps.env, d)]);
  let kubectl: VerificationView['kubectl'];
  let kubectlNote: string | undefined;
  let identity: KubectlIdentityCheck | undefined;
  if (typeof context === 'string') {
    const env = await deps.diagnosis.kubectlEnv();
    const [run, who] = await Promise.all([kubectlGetSvc({ env, context, ...deps.kubectl }), kubectlWhoami({ env, context, ...deps.kubectl })]);
    if (run) kubectl = { command: run.command, exitCode: run.exitCode, stdout: deps.diagnosis.redact(run.stdout), stderr: deps.diagnosis.redact(run.stderr) };
    else kubectlNote = 'kubectl is not installed (not found on PATH), so `kubectl get svc` was not run';
    if (who) identity = identityCheck(context, who, d, deps.diagnosis.redact);
  } else kubectlNote = context.note;
  const reached = outcomeWorks(probed.outcome);
  return {
    profile,
    ...probed,
    ...(probed.message ? { message: deps.diagnosis.redact(probed.message) } : {}),
    ...(kubectl ? { kubectl } : {}),
    ...(kubectlNote ? { kubectlNote } : {}),
    ...(identity ? { kubectlIdentity: identity } : {}),
    ok: reached && (!kubectl || kubectl.exitCode === 0) && identity?.sameAsProfile !== false,
  };
}

function identityCheck(context: string, who: NonNullable<Awaited<ReturnType<typeof kubectlWhoami>>>, d: DiagnosedCell, redact: (t: string) => string): KubectlIdentityCheck {
  const profileArn = d.diagnosis.identity?.canonicalArn;
  const same = sameIdentity(who, profileArn);
  return {
    context,
    command: who.command,
    ...(who.username !== undefined ? { username: who.username } : {}),
    ...(who.arn ? { arn: who.arn } : {}),
    ...(profileArn ? { profileArn } : {}),
    ...(same !== undefined ? { sameAsProfile: same } : {}),
    ...(who.error ? { error: redact(who.error) } : {}),
  };
}
