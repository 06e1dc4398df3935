// Puts the entries into a kubeconfig's text the way the CLI's KubeconfigAppender does — same-name entries
// replaced in place, others appended, current-context set — but on the YAML document, so the user's comments
// and layout survive and the preview diff shows only what changed.
import { Document, isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import type { KubeconfigEntries } from './entries.js';
import type { KubeconfigFile } from './read.js';
import { serializeLike, styleOf } from './style.js';

/** The CLI's content for a missing or empty file (kubeconfig.py _get_new_kubeconfig_content). */
function newKubeconfigContent(): Record<string, unknown> {
  return { apiVersion: 'v1', clusters: [], contexts: [], 'current-context': '', kind: 'Config', preferences: {}, users: [] };
}

export interface EditOptions {
  /** Leave the file's current-context as it is (when it names one); the CLI always makes the new context current. */
  keepCurrentContext?: boolean;
}

export function textWithEntries(file: KubeconfigFile, entries: KubeconfigEntries, opts: EditOptions = {}): string {
  const fresh = file.content === null;
  const doc = fresh ? new Document(newKubeconfigContent(), { version: '1.1' }) : file.doc.clone();
  if (fresh && file.doc.commentBefore) doc.commentBefore = file.doc.commentBefore;
  const inserts: Array<[string, { name: string }]> = [
    ['clusters', entries.cluster],
    ['users', entries.user],
    ['contexts', entries.context],
  ];
  for (const [key, entry] of inserts) {
    const seq = doc.get(key, true);
    const node = doc.createNode(entry);
    // `content.get(key) or []` in the CLI: absent, null and empty lists all start over as a new list.
    if (!isSeq(seq) || seq.items.length === 0) {
      doc.set(key, doc.createNode([entry]));
      continue;
    }
    (seq as YAMLSeq).flow = false;
    const index = seq.items.findIndex((item) => isMap(item) && nameOf(item as YAMLMap) === entry.name);
    if (index >= 0) seq.items[index] = node;
    else seq.items.push(node);
  }
  const current = doc.get('current-context');
  if (!(opts.keepCurrentContext && typeof current === 'string' && current)) doc.set('current-context', entries.context.name);
  if (isMap(doc.contents)) doc.contents.flow = false;
  // The file's own layout (and Windows line endings where it has them), so the diff shows only the real change.
  return serializeLike(doc, styleOf(file.text));
}

function nameOf(map: YAMLMap): unknown {
  const name = map.get('name', true);
  return isScalar(name) ? name.value : undefined;
}
