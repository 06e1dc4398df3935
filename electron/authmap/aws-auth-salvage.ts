// Turns an aws-auth key the authenticator cannot read at all (its text is not YAML, or it is not a list) into one it
// can, losing as little as possible: the text is cut into its top-level list items, every item that reads on its
// own is kept byte for byte, and each item that does not is taken out and reported with its lines and whatever ARN,
// username and groups can still be read off it — so the grant can map that identity again, and the preview can
// say exactly what goes. Only ever used with the user's consent; the write keeps a backup.
import { stringify } from 'yaml';
import { parseAwsAuthYaml } from './aws-auth-read.js';

export interface LostItem {
  /** 1-based first and last line of the item in the key's text. */
  fromLine: number;
  toLine: number;
  text: string;
  /** Read off the text, where it can be. */
  arn?: string;
  username?: string;
  groups?: string[];
}

export type Salvage = { ok: true; text: string; lost: LostItem[]; notes: string[] } | { ok: false; reason: string };

function reads(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: parseAwsAuthYaml(text) };
  } catch {
    return { ok: false };
  }
}

const unquote = (s: string) => s.trim().replace(/^(["'])(.*)\1$/, '$2');

/** ARN, username and groups of an item that does not parse, read line by line. */
export function readLostItem(text: string): Pick<LostItem, 'arn' | 'username' | 'groups'> {
  const arn = /(?:rolearn|userarn)\s*:\s*["']?(arn:[^\s"']+)/i.exec(text)?.[1];
  const username = /(?:^|\n)[\s-]*username\s*:\s*([^\n#]+)/i.exec(text)?.[1];
  let groups: string[] | undefined;
  const flow = /groups\s*:\s*\[([^\]\n]*)/i.exec(text);
  if (flow) groups = flow[1]!.split(',').map(unquote).filter(Boolean);
  else {
    const block = /groups\s*:\s*\n((?:[ \t]*-[^\n]*\n?)+)/i.exec(text);
    if (block) groups = block[1]!.split('\n').map((l) => unquote(l.replace(/^[ \t]*-/, ''))).filter(Boolean);
    else {
      const plain = /groups\s*:\s*([^\n#]+)/i.exec(text)?.[1];
      if (plain) groups = plain.split(/[\s,]+/).map(unquote).filter(Boolean);
    }
  }
  return { ...(arn ? { arn } : {}), ...(username && unquote(username) ? { username: unquote(username) } : {}), ...(groups?.length ? { groups } : {}) };
}

function salvageText(key: string, text: string): Salvage {
  const lines = text.split('\n');
  const starts = lines.map((l, i) => ({ i, indent: /^(\s*)- /.exec(l)?.[1]?.length })).filter((x) => x.indent !== undefined);
  if (starts.length === 0) return { ok: false, reason: `${key} is not valid YAML and has no list items to keep; it must be fixed by hand` };
  const indent = Math.min(...starts.map((s) => s.indent!));
  const top = starts.filter((s) => s.indent === indent).map((s) => s.i);
  const kept: string[] = [];
  const lost: LostItem[] = [];
  const preamble = lines.slice(0, top[0]).join('\n');
  if (preamble.trim() !== '' && reads(preamble).ok) kept.push(...lines.slice(0, top[0]));
  else if (preamble.trim() !== '') lost.push({ fromLine: 1, toLine: top[0]!, text: preamble, ...readLostItem(preamble) });
  top.forEach((start, n) => {
    const end = n + 1 < top.length ? top[n + 1]! : lines.length;
    const chunk = lines.slice(start, end);
    const attempt = reads(chunk.join('\n'));
    if (attempt.ok && Array.isArray(attempt.value) && attempt.value.length === 1) kept.push(...chunk);
    else {
      let last = end;
      while (last > start + 1 && lines[last - 1]!.trim() === '') last--;
      lost.push({ fromLine: start + 1, toLine: last, text: lines.slice(start, last).join('\n'), ...readLostItem(chunk.join('\n')) });
    }
  });
  let out = kept.join('\n');
  if (out !== '' && !out.endsWith('\n')) out += '\n';
  const check = reads(out);
  if (!check.ok || !(Array.isArray(check.value) || check.value === null)) return { ok: false, reason: `${key} is not valid YAML and cannot be repaired item by item; it must be fixed by hand` };
  const notes = lost.map((l) => `${key} lines ${l.fromLine}–${l.toLine} cannot be read and are taken out${l.arn ? ` (they named ${l.arn})` : ''}: ${l.text.trim().replace(/\n\s*/g, ' ⏎ ')}`);
  return { ok: true, text: out, lost, notes };
}

/** A key the authenticator ignores because it does not parse or is not a list, made readable; undefined when it reads. */
export function salvageKey(key: string, text: string): Salvage | undefined {
  const first = reads(text);
  if (!first.ok) return salvageText(key, text);
  const value = first.value;
  if (value === null || value === undefined || Array.isArray(value)) return undefined;
  if (typeof value === 'object') {
    // One mapping written without its "- ": the list of that one item.
    return { ok: true, text: stringify([value]), lost: [], notes: [`${key} held a single mapping instead of a list; it is written as a list of that one item`] };
  }
  return { ok: false, reason: `${key} is a single value (${JSON.stringify(value)}), not a list of mappings; it must be fixed by hand` };
}
