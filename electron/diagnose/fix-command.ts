// The edge where a fix's steps become the command lines people read and copy: the diagnosis JSON, the text and
// Markdown reports, the renderer's view and the `fix` command's lines.
import { shownCommandLine } from '../../shared/shell-arg.js';
import type { Fix, FixStep } from './types.js';

export function stepCommand(step: Pick<FixStep, 'argv' | 'then'>): string {
  return [step.argv, ...(step.then ?? [])].map(shownCommandLine).join(' && ');
}

/** The fix as the contract shows it: `{id, title, steps:[{title, command}]}`. */
export function fixJson(f: Fix): { id: string; title: string; steps: Array<{ title: string; command: string; caution?: string }> } {
  return { id: f.id, title: f.title, steps: f.steps.map((s) => ({ title: s.title, command: stepCommand(s), ...(s.caution ? { caution: s.caution } : {}) })) };
}

/** A step as someone else runs it as themself: without the `--profile <admin-profile>` the user would have to fill in. */
export function asAdminStep(step: FixStep): FixStep {
  const drop = (argv: string[]) => argv.filter((a, i) => !(a === '--profile' && argv[i + 1] === '<admin-profile>') && !(a === '<admin-profile>' && argv[i - 1] === '--profile'));
  return { ...step, argv: drop(step.argv), ...(step.then ? { then: step.then.map(drop) } : {}) };
}
