// Every fix id of electron/diagnose/fixes.ts, with the family that performs it: the app (kubeconfig, the grants) or
// the user ('manual'). The ids are stable: `fix --fix ID`.
export type FixFamily = 'kubeconfig' | 'aws-auth' | 'access-entry' | 'rbac' | 'manual';

const FAMILY = {
  'update-kubeconfig': 'kubeconfig',
  'pin-profile': 'kubeconfig',
  'use-working-profile': 'kubeconfig',
  'use-app-token': 'kubeconfig',
  'create-access-entry': 'access-entry',
  'associate-access-policy': 'access-entry',
  'recreate-access-entry': 'access-entry',
  'map-identity': 'aws-auth',
  'map-role-without-path': 'aws-auth',
  'map-role-arn': 'aws-auth',
  'fix-near-miss': 'aws-auth',
  'fix-aws-auth-item': 'aws-auth',
  'rbac-binding': 'rbac',
  'install-aws-cli': 'manual',
  'sso-login': 'manual',
  'refresh-credentials': 'manual',
  'mfa-session': 'manual',
  'new-access-key': 'manual',
  'configure-profile': 'manual',
  'sync-clock': 'manual',
  'allow-describe-cluster': 'manual',
  'list-clusters': 'manual',
  'endpoint-access': 'manual',
  'unset-env-credentials': 'manual',
  'recreate-creator': 'manual',
} as const satisfies Record<string, FixFamily>;

export type FixId = keyof typeof FAMILY;

export function isFixId(id: string): id is FixId {
  return Object.hasOwn(FAMILY, id);
}

export function familyOf(id: string): FixFamily {
  return isFixId(id) ? FAMILY[id] : 'manual';
}

/** Families that write on the cluster and so need an admin profile. */
export function needsWriter(family: FixFamily): boolean {
  return family === 'aws-auth' || family === 'access-entry' || family === 'rbac';
}
