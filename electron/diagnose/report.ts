// The diagnosis as `diagnosis.run` answers it (the view, redacted), in docs/cli.md's `diagnose --json` shape (plus
// creator and unknowns) and as readable text.
import type { DiagnosisSummaryView } from '../../shared/diagnosis-types.js';
import { commandLine } from '../../shared/shell-arg.js';
import { familyOf } from './fix-families.js';

export function diagnosisJson(d: DiagnosisSummaryView) {
  return {
    profile: d.profile,
    cluster: d.cluster,
    ...(d.identity ? { identity: d.identity } : {}),
    ...(d.kubectlIdentity ? { kubectlIdentity: d.kubectlIdentity } : {}),
    outcome: d.outcome,
    causes: d.causes.map((c) => ({ code: c.code, title: c.title, detail: c.detail, evidence: c.evidence })),
    fixes: d.fixes.map((f) => ({ id: f.id, title: f.title, steps: f.steps.map((s) => ({ title: s.title, command: s.command, ...(s.caution ? { caution: s.caution } : {}) })) })),
    creator: d.creator,
    unknowns: d.unknowns,
  };
}

export function diagnosisText(d: DiagnosisSummaryView): string {
  const lines: string[] = [];
  lines.push(`${d.profile} → ${d.cluster.name} (${d.cluster.region}): ${d.outcome}`);
  lines.push(`cluster: ${d.cluster.arn}`);
  if (d.identity) lines.push(`identity tested: ${d.identity.arn}${d.identity.canonicalArn !== d.identity.arn ? ` (EKS matches ${d.identity.canonicalArn})` : ''}`);
  if (d.kubectlIdentity) lines.push(`kubectl presents: ${d.kubectlIdentity.arn} via ${d.kubectlIdentity.via}`);
  const cr = d.creator;
  lines.push(`cluster creator: ${cr.arn ?? 'unknown'}${cr.isThisIdentity === true ? ' — you (this identity) created it' : cr.isThisIdentity === false ? ' — not this identity' : ''}${cr.isOneOfYourProfiles ? `; your profile ${cr.isOneOfYourProfiles} is the creator` : ''}`);
  d.causes.forEach((c, i) => {
    lines.push('');
    lines.push(`${i === 0 ? 'CAUSE' : 'ALSO'} ${c.code}: ${c.title}`);
    lines.push(`  ${c.detail}`);
    for (const e of c.evidence) lines.push(`  - ${e}`);
  });
  if (d.fixes.length) {
    lines.push('');
    lines.push('FIXES');
    for (const f of d.fixes) {
      lines.push(`  [${f.id}] ${f.title}`);
      f.steps.forEach((s, i) => lines.push(`    ${i + 1}. ${s.title}${s.caution ? `\n       CAUTION: ${s.caution}` : ''}\n       $ ${s.command}`));
    }
    // The next step, as a command: the app's own fix for the first fix it can apply (the others by their id).
    const applies = d.fixes.find((f) => familyOf(f.id) !== 'manual');
    if (applies) {
      const fix = ['eks-access-doctor', 'fix', '--profile', d.profile, '--cluster', d.cluster.name, '--region', d.cluster.region, '--fix', applies.id];
      lines.push('');
      lines.push(`To preview a fix, then apply it with --yes: ${commandLine(fix)}`);
    }
  }
  if (d.unknowns.length) {
    lines.push('');
    lines.push('UNKNOWN');
    for (const u of d.unknowns) lines.push(`  - ${u.what}: ${u.why}\n    to find out: ${u.step}`);
  }
  return lines.join('\n') + '\n';
}
