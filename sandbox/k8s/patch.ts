// The three PATCH body types kube-apiserver accepts for built-in objects. ConfigMaps have no
// merge-keyed lists, so a strategic merge patch is a JSON merge patch minus the $-directives.
import { KubeError, badRequest, unsupportedPatchType } from './status.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function mergePatch(target: Json, patch: Json, strategic: boolean): Json {
  if (!isObject(patch)) return patch;
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (strategic && k.startsWith('$')) continue;
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k] ?? null, v, strategic);
  }
  return out;
}

function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(path: unknown): string[] {
  if (typeof path !== 'string' || (path !== '' && !path.startsWith('/'))) throw badRequest(`the server rejected our request due to an error in our request: invalid JSON pointer ${JSON.stringify(path)}`);
  return path === '' ? [] : path.slice(1).split('/').map(unescapePointer);
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function getAt(doc: Json, segs: string[]): Json | undefined {
  let cur: Json | undefined = doc;
  for (const s of segs) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (isObject(cur)) cur = Object.prototype.hasOwnProperty.call(cur, s) ? cur[s] : undefined;
    else return undefined;
  }
  return cur;
}

function failed(op: string, path: unknown): KubeError {
  return new KubeError(422, 'Invalid', `the server rejected our request due to an error in our request`, undefined).withMessage(
    `jsonpatch ${op} operation does not apply: doc is missing path: "${String(path)}"`,
  );
}

function setAt(doc: Json, segs: string[], value: Json, mode: 'add' | 'replace', op: string, path: unknown): Json {
  if (segs.length === 0) return value;
  const parent = getAt(doc, segs.slice(0, -1));
  const last = segs[segs.length - 1];
  if (Array.isArray(parent)) {
    const idx = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(idx) || idx < 0 || idx > parent.length || (mode === 'replace' && idx >= parent.length)) throw failed(op, path);
    if (mode === 'add') parent.splice(idx, 0, value);
    else parent[idx] = value;
  } else if (isObject(parent)) {
    if (mode === 'replace' && !Object.prototype.hasOwnProperty.call(parent, last)) throw failed(op, path);
    parent[last] = value;
  } else throw failed(op, path);
  return doc;
}

function removeAt(doc: Json, segs: string[], op: string, path: unknown): Json {
  const parent = getAt(doc, segs.slice(0, -1));
  const last = segs[segs.length - 1];
  if (segs.length === 0) throw failed(op, path);
  if (Array.isArray(parent)) {
    const idx = Number(last);
    if (!Number.isInteger(idx) || idx < 0 || idx >= parent.length) throw failed(op, path);
    parent.splice(idx, 1);
  } else if (isObject(parent) && Object.prototype.hasOwnProperty.call(parent, last)) delete parent[last];
  else throw failed(op, path);
  return doc;
}

export function jsonPatch(doc: Json, ops: unknown): Json {
  if (!Array.isArray(ops)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let out = clone(doc);
  for (const raw of ops) {
    if (!isObject(raw)) throw badRequest('json: cannot unmarshal into Go value of type jsonpatch.Operation');
    const op = raw.op;
    const segs = parsePointer(raw.path);
    switch (op) {
      case 'add':
        out = setAt(out, segs, clone(raw.value ?? null), 'add', op, raw.path);
        break;
      case 'replace':
        out = setAt(out, segs, clone(raw.value ?? null), 'replace', op, raw.path);
        break;
      case 'remove':
        out = removeAt(out, segs, op, raw.path);
        break;
      case 'test':
        if (JSON.stringify(getAt(out, segs)) !== JSON.stringify(raw.value)) {
          throw new KubeError(422, 'Invalid', 'the server rejected our request due to an error in our request').withMessage(`testing value ${String(raw.path)} failed: test failed`);
        }
        break;
      case 'move':
      case 'copy': {
        const from = parsePointer(raw.from);
        const v = getAt(out, from);
        if (v === undefined) throw failed(op, raw.from);
        if (op === 'move') out = removeAt(out, from, op, raw.from);
        out = setAt(out, segs, clone(v), 'add', op, raw.path);
        break;
      }
      default:
        throw badRequest(`Unexpected kind: ${String(op)}`);
    }
  }
  return out;
}

export function applyPatch(doc: Json, contentType: string, body: unknown): Json {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'application/json-patch+json') return jsonPatch(doc, body);
  if (type === 'application/merge-patch+json') return mergePatch(clone(doc), body as Json, false);
  if (type === 'application/strategic-merge-patch+json') return mergePatch(clone(doc), body as Json, true);
  throw unsupportedPatchType();
}
