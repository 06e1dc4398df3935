// One edit of aws-auth's data: add a mapping (like `eksctl create iamidentitymapping --no-duplicate-arns`) or fix an
// existing item in place, editing only the YAML text of the key concerned with the `yaml` Document API (comments and
// layout of the other items kept). Every other key is copied byte for byte. Pure: the same edit can be re-applied
// to newer data after a 409 Conflict.
import { isMap, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { isSkippable, malformedKeyText, readAwsAuth, type BadItem } from './aws-auth-read.js';
import { salvageKey } from './aws-auth-salvage.js';
import { appendItems, applySplices, replaceList, replaceScalar, sameData, type Splice } from './yaml-splice.js';
import type { AwsAuthKey } from './types.js';

export type InvalidItemsChoice = 'keep' | 'drop' | 'repair';

export interface AwsAuthEdit {
  key: AwsAuthKey;
  /** The ARN to map (already normalised: no path, no session). */
  arn: string;
  /** For a fix: undefined keeps the item's own value. For an add: required (defaults are the planner's job). */
  username?: string;
  groups?: string[];
  /** Fix this item in place: its ARN exactly as read, and its index when read (a hint; the ARN decides). */
  replace?: { index: number; arn: string };
  /** What to do with malformed items (only with the user's consent): keep as they are (default), drop, or repair. */
  invalidItems?: InvalidItemsChoice;
}

export type EditResult =
  | { ok: true; data: Record<string, string>; change: 'added' | 'fixed' | 'none'; notes: string[] }
  | { ok: false; reason: string; /** Only the consent to repair malformed items lifts it. */ needsRepairConsent?: true };

const ARN_KEY: Record<AwsAuthKey, string> = { mapRoles: 'rolearn', mapUsers: 'userarn' };

function pairOf(map: YAMLMap, lowerKey: string) {
  return map.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key).toLowerCase() === lowerKey);
}

function sameGroups(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((g, i) => g === b[i]);
}

