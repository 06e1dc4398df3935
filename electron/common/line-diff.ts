// The hunks of a unified diff of two texts, line by line (the `diff` package), with each line's index on its side
// so a caller can show the line its own way (the kubeconfig preview masks secrets by file context).
import { structuredPatch } from 'diff';

export interface HunkLine {
  kind: ' ' | '-' | '+';
  text: string;
  /** 0-based line index in the old text (for '+', where the line goes) and in the new one. */
  oldIndex: number;
  newIndex: number;
}

/** Starts are 1-based, as in a unified diff header before its zero-length adjustment. */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: HunkLine[];
}

/** Above this many edits the diff is shown as one replaced block: a preview never stalls on two unrelated files. */
const MAX_EDIT_LENGTH = 20_000;

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A missing final newline is not a change here: both texts are compared as lists of lines. */
export function lineHunks(before: string, after: string, context = 3): Hunk[] {
  const withNewline = (t: string) => (t === '' || t.endsWith('\n') ? t : `${t}\n`);
  const patch = structuredPatch('', '', withNewline(before), withNewline(after), '', '', { context, maxEditLength: MAX_EDIT_LENGTH });
  if (!patch) {
    const a = splitLines(before);
    const b = splitLines(after);
    const lines: HunkLine[] = [
      ...a.map((text, i): HunkLine => ({ kind: '-', text, oldIndex: i, newIndex: 0 })),
      ...b.map((text, j): HunkLine => ({ kind: '+', text, oldIndex: a.length, newIndex: j })),
    ];
    return lines.length ? [{ oldStart: 1, oldLines: a.length, newStart: 1, newLines: b.length, lines }] : [];
  }
  return patch.hunks.map((h) => {
    let o = h.oldStart - 1;
    let n = h.newStart - 1;
    const lines = h.lines
      .filter((l) => !l.startsWith('\\'))
      .map((l): HunkLine => {
        const line: HunkLine = { kind: l[0] as HunkLine['kind'], text: l.slice(1), oldIndex: o, newIndex: n };
        if (line.kind !== '+') o++;
        if (line.kind !== '-') n++;
        return line;
      });
    return { oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines, lines };
  });
}
