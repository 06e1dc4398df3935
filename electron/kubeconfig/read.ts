// One kubeconfig file's bytes as the app holds them: its exact bytes (for the change check and undo), a YAML document
// that keeps comments (for editing), and the plain content, with malformed YAML or wrong shapes reported by file and
// line. Reading it from disk is read-settled.ts's job (it waits out a write in progress).
import { createHash } from 'node:crypto';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { KubeconfigContent } from './types.js';

export class KubeconfigFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${detail}`);
    this.name = 'KubeconfigFileError';
  }
}

export interface KubeconfigFile {
  path: string;
  exists: boolean;
  bytes: Buffer;
  text: string;
  /** sha256 of the bytes; of nothing when the file is absent. */
  hash: string;
  /** Permission bits of an existing file. */
  mode?: number;
  doc: Document;
  content: KubeconfigContent | null;
}

/** Distinguishes "absent" from "empty" so a file created meanwhile counts as a change. */
export const ABSENT_HASH = 'absent';

export function hashBytes(bytes: Buffer | undefined): string {
  return bytes === undefined ? ABSENT_HASH : createHash('sha256').update(bytes).digest('hex');
}

/** A kubeconfig file holding these bytes (undefined: absent). */
export function kubeconfigFileOf(path: string, bytes: Buffer | undefined, mode?: number): KubeconfigFile {
  if (bytes === undefined) return { path, exists: false, bytes: Buffer.alloc(0), text: '', hash: ABSENT_HASH, ...parseKubeconfigText(path, '') };
  const text = bytes.toString('utf8');
  return { path, exists: true, bytes, text, hash: hashBytes(bytes), mode, ...parseKubeconfigText(path, text) };
}

/**
 * YAML 1.1, as PyYAML (the aws CLI) and go-yaml (kubectl) read it, so `yes`/`on` mean the same here.
 * Throws KubeconfigFileError naming the first problem's line.
 */
export function parseKubeconfigText(path: string, text: string): { doc: Document; content: KubeconfigContent | null } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', lineCounter, keepSourceTokens: false });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    throw new KubeconfigFileError(path, line, `malformed YAML: ${first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  const lineOf = (node: unknown) => {
    const range = (node as Node | null)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  const fail = (node: unknown, detail: string): never => {
    throw new KubeconfigFileError(path, lineOf(node), detail);
  };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { doc, content: null };
  if (!isMap(root)) fail(root, 'a kubeconfig must be a mapping (apiVersion, clusters, contexts, users, current-context)');
  for (const key of ['apiVersion', 'kind', 'current-context']) {
    const v = doc.get(key, true) as Node | undefined;
    if (v && !isNullScalar(v) && !(isScalar(v) && typeof v.value === 'string')) fail(v, `"${key}" must be a string`);
  }
  const prefs = doc.get('preferences', true) as Node | undefined;
  if (prefs && !isNullScalar(prefs) && !isMap(prefs)) fail(prefs, '"preferences" must be a mapping');
  for (const [key, inner] of [
    ['clusters', 'cluster'],
    ['contexts', 'context'],
    ['users', 'user'],
  ] as const) {
    const list = doc.get(key, true) as Node | undefined;
    if (!list || isNullScalar(list)) continue;
    if (!isSeq(list)) fail(list, `"${key}" must be a list`);
    for (const item of (list as { items: unknown[] }).items) {
      if (!isMap(item)) fail(item, `each entry of "${key}" must be a mapping with "name" and "${inner}"`);
      const entry = item as { get(k: string, keep: true): Node | undefined };
      const name = entry.get('name', true);
      if (name && !(isScalar(name) && (typeof name.value === 'string' || typeof name.value === 'number'))) fail(name, `"name" in "${key}" must be a string`);
      const body = entry.get(inner, true);
      if (body && !isNullScalar(body) && !isMap(body)) fail(body, `"${inner}" in "${key}" must be a mapping`);
      if (key === 'users' && body && isMap(body)) checkExec(body.get('exec', true) as Node | undefined, fail);
    }
  }
  let content: KubeconfigContent | null;
  try {
    content = (doc.toJS({ maxAliasCount: 100 }) ?? null) as KubeconfigContent | null;
  } catch (err) {
    // Excessive alias expansion ("billion laughs") and similar: refuse the file, do not crash.
    throw new KubeconfigFileError(path, undefined, `malformed YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  return { doc, content };
}

function isNullScalar(node: Node): boolean {
  return isScalar(node) && node.value === null;
}

function checkExec(exec: Node | undefined, fail: (node: unknown, detail: string) => never): void {
  if (!exec || isNullScalar(exec)) return;
  if (!isMap(exec)) fail(exec, '"exec" must be a mapping (apiVersion, command, args, env)');
  const e = exec as unknown as { get(k: string, keep: true): Node | undefined };
  const args = e.get('args', true);
  if (args && !isNullScalar(args)) {
    if (!isSeq(args)) fail(args, 'exec "args" must be a list of strings');
    for (const a of (args as unknown as { items: unknown[] }).items) if (!isScalar(a) || a.value === null || typeof a.value === 'object') fail(a, 'exec "args" must be a list of strings');
  }
  const env = e.get('env', true);
  if (env && !isNullScalar(env)) {
    if (!isSeq(env)) fail(env, 'exec "env" must be a list of {name, value}');
    for (const v of (env as unknown as { items: unknown[] }).items) if (!isMap(v)) fail(v, 'exec "env" must be a list of {name, value}');
  }
}
