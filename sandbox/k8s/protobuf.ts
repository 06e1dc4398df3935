// Kubernetes' protobuf request encoding, for the objects kubectl sends that way: kubectl 1.32's typed clients
// (`kubectl create rolebinding` / `clusterrolebinding`) POST `application/vnd.kubernetes.protobuf`, a "k8s\0" magic
// followed by a runtime.Unknown envelope whose raw bytes are the object (k8s.io/api/rbac/v1/generated.proto).
// Decoded into the JSON shape the JSON path takes; fields the sandbox has no use for are skipped.
import { badRequest } from './status.js';

export const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Field = { no: number; wire: number; bytes?: Buffer };

class Malformed extends Error {}

function varint(buf: Buffer, pos: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new Malformed('truncated varint');
    const b = buf[pos++]!;
    // Field numbers and lengths fit in 32 bits; higher bits only matter for int64 values the sandbox ignores.
    if (shift < 35) value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return [value, pos];
  }
  throw new Malformed('varint too long');
}

function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    let key: number;
    [key, pos] = varint(buf, pos);
    const no = Math.floor(key / 8);
    const wire = key % 8;
    if (no === 0) throw new Malformed('field number 0');
    switch (wire) {
      case 0:
        [, pos] = varint(buf, pos);
        out.push({ no, wire });
        break;
      case 1:
        pos += 8;
        out.push({ no, wire });
        break;
      case 2: {
        let len: number;
        [len, pos] = varint(buf, pos);
        if (pos + len > buf.length) throw new Malformed('length beyond the end');
        out.push({ no, wire, bytes: buf.subarray(pos, pos + len) });
        pos += len;
        break;
      }
      case 5:
        pos += 4;
        out.push({ no, wire });
        break;
      default:
        throw new Malformed(`wire type ${wire}`);
    }
    if (pos > buf.length) throw new Malformed('truncated field');
  }
  return out;
}

/** The string fields of a message, by field number (last one wins, as in protobuf). */
function strings(buf: Buffer, names: Record<number, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields(buf)) if (f.bytes && names[f.no]) out[names[f.no]!] = f.bytes.toString('utf8');
  return out;
}

function stringMapEntry(buf: Buffer): [string, string] {
  const e = strings(buf, { 1: 'key', 2: 'value' });
  return [e.key ?? '', e.value ?? ''];
}

function objectMeta(buf: Buffer): Record<string, unknown> {
  const meta: Record<string, unknown> = strings(buf, { 1: 'name', 2: 'generateName', 3: 'namespace', 5: 'uid', 6: 'resourceVersion' });
  for (const f of fields(buf)) {
    if (!f.bytes || (f.no !== 11 && f.no !== 12)) continue;
    const key = f.no === 11 ? 'labels' : 'annotations';
    const [k, v] = stringMapEntry(f.bytes);
    meta[key] = { ...(meta[key] as Record<string, string> | undefined), [k]: v };
  }
  return meta;
}

/** A RoleBinding or ClusterRoleBinding (same field numbers) in the JSON shape. */
function binding(raw: Buffer): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const subjects: Record<string, string>[] = [];
  for (const f of fields(raw)) {
    if (!f.bytes) continue;
    if (f.no === 1) out.metadata = objectMeta(f.bytes);
    else if (f.no === 2) subjects.push(strings(f.bytes, { 1: 'kind', 2: 'apiGroup', 3: 'name', 4: 'namespace' }));
    else if (f.no === 3) out.roleRef = strings(f.bytes, { 1: 'apiGroup', 2: 'kind', 3: 'name' });
  }
  if (subjects.length) out.subjects = subjects;
  return out;
}

/** Decodes a protobuf-encoded RoleBinding / ClusterRoleBinding request body (400 when it is not one). */
export function decodeProtobufBinding(body: Buffer, expectedKind: string): unknown {
  const unrecognized = (why: string) => badRequest(`the object provided is unrecognized (must be of type ${expectedKind}): ${why}`);
  if (body.length < MAGIC.length || !body.subarray(0, MAGIC.length).equals(MAGIC)) throw unrecognized('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  try {
    let typeMeta: Record<string, string> = {};
    let raw: Buffer = Buffer.alloc(0);
    for (const f of fields(body.subarray(MAGIC.length))) {
      if (f.no === 1 && f.bytes) typeMeta = strings(f.bytes, { 1: 'apiVersion', 2: 'kind' });
      else if (f.no === 2 && f.bytes) raw = f.bytes;
    }
    return { ...(typeMeta.apiVersion ? { apiVersion: typeMeta.apiVersion } : {}), ...(typeMeta.kind ? { kind: typeMeta.kind } : {}), ...binding(raw) };
  } catch (err) {
    if (err instanceof Malformed) throw unrecognized(`proto: ${err.message}`);
    throw err;
  }
}
