// kube-apiserver's metav1.Status error bodies, field for field, so kubectl and client-go decode them as from EKS.

export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

export class KubeError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    // An answer, not a fault: no stack trace to capture (every refused token makes one).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }

  /** The same error with another message (patch errors reuse a reason and code). */
  withMessage(message: string): KubeError {
    return new KubeError(this.code, this.reason, message, this.details);
  }

  toStatus(): StatusBody {
    // Key order as kube-apiserver writes it: details (when any) comes before code.
    const base = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason } as const;
    return this.details ? { ...base, details: this.details, code: this.code } : { ...base, code: this.code };
  }
}

export function unauthorized(): KubeError {
  return new KubeError(401, 'Unauthorized', 'Unauthorized');
}

export function notFound(resource: string, name: string, group = ''): KubeError {
  const details: StatusDetails = group ? { name, group, kind: resource } : { name, kind: resource };
  return new KubeError(404, 'NotFound', `${resource}${group ? `.${group}` : ''} "${name}" not found`, details);
}

export function pathNotFound(): KubeError {
  return new KubeError(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function methodNotAllowed(): KubeError {
  return new KubeError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

export function conflict(resource: string, name: string): KubeError {
  return new KubeError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, kind: resource },
  );
}

export function alreadyExists(resource: string, name: string, group = ''): KubeError {
  const details: StatusDetails = group ? { name, group, kind: resource } : { name, kind: resource };
  return new KubeError(409, 'AlreadyExists', `${resource}${group ? `.${group}` : ''} "${name}" already exists`, details);
}

export function badRequest(message: string): KubeError {
  return new KubeError(400, 'BadRequest', message);
}

export function invalid(kind: string, name: string, causes: string): KubeError {
  return new KubeError(422, 'Invalid', `${kind} "${name}" is invalid: ${causes}`, { name, kind });
}

export function unsupportedPatchType(): KubeError {
  return new KubeError(
    415,
    'UnsupportedMediaType',
    'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json',
  );
}

export function unsupportedMediaType(): KubeError {
  return new KubeError(
    415,
    'UnsupportedMediaType',
    'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
  );
}

export function internalError(): KubeError {
  return new KubeError(500, 'InternalError', 'Internal error occurred: the server could not complete the request');
}
