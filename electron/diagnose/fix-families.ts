// Which family each fix id of electron/diagnose/fixes.ts belongs to. Anything not listed is done by the user.
export type FixFamily = 'kubeconfig' | 'aws-auth' | 'access-entry' | 'rbac' | 'manual';

const FAMILY: Record<string, FixFamily> = {
  'update-kubeconfig': 'kubeconfig',
  'pin-profile': 'kubeconfig',
  'use-working-profile': 'kubeconfig',
  'use-app-token': 'kubeconfig',
  'create-access-entry': 'access-entry',
  'associate-access-policy': 'access-entry',
  'map-identity': 'aws-auth',
  'map-role-without-path': 'aws-auth',
  'map-role-arn': 'aws-auth',
  'fix-near-miss': 'aws-auth',
  'fix-aws-auth-item': 'aws-auth',
  'rbac-binding': 'rbac',
};

export function familyOf(id: string): FixFamily {
  return FAMILY[id] ?? 'manual';
}

/** Families that write on the cluster and so need an admin profile. */
export function needsWriter(family: FixFamily): boolean {
  return family === 'aws-auth' || family === 'access-entry' || family === 'rbac';
}
