// The smallest OpenAPI v3 answer kubectl 1.32 needs for `kubectl apply`: with --validate=strict it asks
// /openapi/v3 whether PATCH of the object's kind takes the fieldValidation query parameter; a yes means
// the server validates and kubectl skips its client-side check (which would need protobuf /openapi/v2).
// PATCH operations carry no requestBody, so kubectl builds its strategic merge patch from its built-in types.
import { createHash } from 'node:crypto';

const FIELD_VALIDATION = {
  name: 'fieldValidation',
  in: 'query',
  description:
    'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict',
  schema: { type: 'string', uniqueItems: true },
};

function pathItem(kind: string, operationId: string) {
  const gvk = { group: '', version: 'v1', kind };
  const params = [
    { name: 'name', in: 'path', required: true, schema: { type: 'string', uniqueItems: true } },
    { name: 'namespace', in: 'path', required: true, schema: { type: 'string', uniqueItems: true } },
    FIELD_VALIDATION,
  ];
  return {
    parameters: params,
    get: { operationId: `read${operationId}`, 'x-kubernetes-action': 'get', 'x-kubernetes-group-version-kind': gvk, responses: { '200': { description: 'OK' } } },
    put: { operationId: `replace${operationId}`, 'x-kubernetes-action': 'put', 'x-kubernetes-group-version-kind': gvk, parameters: [FIELD_VALIDATION], responses: { '200': { description: 'OK' } } },
    patch: { operationId: `patch${operationId}`, 'x-kubernetes-action': 'patch', 'x-kubernetes-group-version-kind': gvk, parameters: [FIELD_VALIDATION], responses: { '200': { description: 'OK' } } },
    delete: { operationId: `delete${operationId}`, 'x-kubernetes-action': 'delete', 'x-kubernetes-group-version-kind': gvk, responses: { '200': { description: 'OK' } } },
  };
}

export function coreV1OpenApi(version: string): unknown {
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: `v${version}` },
    paths: {
      '/api/v1/namespaces/{namespace}/configmaps/{name}': pathItem('ConfigMap', 'CoreV1NamespacedConfigMap'),
    },
    components: { schemas: {} },
  };
}

export function openApiV3Index(version: string): unknown {
  const hash = createHash('sha512').update(JSON.stringify(coreV1OpenApi(version))).digest('hex').toUpperCase().slice(0, 128);
  return { paths: { 'api/v1': { serverRelativeURL: `/openapi/v3/api/v1?hash=${hash}` } } };
}