/** Repairs or drops the malformed items of one key's document; returns notes, or a reason it cannot. */
function fixInvalid(doc: Document, text: string, key: AwsAuthKey, bad: BadItem[], choice: InvalidItemsChoice, splices: (Splice | undefined)[]): string[] | string {
  const mine = bad.filter((b) => b.key === key);
  if (mine.length === 0 || choice === 'keep') return [];
  if (mine.some((b) => b.index < 0)) return `${key} cannot be read at all (${mine[0]!.reason}); it must be fixed by hand`;
  const seq = doc.contents;
  if (!isSeq(seq)) return `${key} is not a list`;
  const notes: string[] = [];
  const drop: number[] = [];
  for (const b of mine) {
    const node = seq.items[b.index];
    if (choice === 'repair' && isMap(node)) {
      const groups = pairOf(node, 'groups');
      const gv = groups?.value as { value?: unknown } | undefined;
      if (b.reason === 'groups must be a list of strings' && groups && typeof gv?.value === 'string') {
        const list = gv.value.split(/[\s,]+/).filter(Boolean);
        splices.push(replaceList(text, groups.value as never, list));
        groups.value = doc.createNode(list);
        notes.push(`${key}[${b.index}]: groups "${gv.value}" written as a list [${list.join(', ')}]`);
        continue;
      }
      const m = /^(\w+) must be a string \(got /.exec(b.reason);
      const pair = m ? pairOf(node, m[1]!) : undefined;
      if (pair) {
        const v = (pair.value as { value?: unknown }).value;
        splices.push(replaceScalar(pair.value as never, String(v)));
        pair.value = doc.createNode(String(v));
        notes.push(`${key}[${b.index}]: ${m![1]} ${JSON.stringify(v)} written as the string "${String(v)}"`);
        continue;
      }
    }
    drop.push(b.index);
    splices.push(undefined); // removing an item is not spliced: the list is re-serialised
    notes.push(`${key}[${b.index}] dropped (${b.reason})`);
  }
  for (const i of drop.sort((a, b) => b - a)) seq.items.splice(i, 1);
  return notes;
}

export function applyAwsAuthEdit(data: Record<string, string>, edit: AwsAuthEdit): EditResult {
  let text = data[edit.key];
  const salvageNotes: string[] = [];
  // A key that does not parse (or is not a list) is made readable first, with consent; else nothing can be edited.
  const malformed = text !== undefined && !isSkippable(text) ? readAwsAuth({ [edit.key]: text }).malformed[0] : undefined;
  if (malformed && (edit.invalidItems ?? 'keep') === 'keep') {
    // An edit of a key the authenticator ignores would change nothing it reads.
    return { ok: false, reason: `${malformedKeyText(malformed)}, so the authenticator ignores every entry in it; the app repairs it only with your consent: re-run with --repair-invalid`, needsRepairConsent: true };
  }
  const salvage = malformed ? salvageKey(edit.key, text!) : undefined;
  if (salvage && !salvage.ok) return { ok: false, reason: salvage.reason };
  if (salvage?.ok) {
    text = salvage.text;
    salvageNotes.push(...salvage.notes);
  }
  const before = readAwsAuth({ ...data, [edit.key]: text ?? '' });
  const arnKey = ARN_KEY[edit.key];
  const doc = parseDocument(text && !isSkippable(text) ? text : '[]');
  if (doc.errors.length > 0) {
    return { ok: false, reason: `${edit.key} is not valid YAML (${doc.errors[0]!.message.split('\n')[0]}); it cannot be repaired automatically and must be fixed by hand first` };
  }
  const empty = !text || isSkippable(text);
  if (!isSeq(doc.contents)) return { ok: false, reason: `${edit.key} is not a YAML list; it must be fixed by hand first` };

  const splices: (Splice | undefined)[] = [];
  const added: unknown[] = [];
  const invalidNotes = fixInvalid(doc, text ?? '', edit.key, before.bad, edit.invalidItems ?? 'keep', splices);
  if (typeof invalidNotes === 'string') return { ok: false, reason: invalidNotes };
  const seq = doc.contents;
  if (empty) seq.flow = false;
  // Items of this key as they stand now (after dropping), with their readable fields.
  const current = readAwsAuth({ [edit.key]: String(doc) }).items;
  let change: 'added' | 'fixed' | 'none';
  const notes = [...salvageNotes, ...invalidNotes];

  if (edit.replace) {
    const arnOf = (n: unknown) => (isMap(n) ? String((pairOf(n, arnKey)?.value as { value?: unknown })?.value) : undefined);
    const hinted = seq.items[edit.replace.index];
    const node = arnOf(hinted) === edit.replace.arn ? hinted : seq.items.find((n) => arnOf(n) === edit.replace!.arn);
    if (!node || !isMap(node)) {
      return { ok: false, reason: `the entry ${edit.replace.arn} to fix is no longer in ${edit.key} (changed by someone else?); read aws-auth again` };
    }
    const arnPair = pairOf(node, arnKey)!;
    if (edit.replace.arn !== edit.arn) {
      splices.push(replaceScalar(arnPair.value as never, edit.arn));
      arnPair.value = doc.createNode(edit.arn);
    }
    if (edit.username !== undefined) {
      const p = pairOf(node, 'username');
      const old = (p?.value as { value?: unknown } | undefined)?.value;
      if (p && old !== edit.username) {
        splices.push(replaceScalar(p.value as never, edit.username));
        p.value = doc.createNode(edit.username);
      } else if (!p) {
        splices.push(undefined);
        node.set(doc.createNode('username') as never, doc.createNode(edit.username) as never);
      }
    }
    if (edit.groups !== undefined) {
      const p = pairOf(node, 'groups');
      const old = (p?.value as { toJSON?: () => unknown } | undefined)?.toJSON?.();
      if (p && JSON.stringify(old) !== JSON.stringify(edit.groups)) {
        splices.push(replaceList(text ?? '', p.value as never, edit.groups));
        p.value = doc.createNode(edit.groups);
      } else if (!p) {
        splices.push(undefined);
        node.set(doc.createNode('groups') as never, doc.createNode(edit.groups) as never);
      }
    }
    change = 'fixed';
    notes.push(`${edit.key}: the entry ${edit.replace.arn} is fixed in place (no duplicate added)`);
  } else {
    const same = current.filter((i) => i.arn.toLowerCase() === edit.arn.toLowerCase());
    const last = same[same.length - 1];
    if (last) {
      if (last.username === (edit.username ?? '') && sameGroups(last.groups, edit.groups ?? [])) {
        change = 'none';
      } else {
        return {
          ok: false,
          reason: `${edit.key} already maps ${last.arn} (username "${last.username}", groups [${last.groups.join(', ')}]); choose that entry to fix instead of adding a duplicate`,
        };
      }
    } else {
      const item: Record<string, unknown> = { [arnKey]: edit.arn };
      if (edit.username) item.username = edit.username;
      if (edit.groups && edit.groups.length > 0) item.groups = edit.groups;
      seq.items.push(doc.createNode(item) as never);
      added.push(item);
      change = 'added';
    }
  }

  if (change === 'none' && invalidNotes.length === 0 && salvageNotes.length === 0) return { ok: true, data: { ...data }, change, notes };
  const out = { ...data, [edit.key]: preservingText(text ?? '', doc, splices, added) };
  return { ok: true, data: out, change, notes };
}

/** The original text with the edits spliced in, when that reads exactly as the edited document; else the document re-serialised. */
function preservingText(text: string, doc: Document, splices: (Splice | undefined)[], added: unknown[]): string {
  const expected = doc.toJS();
  if (splices.every((x): x is Splice => x !== undefined)) {
    const spliced = applySplices(text, splices);
    const candidate = added.length ? appendItems(spliced, added) : spliced;
    if (candidate !== undefined && sameData(candidate, expected)) return candidate;
  }
  return String(doc);
}
