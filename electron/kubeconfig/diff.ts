// A unified diff (3 lines of context) of a file's text before and after, for the preview. Each line is shown as
// the app's redaction policy shows it in its file (a short exec env secret is masked by the name on the line
// before it): the preview may be shown anywhere. The lines are compared unmasked, so a changed secret shows.
import { MASK, redactFileLines } from '../../shared/redact.js';

const CONTEXT_LINES = 3;
/** Above this many cells the middle is shown as one replaced block instead of a line-by-line LCS. */
const MAX_LCS_CELLS = 4_000_000;

/** A file's lines and how each is displayed. */
type Side = { lines: string[]; shown: string[] };
/** `shown` is the line as displayed: masked as in the old file ('-'), the new one ('+'), or either (' '). */
type Op = { kind: ' ' | '-' | '+'; line: string; shown: string };

export function unifiedDiff(before: string, after: string, fromLabel: string, toLabel: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b, redactFileLines(a), redactFileLines(b));
  const out = [`--- ${fromLabel}`, `+++ ${toLabel}`];
  const changed = ops.flatMap((o, i) => (o.kind === ' ' ? [] : [i]));
  let g = 0;
  while (g < changed.length) {
    // A hunk: changes whose gaps are short enough that their context lines would touch.
    let last = g;
    while (last + 1 < changed.length && changed[last + 1]! - changed[last]! <= 2 * CONTEXT_LINES + 1) last++;
    const start = Math.max(0, changed[g]! - CONTEXT_LINES);
    const end = Math.min(ops.length, changed[last]! + CONTEXT_LINES + 1);
    const [oldStart, newStart] = positions(ops, start);
    const hunk = ops.slice(start, end);
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const o of hunk) out.push(o.kind + o.shown);
    g = last + 1;
  }
  return out.join('\n') + '\n';
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`;
}

function positions(ops: Op[], upTo: number): [number, number] {
  let oldLine = 1;
  let newLine = 1;
  for (let i = 0; i < upTo; i++) {
    if (ops[i]!.kind !== '+') oldLine++;
    if (ops[i]!.kind !== '-') newLine++;
  }
  return [oldLine, newLine];
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function diffLines(a: string[], b: string[], shownA: string[], shownB: string[]): Op[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const same = (i: number, j: number): Op => ({ kind: ' ', line: a[i]!, shown: moreMasked(shownA[i]!, shownB[j]!) });
  const head = a.slice(0, prefix).map((_, i) => same(i, i));
  const tail = a.slice(a.length - suffix).map((_, k) => same(a.length - suffix + k, b.length - suffix + k));
  const mid = (lines: string[], shown: string[]) => ({ lines: lines.slice(prefix, lines.length - suffix), shown: shown.slice(prefix, lines.length - suffix) });
  return slideDown([...head, ...lcsOps(mid(a, shownA), mid(b, shownB)), ...tail]);
}

/** Of two displays of the same line (masked in the context of either file), the one that hides more. */
function moreMasked(x: string, y: string): string {
  return y.split(MASK).length > x.split(MASK).length ? y : x;
}

/**
 * An appended entry often ends with the same lines as the entry before it, and the plain LCS then shows the
 * insertion starting inside the old entry. Moving each run of pure insertions (or deletions) down while its
 * first line equals the unchanged line after it shows the whole new entry as one block, as git's diff does.
 */
function slideDown(ops: Op[]): Op[] {
  let i = 0;
  while (i < ops.length) {
    const kind = ops[i]!.kind;
    if (kind === ' ') {
      i++;
      continue;
    }
    let end = i;
    while (end < ops.length && ops[end]!.kind === kind) end++;
    const before = i > 0 ? ops[i - 1]!.kind : ' ';
    const after = end < ops.length ? ops[end]!.kind : ' ';
    if (before !== ' ' || after !== ' ') {
      i = end;
      continue;
    }
    while (end < ops.length && ops[end]!.kind === ' ' && ops[end]!.line === ops[i]!.line && (end + 1 >= ops.length || ops[end + 1]!.kind === ' ')) {
      const shown = moreMasked(ops[end]!.shown, ops[i]!.shown);
      ops[end] = { kind, line: ops[end]!.line, shown };
      ops[i] = { kind: ' ', line: ops[i]!.line, shown };
      i++;
      end++;
    }
    i = end;
  }
  return ops;
}

function lcsOps(from: Side, to: Side): Op[] {
  const [a, b] = [from.lines, to.lines];
  const removed = (i: number): Op => ({ kind: '-', line: a[i]!, shown: from.shown[i]! });
  const added = (j: number): Op => ({ kind: '+', line: b[j]!, shown: to.shown[j]! });
  if ((a.length + 1) * (b.length + 1) > MAX_LCS_CELLS) return [...a.map((_, i) => removed(i)), ...b.map((_, j) => added(j))];
  const w = b.length + 1;
  const len = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      len[i * w + j] = a[i] === b[j] ? len[(i + 1) * w + j + 1]! + 1 : Math.max(len[(i + 1) * w + j]!, len[i * w + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i]!, shown: moreMasked(from.shown[i]!, to.shown[j]!) });
      i++;
      j++;
    } else if (len[(i + 1) * w + j]! >= len[i * w + j + 1]!) ops.push(removed(i++));
    else ops.push(added(j++));
  }
  while (i < a.length) ops.push(removed(i++));
  while (j < b.length) ops.push(added(j++));
  return ops;
}
