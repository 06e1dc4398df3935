// The kube-system/aws-auth ConfigMap a scenario gives a cluster: the keys it sets (an empty key is left out,
// as kubectl leaves out an unset one), a uid and timestamps derived from the cluster ARN so runs repeat.
import type { ScenarioCluster } from '../scenario/schema.js';
import { stableHex } from './ids.js';
import type { ConfigMap } from './types.js';

export function awsAuthConfigMap(arn: string, awsAuth: NonNullable<ScenarioCluster['awsAuth']>, createdAt: number, resourceVersion: string): ConfigMap {
  const data: Record<string, string> = {};
  for (const key of ['mapRoles', 'mapUsers', 'mapAccounts'] as const) if (awsAuth[key] !== '') data[key] = awsAuth[key];
  return {
    name: 'aws-auth',
    namespace: 'kube-system',
    uid: `${stableHex(`${arn}#aws-auth`, 8)}-${stableHex(`${arn}#aws-auth2`, 4)}-4${stableHex(`${arn}#3`, 3)}-8${stableHex(`${arn}#4`, 3)}-${stableHex(`${arn}#5`, 12)}`,
    resourceVersion,
    creationTimestamp: new Date(createdAt + 600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    data,
  };
}
