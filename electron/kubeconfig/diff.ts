// A unified diff (3 lines of context) of a file's text before and after, for the preview. Values that
// authenticate someone (tokens, client keys, passwords) are masked: the preview may be shown anywhere.
const CONTEXT_LINES = 3;
/** Above this many cells the middle is shown as one replaced block instead of a line-by-line LCS. */
const MAX_LCS_CELLS = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; line: string };

export function unifiedDiff(before: string, after: string, fromLabel: string, toLabel: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
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
    for (const o of hunk) out.push(o.kind + maskSecretValue(o.line));
    g = last + 1;
  }
  return out.join('\n') + '\n';
}

/** `token: abc` → `token: <redacted>` for the kubeconfig keys that hold credentials. */
export function maskSecretValue(line: string): string {
  return line.replace(
    /^(\s*-?\s*(?:token|client-key-data|password|client-secret|id-token|refresh-token|access-token|secret|value)\s*:\s*)(\S.*)$/i,
    (whole, key: string, value: string) => (/^value/i.test(key.trim().replace(/^-\s*/, '')) && !looksSecret(value) ? whole : `${key}<redacted>`),
  );
}

/** Exec env values are usually profile names; only long opaque strings are treated as secrets there. */
function looksSecret(value: string): boolean {
  return /^["']?[A-Za-z0-9+/=_.-]{32,}["']?$/.test(value.trim());
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

function diffLines(a: string[], b: string[]): Op[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const head: Op[] = a.slice(0, prefix).map((line) => ({ kind: ' ', line }));
  const tail: Op[] = a.slice(a.length - suffix).map((line) => ({ kind: ' ', line }));
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  return slideDown([...head, ...lcsOps(midA, midB), ...tail]);
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
      ops[end] = { kind, line: ops[end]!.line };
      ops[i] = { kind: ' ', line: ops[i]!.line };
      i++;
      end++;
    }
    i = end;
  }
  return ops;
}

function lcsOps(a: string[], b: string[]): Op[] {
  if ((a.length + 1) * (b.length + 1) > MAX_LCS_CELLS) {
    return [...a.map((line): Op => ({ kind: '-', line })), ...b.map((line): Op => ({ kind: '+', line }))];
  }
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
      ops.push({ kind: ' ', line: a[i]! });
      i++;
      j++;
    } else if (len[(i + 1) * w + j]! >= len[i * w + j + 1]!) ops.push({ kind: '-', line: a[i++]! });
    else ops.push({ kind: '+', line: b[j++]! });
  }
  while (i < a.length) ops.push({ kind: '-', line: a[i++]! });
  while (j < b.length) ops.push({ kind: '+', line: b[j++]! });
  return ops;
}
