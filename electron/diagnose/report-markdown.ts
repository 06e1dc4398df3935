// The diagnosis as a Markdown report the user can attach to a ticket. Built from the view model (already
// redacted) and redacted once more as a whole, so nothing secret-looking survives whatever a field held.
import { CAUSE_CODES, causeInfo, type CauseCode } from '../../shared/causes.js';
import type { DiagnosisView, ReportExportResult } from '../../shared/diagnosis-types.js';
import { redact } from '../../shared/redact.js';

const fence = (lines: string[]) => ['```', ...lines.map((l) => l.replace(/```/g, "'''")), '```'];
/** The catalogue's plain title (as the UI's headline), else the diagnosis's own. */
const plainTitle = (c: { code: string; title: string }) => ((CAUSE_CODES as readonly string[]).includes(c.code) ? causeInfo(c.code as CauseCode).title : c.title);
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderReportMarkdown(view: DiagnosisView, at: Date, redactor: (text: string) => string = redact): string {
  const d = view.diagnosis;
  const out: string[] = [];
  const primary = d.causes[0];
  out.push(`# EKS access diagnosis: ${d.profile} → ${d.cluster.name}`);
  out.push('');
  out.push(`- Cluster: \`${d.cluster.arn}\` (${d.cluster.region})`);
  out.push(`- Profile: \`${d.profile}\`${d.identity ? ` — identity \`${d.identity.arn}\`${d.identity.canonicalArn !== d.identity.arn ? ` (EKS matches \`${d.identity.canonicalArn}\`)` : ''}` : ''}`);
  out.push(`- Outcome of the app's probe: **${d.outcome}**`);
  out.push(`- Generated: ${at.toISOString()} by EKS Access Doctor (secrets and tokens redacted)`);
  out.push('');
  if (primary) {
    out.push(`## Primary cause: ${plainTitle(primary)} (\`${primary.code}\`)`);
    out.push('');
    if (primary.title !== plainTitle(primary)) out.push(`**${primary.title}**`, '');
    out.push(primary.detail);
    if (primary.explanation) out.push('', `> ${primary.explanation}`);
    out.push('', '**Evidence**', '', ...primary.evidence.map((e) => `- ${e}`), '');
  }
  out.push('## Cluster creator', '');
  const cr = d.creator;
  out.push(
    cr.isThisIdentity === true
      ? `This identity created the cluster${cr.arn ? ` (\`${cr.arn}\`)` : ''}.`
      : cr.isThisIdentity === false
        ? `This identity did not create the cluster; the creator is \`${cr.arn ?? 'unknown'}\`${cr.isOneOfYourProfiles ? ` — your profile \`${cr.isOneOfYourProfiles}\`` : ''}.`
        : `Unknown whether this identity created the cluster${cr.arn ? ` (creator: \`${cr.arn}\`)` : ''}.`,
  );
  if (cr.source) out.push('', `Source: ${cr.source}.`);
  out.push('');

  out.push('## What kubectl really uses vs what the app tested', '');
  const k = view.kubectl;
  const a = view.app;
  out.push('| | kubectl | the app |', '|---|---|---|');
  out.push(`| identity | ${cell(k.arn ?? '—')} | ${cell(a.identityArn ?? '—')} |`);
  out.push(`| context / profile | ${cell(k.context ?? 'none')} | ${cell(a.profile)} |`);
  out.push(`| how | ${cell(k.exec ?? k.via)} | probe: ${a.outcome}${a.username !== undefined ? ` as ${cell(a.username || '(empty)')}` : ''} |`);
  if (k.envOverrides.length) out.push(`| environment overrides | ${cell(k.envOverrides.join(', '))} | |`);
  if (k.failure) out.push(`| failure | ${cell(`${k.failure.kind}: ${k.failure.message}`)} | |`);
  out.push('');
  if (view.arnsDiffer) out.push('**kubectl presents another identity than the one the app tested.**', '');

  if (d.causes.length > 1) {
    out.push('## Other causes', '');
    for (const c of d.causes.slice(1)) {
      out.push(`### ${plainTitle(c)} (\`${c.code}\`)`, '', c.detail, '', ...c.evidence.map((e) => `- ${e}`), '');
    }
  }
  if (d.fixes.length) {
    out.push('## Fixes', '');
    for (const f of d.fixes) {
      out.push(`### ${f.title} (\`${f.id}\`)`, '');
      f.steps.forEach((s, i) => out.push(`${i + 1}. ${s.title}`, '', ...(s.caution ? [`   > **Caution:** ${s.caution}`, ''] : []), ...fence([s.command]).map((l) => `   ${l}`), ''));
    }
  }
  if (d.unknowns.length) {
    out.push('## What is not known', '');
    for (const u of d.unknowns) out.push(`- **${u.what}**: ${u.why}. To find out: ${u.step}`);
    out.push('');
  }
  out.push('## All evidence', '');
  for (const s of view.evidenceLines) out.push(`### ${s.title}`, '', ...fence(s.lines), '');
  return redactor(out.join('\n'));
}

export function reportFile(view: DiagnosisView, at: Date, redactor?: (text: string) => string): ReportExportResult {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 64);
  return {
    filename: `eks-diagnosis-${safe(view.diagnosis.profile)}-${safe(view.diagnosis.cluster.name)}-${stamp}.md`,
    mimeType: 'text/markdown',
    content: renderReportMarkdown(view, at, redactor),
  };
}
