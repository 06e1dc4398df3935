// A kubeconfig written back in the layout it was read in, so a two-line change is a two-line write and a
// two-line preview. kubectl (go-yaml) and the aws CLI (PyYAML) write list items at their key's indentation
// (`users:\n- name: …`), other tools indent them; the `yaml` library keeps comments, quotes and flow style per
// node, but indentation is one choice for the whole document: it is read from the file.
import { isCollection, isMap, isSeq, type Document } from 'yaml';
import { lineHunks } from '../common/line-diff.js';
import { unifiedDiff } from './diff.js';

export interface TextStyle {
  /** List items indented under their key (`key:\n  - item`) rather than at its level (`key:\n- item`). */
  indentSeq: boolean;
  /** Spaces per level. */
  indent: number;
  /** `{ a: 1 }` rather than `{a: 1}` (go-yaml and PyYAML write no padding; the `yaml` library's default pads). */
  flowPadding: boolean;
  crlf: boolean;
}

/** The layout of a kubeconfig's text; a new or empty file gets kubectl's. */
export function styleOf(text: string): TextStyle {
  return { indentSeq: usesIndentedSequences(text), indent: indentStep(text), flowPadding: /[[{] [^\s\]}]/.test(text), crlf: text.includes('\r\n') };
}

/** A key line followed by a list item indented deeper than the key. */
function usesIndentedSequences(text: string): boolean {
  return /^( *)[^\s#-][^\n:]*:[ \t]*\r?\n\1 +- /m.test(text);
}

/** The smallest indentation of a line under a key (2 when nothing is nested, as kubectl writes). */
function indentStep(text: string): number {
  let step = Infinity;
  for (const m of text.matchAll(/^( +)[^\s#]/gm)) step = Math.min(step, m[1]!.length);
  return Number.isFinite(step) && step <= 8 ? step : 2;
}

export function serializeLike(doc: Document, style: TextStyle): string {
  const text = doc.toString({ indentSeq: style.indentSeq, indent: style.indent, flowCollectionPadding: style.flowPadding, lineWidth: 0 });
  return style.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
}

/** A node that replaces another keeps its flow style (`args: [a, b]`) wherever the two have the same shape. */
export function keepFlowStyle(old: unknown, replacement: unknown): void {
  if (!isCollection(old) || !isCollection(replacement)) return;
  replacement.flow = Boolean(old.flow);
  if (isMap(old) && isMap(replacement)) {
    for (const pair of replacement.items) keepFlowStyle(old.get(pair.key, true), pair.value);
  } else if (isSeq(old) && isSeq(replacement)) {
    replacement.items.forEach((item, i) => keepFlowStyle(old.items[Math.min(i, old.items.length - 1)], item));
  }
}

export interface ChangePreview {
  /** The unified diff of what changes (secrets masked). */
  diff: string;
  /** Lines the write only re-lays out (same content, other spacing or quoting), left out of the diff. */
  relaidOut: number;
}

/**
 * The diff of a rewrite of `before` (parsed as `doc`). When the file's layout cannot be kept exactly, the diff is
 * taken from the file as re-laid out, so it holds only the real change, and the re-laid-out lines are counted.
 */
export function changePreview(before: string, doc: Document | null, after: string, fromLabel: string, toLabel: string): ChangePreview {
  const full = unifiedDiff(before, after, fromLabel, toLabel);
  if (!doc || !before) return { diff: full, relaidOut: 0 };
  const relaid = serializeLike(doc, styleOf(before));
  if (relaid === before) return { diff: full, relaidOut: 0 };
  const relaidOut = lineHunks(before, relaid, 0).reduce((n, h) => n + h.lines.filter((l) => l.kind === '-').length, 0);
  return { diff: unifiedDiff(relaid, after, fromLabel, toLabel), relaidOut };
}

/** The one plain line a preview shows when the write also re-lays out other lines. */
export function relaidOutNote(relaidOut: number): string | undefined {
  if (!relaidOut) return undefined;
  return `The write also re-formats ${relaidOut} other line${relaidOut === 1 ? '' : 's'} of the file (same settings, only spacing or quotes change); they are left out of the changes shown here.`;
}
