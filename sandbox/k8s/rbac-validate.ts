// Decoding (400), the rbac/v1 defaults, and kube-apiserver's validation (422 with causes) of a RoleBinding or
// ClusterRoleBinding create body (pkg/apis/rbac/validation ValidateRoleBinding / ValidateRoleBindingSubject).
import { KubeError, badRequest, type StatusCause } from './status.js';
import { RBAC_GROUP, type BindingKind, type RoleRef, type Subject } from './rbac-store.js';

export interface IncomingBinding {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  subjects: Subject[];
  roleRef: RoleRef;
}

const API_VERSION = `${RBAC_GROUP}/v1`;
const TOP_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'subjects', 'roleRef']);
const META_FIELDS = new Set([
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
]);
const SUBJECT_FIELDS = new Set(['kind', 'apiGroup', 'name', 'namespace']);
const ROLEREF_FIELDS = new Set(['apiGroup', 'kind', 'name']);
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const goType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v);

function undecodable(kind: BindingKind, detail: string): KubeError {
  return badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${detail}`);
}

function str(kind: BindingKind, v: unknown, field: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw undecodable(kind, `json: cannot unmarshal ${goType(v)} into Go struct field ${field} of type string`);
  return v;
}

function stringMap(kind: BindingKind, v: unknown, field: string): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw undecodable(kind, `json: cannot unmarshal ${goType(v)} into Go struct field ${field} of type map[string]string`);
  for (const val of Object.values(v)) {
    if (typeof val !== 'string') throw undecodable(kind, `json: cannot unmarshal ${goType(val)} into Go struct field ${field} of type string`);
  }
  return Object.keys(v).length ? (v as Record<string, string>) : undefined;
}

/** fieldValidation=Strict (kubectl's default): unknown fields are a 400 naming each one. */
function checkStrict(kind: BindingKind, o: Record<string, unknown>): void {
  const unknown: string[] = [];
  const fieldsOf = (v: unknown, known: Set<string>, prefix: string) => {
    if (isObject(v)) for (const k of Object.keys(v)) if (!known.has(k)) unknown.push(`${prefix}${k}`);
  };
  for (const k of Object.keys(o)) if (!TOP_FIELDS.has(k)) unknown.push(k);
  fieldsOf(o.metadata, META_FIELDS, 'metadata.');
  fieldsOf(o.roleRef, ROLEREF_FIELDS, 'roleRef.');
  if (Array.isArray(o.subjects)) o.subjects.forEach((s, i) => fieldsOf(s, SUBJECT_FIELDS, `subjects[${i}].`));
  if (unknown.length) throw undecodable(kind, `strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
}

