// The words of the grant's safe default, said the same by the wizard's choice, its preview and its confirmation.

export const READ_ONLY_WORDS = 'read-only access to everything in the cluster';

/** Each access policy the grant offers, in words (its AWS name and summary follow on a second line). */
export const POLICY_WORDS: Record<string, string> = {
  AmazonEKSViewPolicy: 'Read only: see most things, change nothing',
  AmazonEKSEditPolicy: 'Edit: create, change and delete most workloads',
  AmazonEKSAdminPolicy: 'Admin: change most things, including who may do what',
  AmazonEKSClusterAdminPolicy: 'Full administrator rights on the whole cluster',
};
