// A unified diff of two texts by lines, for the preview of an aws-auth change.
import { lineHunks } from '../common/line-diff.js';

export function unifiedDiff(before: string, after: string, label: string, context = 3): string {
  if (before === after) return '';
  const out = [`--- a/${label}`, `+++ b/${label}`];
  for (const h of lineHunks(before, after, context)) {
    out.push(`@@ -${h.oldLines ? h.oldStart : h.oldStart - 1},${h.oldLines} +${h.newLines ? h.newStart : h.newStart - 1},${h.newLines} @@`);
    for (const l of h.lines) out.push(`${l.kind}${l.text}`);
  }
  return out.join('\n') + '\n';
}

/** The diff of every data key that changed, in key order. */
export function dataDiff(before: Record<string, string>, after: Record<string, string>): string {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.map((k) => unifiedDiff(before[k] ?? '', after[k] ?? '', `data.${k}`)).join('');
}
