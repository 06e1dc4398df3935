// Byte-preserving edits of one aws-auth value: changes are spliced into the original text at the source ranges
// of the nodes they replace, so every other byte (comments, spacing, quoting) stays as it was. The caller checks
// the result against the Document-API edit and falls back to re-serialising when a splice cannot be trusted.
import { isScalar, isSeq, parse, stringify, type Node } from 'yaml';

export interface Splice {
  start: number;
  end: number;
  text: string;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** A scalar rendered as YAML would write it (quoted only when needed). */
export function scalarText(value: string): string {
  return stringify(value).replace(/\n$/, '');
}

export function replaceScalar(node: Node | null | undefined, value: string): Splice | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  return { start: node.range[0], end: node.range[1], text: scalarText(value) };
}

/** A string list in place of a value node: block style when the old value was a block list, else flow style. */
export function replaceList(text: string, node: Node | null | undefined, values: string[]): Splice | undefined {
  if (!node?.range) return undefined;
  const [start, end] = node.range;
  if (isSeq(node) && !node.flow && values.length > 0) {
    const pad = ' '.repeat(column(text, start));
    let stop = end;
    while (stop > start && (text[stop - 1] === '\n' || text[stop - 1] === ' ')) stop--;
    return { start, end: stop, text: values.map((v, i) => `${i ? pad : ''}- ${scalarText(v)}`).join('\n') };
  }
  return { start, end, text: `[${values.map(scalarText).join(', ')}]` };
}

export function applySplices(text: string, splices: Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** The original text with new block-list items appended (only when the list is a block list at column 0). */
export function appendItems(text: string, items: unknown[]): string | undefined {
  const body = stringify(items);
  if (text.trim() === '' || text.trim() === '[]') return body;
  if (!/^- /m.test(text) || /^\s*\[/.test(text)) return undefined;
  return (text.endsWith('\n') ? text : `${text}\n`) + body;
}

/** True when `candidate` reads as the same data as `expected` (JSON of the parsed values). */
export function sameData(candidate: string, expected: unknown): boolean {
  try {
    return JSON.stringify(parse(candidate)) === JSON.stringify(expected);
  } catch {
    return false;
  }
}
