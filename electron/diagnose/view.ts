// The diagnosis as the renderer may see it: causes with the catalogue's explanation, fixes (marking those the
// app performs in one click), "what kubectl really uses" against "what the app tested", and the evidence by
// topic — every string through the redaction.
import { familyOf } from './fix-families.js';
import { identityKey } from '../../shared/arn.js';
import { CAUSE_CODES, causeInfo, type CauseCode } from '../../shared/causes.js';
import type { AppSideView, DiagnosisFixView, DiagnosisView, KubeconfigFixTarget, KubectlSideView } from '../../shared/diagnosis-types.js';
import type { Diagnosis, Evidence, Fix } from './types.js';
import { evidenceSections } from './evidence-lines.js';
import { fixJson } from './fix-command.js';

type Redactor = (text: string) => string;

/** The one-click target of a fix: a step running `aws eks update-kubeconfig` (or the app's own) with a real profile. */
export function kubeconfigTargetOf(fix: Pick<Fix, 'steps'>): KubeconfigFixTarget | undefined {
  for (const step of fix.steps) {
    const argv = step.argv;
    const isAws = argv[0] === 'aws' && argv[1] === 'eks' && argv[2] === 'update-kubeconfig';
    const isOurs = argv[0] === 'eks-access-doctor' && argv[1] === 'update-kubeconfig';
    if (!isAws && !isOurs) continue;
    const flag = (name: string) => {
      const i = argv.indexOf(name);
      return i >= 0 ? argv[i + 1] : undefined;
    };
    const profile = flag('--profile');
    if (!profile || /[<>]/.test(profile)) return undefined;
    const roleArn = flag('--role-arn');
    const alias = flag('--alias');
    return { profile, ...(roleArn && !/[<>]/.test(roleArn) ? { roleArn } : {}), ...(alias ? { alias } : {}), pinProfile: argv.includes('--pin-profile'), ...(argv.includes('--use-app-token') ? { appTokenHelper: true } : {}) };
  }
  return undefined;
}

/** A fix as the renderer sees it: redacted, with its family and its one-click kubeconfig target. */
export function fixView(f: Fix, r: Redactor): DiagnosisFixView {
  const target = kubeconfigTargetOf(f);
  const steps = fixJson(f).steps.map((s) => ({ title: r(s.title), command: r(s.command), ...(s.caution ? { caution: r(s.caution) } : {}) }));
  return { id: f.id, title: r(f.title), family: familyOf(f.id), steps, ...(target ? { kubeconfig: target } : {}) };
}

function catalogueExplanation(code: string): string {
  return (CAUSE_CODES as readonly string[]).includes(code) ? causeInfo(code as CauseCode).explanation : '';
}

export function kubectlSide(e: Evidence, r: Redactor): KubectlSideView {
  const k = e.kubectl;
  if (!k) return { via: 'none', execEnv: [], envOverrides: [] };
  return {
    ...(k.context ? { context: k.context.name, contextFile: k.context.file, isCurrent: k.context.isCurrent } : {}),
    ...(k.currentContext ? { currentContext: k.currentContext } : {}),
    ...(k.context?.server ? { server: k.context.server } : {}),
    ...(k.exec ? { exec: r([k.exec.command, ...k.exec.args].join(' ')), apiVersion: k.exec.apiVersion } : {}),
    execEnv: (k.exec?.env ?? []).map((v) => r(`${v.name}=${v.value}`)),
    ...(k.arn ? { arn: k.arn } : {}),
    ...(k.canonicalArn ? { canonicalArn: k.canonicalArn } : {}),
    via: k.via,
    envOverrides: [...k.envOverrides],
    ...(k.failure ? { failure: { kind: k.failure.kind, message: r(k.failure.message + (k.failure.stderr ? ` — ${k.failure.stderr}` : '')) } } : {}),
  };
}

export function appSide(d: Diagnosis, e: Evidence): AppSideView {
  return {
    profile: d.profile,
    ...(d.identity ? { identityArn: d.identity.arn, canonicalArn: d.identity.canonicalArn } : {}),
    outcome: d.outcome,
    ...(e.cell?.username !== undefined ? { username: e.cell.username } : {}),
    ...(e.cell?.groups ? { groups: e.cell.groups } : {}),
  };
}

export function diagnosisView(d: Diagnosis, e: Evidence, r: Redactor, elapsedMs: number): DiagnosisView {
  const kubectl = kubectlSide(e, r);
  const app = appSide(d, e);
  const leftArn = kubectl.canonicalArn ?? kubectl.arn;
  const rightArn = app.canonicalArn ?? app.identityArn;
  const left = leftArn && identityKey(leftArn);
  const right = rightArn && identityKey(rightArn);
  const fixes = d.fixes.map((f) => fixView(f, r));
  return {
    diagnosis: {
      profile: d.profile,
      cluster: d.cluster,
      ...(d.identity ? { identity: d.identity } : {}),
      ...(d.kubectlIdentity ? { kubectlIdentity: { arn: d.kubectlIdentity.arn, via: r(d.kubectlIdentity.via) } } : {}),
      outcome: d.outcome,
      causes: d.causes.map((c) => ({ code: c.code, title: r(c.title), detail: r(c.detail), explanation: catalogueExplanation(c.code), evidence: c.evidence.map(r) })),
      fixes,
      creator: { ...d.creator },
      unknowns: d.unknowns.map((u) => ({ what: r(u.what), why: r(u.why), step: r(u.step) })),
    },
    evidenceLines: evidenceSections(e).map((s) => ({ title: s.title, lines: s.lines.map(r) })),
    kubectl,
    app,
    arnsDiffer: Boolean(left && right && left !== right),
    elapsedMs,
  };
}
