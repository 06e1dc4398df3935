// A kubeconfig preview's or write's failure in its source's own words: the line `aws eks update-kubeconfig`
// prints for it (AWS's error code and message, the kubeconfig's file and line), carried beside the app's wording.
import type { FailureOrigin } from '../../shared/contract-kit.js';
import { awsErrorOf } from '../clusters/errors.js';
import { firstLine } from '../common/first-line.js';
import { CredentialFailure } from '../profiles/credentials.js';
import { KubeconfigLockedError } from './file-lock.js';
import { ClusterNotReadyError } from './plan-for-profile.js';
import { KubeconfigFileError } from './read.js';
import { KubeconfigChangedError, KubeconfigPermissionError } from './write-in-place.js';

export function failureOrigin(err: unknown): FailureOrigin {
  if (err instanceof KubeconfigFileError || err instanceof KubeconfigChangedError || err instanceof KubeconfigLockedError || err instanceof KubeconfigPermissionError || err instanceof ClusterNotReadyError) {
    return { message: firstLine(err) };
  }
  if (err instanceof CredentialFailure) return { what: 'profile credentials', code: err.code, message: firstLine(err) };
  const aws = awsErrorOf(err);
  return { ...(aws.code !== 'Error' ? { code: aws.code } : {}), message: aws.message };
}

