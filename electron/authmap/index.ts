// Granting access (issue 6, item 2): access entries first, aws-auth with its safety, and the verification probe.
export type { ClusterTarget, Writer, AuthenticationMode, AwsAuthKey } from './types.js';
export { normaliseForAwsAuth, normaliseForAccessEntry } from './arn.js';
export { canonicalArnOf as canonicalArn } from '../../shared/arn.js';
export { ACCESS_POLICIES, policyArnOf, type AccessPolicyName } from './access-policies.js';
export { planAccessEntryGrant, ONE_WAY_EXPLANATION, type AccessEntryGrantRequest, type AccessEntryPlan } from './access-entry-plan.js';
export { applyAccessEntryPlan, type AccessEntryApplyResult } from './access-entry-apply.js';
export { readAwsAuth, type AwsAuthContent, type BadItem } from './aws-auth-read.js';
export { planAwsAuthGrant, WriterCannotReadError, type AwsAuthGrantRequest, type AwsAuthPlan } from './aws-auth-plan.js';
export { applyAwsAuthPlan, type AwsAuthApplyResult, type AwsAuthWriteDeps } from './aws-auth-apply.js';
export { restoreAwsAuth, type RestoreResult } from './aws-auth-restore.js';
export { BackupStore, defaultBackupDir, type AwsAuthBackup } from './backup.js';
export { planView, type AwsAuthPlanView } from './plan-view.js';
export { verifyGrant } from './verify.js';
export { describeClusterTarget } from './cluster-target.js';
