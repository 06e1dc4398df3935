// Why a context fails, in one sentence, and the one thing to do: the diagnosis of (kubectl's profile, the cluster)
// gives the cause and its first fix; what the diagnosis cannot see (a profile that does not exist, a context with
// no AWS profile at all) is said here: the diagnosis's own cause and fix where it has one, else the "Use with
// kubectl" dialog.
import { CAUSES, type CauseCode } from '../../shared/causes.js';
import type { ContextActionView, KubectlContextView } from '../../shared/contexts-types.js';
import type { DiagnosisView } from '../../shared/diagnosis-types.js';
import { outcomeWorks } from '../../shared/matrix-types.js';
import { redact } from '../../shared/redact.js';
import { commandPieces } from '../../shared/shell-arg.js';
import { pointEntryAtProfileFix } from '../diagnose/fixes.js';
import { missingProfileSentence } from '../diagnose/rules-kubectl.js';
import type { EarlyKubectl } from '../diagnose/kubectl-early.js';
import { fixView } from '../diagnose/view.js';

/** `kubectl`: what the context's own check found kubectl presents, so the diagnosis does not run its plugin again. */
export type Diagnose = (profile: string, clusterArn: string, kubectl?: EarlyKubectl) => Promise<DiagnosisView>;

export interface Explanation {
  cause?: { code: string; sentence: string };
  action?: ContextActionView;
}

const USE: ContextActionView = { kind: 'use-with-kubectl', label: 'Choose the profile kubectl uses here' };

/** The first sentence of a text (ARNs and file names hold no ". "). */
export function firstSentence(text: string): string {
  const m = /^(.*?[.!?])(\s|$)/s.exec(text.trim());
  return (m ? m[1]! : text.trim()).replace(/\s+/g, ' ');
}

const FALLBACK: Record<string, CauseCode> = {
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHORIZED: 'NOT_MAPPED',
  NO_CREDENTIALS: 'CREDENTIALS_MISSING',
  UNREACHABLE: 'ENDPOINT_UNREACHABLE',
  ERROR: 'ENDPOINT_UNREACHABLE',
};

/**
 * A context whose exec names a profile the AWS config lacks: the diagnosis's cause and fix — point the entry at a
 * profile that gets in to this cluster (one of kubectl's other contexts shows which), else choose one.
 */
function missingProfile(view: KubectlContextView, profile: string, others: KubectlContextView[]): Explanation {
  const cause = { code: 'KUBECONFIG_IDENTITY_MISMATCH', sentence: missingProfileSentence(profile) };
  // The same cluster: by ARN, or by API server (a context whose token was never made knows no account, so no ARN).
  const sameCluster = (o: KubectlContextView) => (view.clusterArn ? o.clusterArn === view.clusterArn : Boolean(view.server) && o.server === view.server);
  const working = others.find((o) => o.eks && sameCluster(o) && o.outcome && outcomeWorks(o.outcome) && o.credential.profile && o.credential.profileExists !== false);
  const to = working?.credential.profile;
  const cluster = view.clusterName ?? working?.clusterName;
  const region = view.region ?? working?.region;
  if (!to || !cluster || !region) return { cause, action: USE };
  const fix = fixView(pointEntryAtProfileFix({ cluster, region }, to, view.name === working?.clusterArn ? undefined : view.name), redact);
  return { cause, action: { kind: 'fix', label: fix.title, fix, profile: to } };
}

/** The program of a shown exec command line: its first word after the NAME=value settings of the exec block's env. */
export function programIn(command: string): string | undefined {
  return commandPieces(command).find((p) => p.trim() !== '' && !/^[A-Za-z_]\w*=/.test(p));
}

/** Whether the explanation needs the other contexts' answers (a profile the config lacks: which context gets in). */
export function needsOtherContexts(view: KubectlContextView): boolean {
  const c = view.credential;
  return c.kind !== 'static-token' && c.kind !== 'client-certificate' && c.kind !== 'none' && c.kind !== 'other-exec' && Boolean(c.profile) && c.profileExists === false;
}

export async function explainContext(view: KubectlContextView, diagnose: Diagnose, others: KubectlContextView[] = [], kubectl?: EarlyKubectl): Promise<Explanation> {
  if (!view.eks || !view.outcome || outcomeWorks(view.outcome)) return {};
  const c = view.credential;
  if (c.kind === 'static-token' || c.kind === 'client-certificate' || c.kind === 'none') {
    const how = c.kind === 'static-token' ? 'a fixed token saved in the kubeconfig' : c.kind === 'client-certificate' ? 'a client certificate' : 'no credentials at all';
    return {
      cause: { code: 'EXEC_PLUGIN_BROKEN', sentence: `This context signs in with ${how}; EKS only accepts short-lived tokens that kubectl makes with an AWS profile.` },
      action: USE,
    };
  }
  if (c.kind === 'other-exec') {
    return { cause: { code: 'EXEC_PLUGIN_BROKEN', sentence: `kubectl gets its token from ${(c.command && programIn(c.command)) ?? 'a helper'}, which did not give a token the cluster accepts.` }, action: USE };
  }
  if (needsOtherContexts(view)) return missingProfile(view, c.profile!, others);
  if (!view.clusterArn || !c.profile) {
    return { cause: { code: FALLBACK[view.outcome] ?? 'ENDPOINT_UNREACHABLE', sentence: firstSentence(view.problem ?? CAUSES[FALLBACK[view.outcome] ?? 'ENDPOINT_UNREACHABLE'].explanation) }, action: USE };
  }
  let d: DiagnosisView;
  try {
    d = await diagnose(c.profile, view.clusterArn, kubectl);
  } catch (err) {
    const code = FALLBACK[view.outcome] ?? 'ENDPOINT_UNREACHABLE';
    return { cause: { code, sentence: firstSentence(view.problem ?? (err as Error).message) }, action: USE };
  }
  const primary = d.diagnosis.causes[0];
  // The page probed with kubectl's own token and it failed: "this profile works" cannot be the answer here.
  const cause = primary && primary.code !== 'OK' ? primary : d.diagnosis.causes.find((x) => x.code !== 'OK');
  const code = cause?.code ?? (view.identityArn && d.diagnosis.identity && view.identityArn !== d.diagnosis.identity.arn ? 'KUBECONFIG_IDENTITY_MISMATCH' : FALLBACK[view.outcome] ?? 'ENDPOINT_UNREACHABLE');
  const sentence = cause ? firstSentence(cause.detail) : firstSentence(CAUSES[code as CauseCode]?.explanation ?? view.problem ?? '');
  const fix = d.diagnosis.fixes[0];
  return {
    cause: { code, sentence },
    action: fix ? { kind: 'fix', label: fix.title, fix, profile: c.profile } : USE,
  };
}
