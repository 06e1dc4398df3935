// The words of the grant's safe default, said the same by the wizard's choice, its preview and its confirmation.

export const READ_ONLY_WORDS = 'read-only access to everything in the cluster';

/** What each access policy lets one do: the choice's label and the preview's step say it alike. */
export const POLICY_DOES: Record<string, string> = {
  AmazonEKSViewPolicy: 'see most things, change nothing',
  AmazonEKSEditPolicy: 'create, change and delete most workloads',
  AmazonEKSAdminPolicy: 'change most things, including who may do what',
};

/** Each access policy the grant offers, in words (its AWS name and summary follow on a second line). */
export const POLICY_WORDS: Record<string, string> = {
  AmazonEKSViewPolicy: `Read only: ${POLICY_DOES.AmazonEKSViewPolicy}`,
  AmazonEKSEditPolicy: `Edit: ${POLICY_DOES.AmazonEKSEditPolicy}`,
  AmazonEKSAdminPolicy: `Admin: ${POLICY_DOES.AmazonEKSAdminPolicy}`,
  AmazonEKSClusterAdminPolicy: 'Full administrator rights on the whole cluster',
};

/** The access a policy gives, as the preview's step says it ("Give it read-only access to the whole cluster"). */
export const POLICY_ACCESS_WORDS: Record<string, string> = {
  AmazonEKSViewPolicy: 'read-only access',
  AmazonEKSEditPolicy: 'edit access',
  AmazonEKSAdminPolicy: 'admin access',
  AmazonEKSClusterAdminPolicy: 'full administrator rights',
};

/** A policy's access where it applies: "read-only access to the whole cluster", "edit access in the namespace a only". */
export function policyAccessWords(policy: string, namespaces?: string[]): string {
  const ns = namespaces ?? [];
  const where = ns.length ? `in the namespace${ns.length > 1 ? 's' : ''} ${ns.join(', ')} only` : 'to the whole cluster';
  return `${POLICY_ACCESS_WORDS[policy] ?? policy} ${where}`;
}
