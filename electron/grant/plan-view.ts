// A prepared grant as the wizard shows it: the readable steps, the aws-auth diff, the CLI commands, warnings and
// refusals — the same preview the `fix` command prints, split into its parts, and whole (its text, its data).
import type { PlainStep } from '../fix/aws-auth-words.js';
import type { GrantPlanView } from '../../shared/wizard-types.js';
import { malformedKeyText } from '../authmap/aws-auth-read.js';
import type { PreparedFix } from '../fix/types.js';
import { warningWords } from '../fix/warning-words.js';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Every string of a JSON-like value redacted. */
function redactAll(v: unknown, redact: (s: string) => string): unknown {
  if (typeof v === 'string') return redact(v);
  if (Array.isArray(v)) return v.map((x) => redactAll(x, redact));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactAll(x, redact)]));
  return v;
}

export function grantPlanView(planId: string, title: string, prepared: PreparedFix, redact: (s: string) => string): GrantPlanView {
  const p = prepared.preview;
  const steps = Array.isArray(p.steps) ? (p.steps as Array<{ title?: unknown; why?: unknown; command?: unknown }>) : [];
  const commands = strings(p.commands).length ? strings(p.commands) : steps.map((s) => String(s.command ?? '')).filter(Boolean);
  if (!commands.length && typeof p.command === 'string' && p.command) commands.push(p.command);
  const badItems = Array.isArray(p.badItems) ? (p.badItems as Array<{ key: string; index: number; reason: string }>) : [];
  const malformedKeys = Array.isArray(p.malformedKeys) ? (p.malformedKeys as Array<{ key: string; reason: string }>) : [];
  const plainSteps = Array.isArray(p.plainSteps) ? (p.plainSteps as PlainStep[]) : undefined;
  const lines = [
    prepared.previewText.split('\n')[0]!,
    // Steps in words say these themselves (with their commands); the technical titles stay in the `fix` text.
    ...(plainSteps ? [] : steps).map((s, i) => `${i + 1}. ${String(s.title ?? '')}${s.why ? ` — ${String(s.why)}` : ''}`),
    ...malformedKeys.map((m) => `Malformed ${malformedKeyText(m)}: the authenticator ignores every entry in it`),
    ...badItems.filter((b) => b.index >= 0).map((b) => `Malformed item ${b.key}[${b.index}]: ${b.reason}`),
    ...strings(p.notes),
  ];
  const diff = typeof p.diff === 'string' && p.diff.trim() ? p.diff : undefined;
  // With its steps in words, the preview's first line (the `fix` command's technical headline) gives way to a plain one.
  if (plainSteps) lines[0] = `What the app will do, as ${prepared.writer ?? 'the admin profile'}:`;
  return {
    planId,
    title,
    writerProfile: prepared.writer ?? '',
    lines: lines.map(redact),
    ...(diff ? { diff: redact(diff) } : {}),
    commands: commands.map(redact),
    ...(plainSteps ? { steps: plainSteps.map((st) => ({ words: redact(st.words), technical: redact(st.technical), commands: st.commands.map(redact) })) } : {}),
    warnings: strings(p.warnings).map(redact),
    warningWords: strings(p.warnings).map(warningWords).map((w) => ({ words: redact(w.words), technical: redact(w.technical) })),
    problems: prepared.problems.map(({ text }) => redact(text.replace(/re-run with --switch-mode to agree/, 'tick "Switch the cluster to API_AND_CONFIG_MAP" to agree').replace(/re-run with --repair-invalid/, 'tick "Repair the malformed items" to agree'))),
    flagProblems: prepared.problems.map(({ text }) => redact(text)),
    flagLifted: prepared.problems.filter((p) => p.liftedBy).map(({ text }) => redact(text)),
    previewText: redact(prepared.previewText),
    preview: redactAll(p, redact) as Record<string, unknown>,
    ...(prepared.defaultAccess ? { defaultAccess: redact(prepared.defaultAccess) } : {}),
  };
}
