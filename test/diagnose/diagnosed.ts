// What the diagnosis says about hand-built evidence: the cause codes in order, the first cause, and its words.
import { diagnoseEvidence } from '../../electron/diagnose/diagnose.js';
import type { Evidence } from '../../electron/diagnose/types.js';

export const codes = (e: Evidence) => diagnoseEvidence(e).causes.map((c) => c.code);
export const primary = (e: Evidence) => diagnoseEvidence(e).causes[0]!;
export const said = (e: Evidence) => {
  const c = primary(e);
  return [c.detail, ...c.evidence].join('\n');
};
