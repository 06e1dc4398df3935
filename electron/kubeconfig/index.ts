// The kubeconfig domain's public API: read and merge like kubectl, find a cluster's context, compare it with
// DescribeCluster, and the safe one-click update-kubeconfig (plan → apply → undo).
export { applyPlan, undo, type ApplyOptions, type ApplyResult, type BackupRecord, type KubeconfigBackup, type WritablePlan } from './apply.js';
export { KubeconfigLockedError } from './file-lock.js';
export { KubeconfigChangedError, KubeconfigPermissionError } from './write-in-place.js';
export { planSetProfile, SetProfileError, type SetProfilePlan } from './set-profile.js';
export { compareServer, type ContextCluster, type DescribeClusterView, type ServerComparison } from './compare-server.js';
export { EXEC_API_VERSION, updateKubeconfigEntries, type DescribedCluster, type EntryOptions, type KubeconfigEntries } from './entries.js';
export { contextNamed, currentContextOf, findClusterContext, normaliseServer, type ClusterRef, type FoundContext } from './find.js';
export { loadMergedKubeconfig, mergeKubeconfigFiles, type MergedKubeconfig } from './merge.js';
export { defaultKubeconfigPath, kubeconfigPaths } from './paths.js';
export { planUpdate, planView, type PlanOptions, type UpdatePlan, type UpdatePlanView } from './plan.js';
export { ClusterNotReadyError, planUpdateForProfile, UnknownProfileError, type ProfilePlanOptions } from './plan-for-profile.js';
export { KubeconfigFileError, type KubeconfigFile } from './read.js';
export { KubeconfigBusyError, readKubeconfigFile } from './read-settled.js';
export type * from './types.js';
export { relaidOutNote, styleOf } from './style.js';
