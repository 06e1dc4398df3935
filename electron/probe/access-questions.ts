import type { V1ResourceAttributes } from '@kubernetes/client-node';
import type { AccessQuestion } from './types.js';

/** The SelfSubjectAccessReviews of a probe, in the order they are reported. */
export const ACCESS_QUESTIONS: { question: AccessQuestion; attributes: V1ResourceAttributes }[] = [
  { question: 'list services in default', attributes: { verb: 'list', group: '', resource: 'services', namespace: 'default' } },
  { question: 'get configmap aws-auth in kube-system', attributes: { verb: 'get', group: '', resource: 'configmaps', namespace: 'kube-system', name: 'aws-auth' } },
  { question: 'update configmap aws-auth in kube-system', attributes: { verb: 'update', group: '', resource: 'configmaps', namespace: 'kube-system', name: 'aws-auth' } },
  { question: '* on *', attributes: { verb: '*', group: '*', resource: '*' } },
];