/** The body as client-go would decode it, with the rbac/v1 defaults applied (apiGroup of roleRef, User and Group). */
export function decodeBinding(kind: BindingKind, body: unknown, strict: boolean): IncomingBinding & { generateName: string; resourceVersion: string } {
  if (!isObject(body)) throw undecodable(kind, `json: cannot unmarshal ${goType(body)} into Go value of type v1.${kind}`);
  if (body.apiVersion !== undefined && body.apiVersion !== API_VERSION) {
    throw badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${API_VERSION})`);
  }
  if (body.kind !== undefined && body.kind !== kind) {
    throw badRequest(`the object provided is unrecognized (must be of type ${kind}): kind "${String(body.kind)}" is not ${kind}`);
  }
  if (strict) checkStrict(kind, body);
  const meta = body.metadata ?? {};
  if (!isObject(meta)) throw undecodable(kind, `json: cannot unmarshal ${goType(meta)} into Go struct field ${kind}.metadata of type v1.ObjectMeta`);
  const rawRef = body.roleRef ?? {};
  if (!isObject(rawRef)) throw undecodable(kind, `json: cannot unmarshal ${goType(rawRef)} into Go struct field ${kind}.roleRef of type v1.RoleRef`);
  const rawSubjects = body.subjects ?? [];
  if (!Array.isArray(rawSubjects)) throw undecodable(kind, `json: cannot unmarshal ${goType(rawSubjects)} into Go struct field ${kind}.subjects of type []v1.Subject`);
  const subjects = rawSubjects.map((s): Subject => {
    if (!isObject(s)) throw undecodable(kind, `json: cannot unmarshal ${goType(s)} into Go struct field ${kind}.subjects of type v1.Subject`);
    const subjectKind = str(kind, s.kind, 'Subject.subjects.kind');
    let apiGroup = str(kind, s.apiGroup, 'Subject.subjects.apiGroup');
    if (!apiGroup && (subjectKind === 'User' || subjectKind === 'Group')) apiGroup = RBAC_GROUP;
    const namespace = str(kind, s.namespace, 'Subject.subjects.namespace');
    return { kind: subjectKind, ...(apiGroup ? { apiGroup } : {}), name: str(kind, s.name, 'Subject.subjects.name'), ...(namespace ? { namespace } : {}) };
  });
  const namespace = str(kind, meta.namespace, 'ObjectMeta.metadata.namespace');
  return {
    name: str(kind, meta.name, 'ObjectMeta.metadata.name'),
    generateName: str(kind, meta.generateName, 'ObjectMeta.metadata.generateName'),
    resourceVersion: str(kind, meta.resourceVersion, 'ObjectMeta.metadata.resourceVersion'),
    ...(namespace ? { namespace } : {}),
    labels: stringMap(kind, meta.labels, 'ObjectMeta.metadata.labels'),
    annotations: stringMap(kind, meta.annotations, 'ObjectMeta.metadata.annotations'),
    subjects,
    roleRef: {
      apiGroup: str(kind, rawRef.apiGroup, 'RoleRef.roleRef.apiGroup') || RBAC_GROUP,
      kind: str(kind, rawRef.kind, 'RoleRef.roleRef.kind'),
      name: str(kind, rawRef.name, 'RoleRef.roleRef.name'),
    },
  };
}

interface FieldError {
  field: string;
  reason: 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported';
  /** field.Error's ErrorBody(): what follows "field: ". */
  body: string;
}

const required = (field: string, detail = ''): FieldError => ({ field, reason: 'FieldValueRequired', body: detail ? `Required value: ${detail}` : 'Required value' });
const invalidValue = (field: string, value: string, detail: string): FieldError => ({ field, reason: 'FieldValueInvalid', body: `Invalid value: "${value}": ${detail}` });
const notSupported = (field: string, value: string, supported: string[]): FieldError => ({
  field,
  reason: 'FieldValueNotSupported',
  body: `Unsupported value: "${value}": supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
});

/** path.IsValidPathSegmentName, which RBAC object and role names must pass. */
function pathSegmentProblems(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const out: string[] = [];
  if (name.includes('/')) out.push("may not contain '/'");
  if (name.includes('%')) out.push("may not contain '%'");
  return out;
}

function subjectErrors(s: Subject, namespaced: boolean, at: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.name) errs.push(required(`${at}.name`));
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.name && (!DNS1123_SUBDOMAIN.test(s.name) || s.name.length > 253)) {
        errs.push(invalidValue(`${at}.name`, s.name, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
      }
      if (s.apiGroup) errs.push(notSupported(`${at}.apiGroup`, s.apiGroup, ['']));
      if (!namespaced && !s.namespace) errs.push(required(`${at}.namespace`));
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== RBAC_GROUP) errs.push(notSupported(`${at}.apiGroup`, s.apiGroup ?? '', [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(`${at}.kind`, s.kind, ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

export function validateBinding(kind: BindingKind, b: IncomingBinding): void {
  const errs: FieldError[] = [];
  if (!b.name) errs.push(required('metadata.name', 'name or generateName is required'));
  else for (const msg of pathSegmentProblems(b.name)) errs.push(invalidValue('metadata.name', b.name, msg));
  if (b.roleRef.apiGroup !== RBAC_GROUP) errs.push(notSupported('roleRef.apiGroup', b.roleRef.apiGroup, [RBAC_GROUP]));
  const kinds = kind === 'RoleBinding' ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(b.roleRef.kind)) errs.push(notSupported('roleRef.kind', b.roleRef.kind, kinds));
  if (!b.roleRef.name) errs.push(required('roleRef.name'));
  else for (const msg of pathSegmentProblems(b.roleRef.name)) errs.push(invalidValue('roleRef.name', b.roleRef.name, msg));
  b.subjects.forEach((s, i) => errs.push(...subjectErrors(s, kind === 'RoleBinding', `subjects[${i}]`)));
  if (errs.length === 0) return;
  const lines = errs.map((e) => `${e.field}: ${e.body}`);
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.reason, message: e.body, field: e.field }));
  throw new KubeError(422, 'Invalid', `${kind}.${RBAC_GROUP} "${b.name}" is invalid: ${lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`}`, {
    name: b.name,
    group: RBAC_GROUP,
    kind,
    causes,
  });
}
