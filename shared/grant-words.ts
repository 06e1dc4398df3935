// The words of the grant's safe default, said the same by the wizard's choice, its preview and its confirmation.

export const READ_ONLY_WORDS = 'read-only access to everything in the cluster';
