// A unified diff (3 lines of context) of a file's text before and after, for the preview. Each line is shown as
// the app's redaction policy shows it in its file (a short exec env secret is masked by the name on the line
// before it): the preview may be shown anywhere. The lines are compared unmasked, so a changed secret shows.
import { MASK, redactFileLines } from '../../shared/redact.js';
import { lineHunks, splitLines } from '../common/line-diff.js';

export function unifiedDiff(before: string, after: string, fromLabel: string, toLabel: string): string {
  if (before === after) return '';
  const shownA = redactFileLines(splitLines(before));
  const shownB = redactFileLines(splitLines(after));
  const out = [`--- ${fromLabel}`, `+++ ${toLabel}`];
  for (const h of lineHunks(before, after)) {
    out.push(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`);
    for (const l of h.lines) {
      const shown = l.kind === '-' ? shownA[l.oldIndex]! : l.kind === '+' ? shownB[l.newIndex]! : moreMasked(shownA[l.oldIndex]!, shownB[l.newIndex]!);
      out.push(l.kind + shown);
    }
  }
  return out.join('\n') + '\n';
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`;
}

/** Of two displays of the same line (masked in the context of either file), the one that hides more. */
function moreMasked(x: string, y: string): string {
  return y.split(MASK).length > x.split(MASK).length ? y : x;
}
