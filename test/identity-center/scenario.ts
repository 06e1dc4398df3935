// One IAM Identity Center world for the identity-center tests: five accounts (one without an alias), one account
// with four permission sets (so both portal lists page), one config profile that already names an assignment.
import { parseScenario, type Scenario } from '../../sandbox/index.js';
import { stableHex } from '../../sandbox/world/ids.js';

export const START_URL = 'https://acme.awsapps.com/start';
export const SESSION = 'acme';

export const ACCOUNTS = {
  prod: '111122223333',
  dev: '444455556666',
  data: '777788889999',
  sandbox: '222233334444',
  unnamed: '555566667777',
} as const;

export const IDENTITY_CENTER_YAML = `
name: identity-center
description: A company portal with more assignments than profiles.
accounts:
  - id: "${ACCOUNTS.prod}"
    alias: acme-prod
    users:
      - name: cluster-owner
  - id: "${ACCOUNTS.dev}"
    alias: acme-dev
  - id: "${ACCOUNTS.data}"
    alias: acme-data
  - id: "${ACCOUNTS.sandbox}"
    alias: acme-sandbox
  - id: "${ACCOUNTS.unnamed}"
profiles:
  - name: owner
    user: cluster-owner
  - name: prod-dev
    sso: {startUrl: "${START_URL}", region: us-east-1, accountId: "${ACCOUNTS.prod}", roleName: EKSDeveloper, sessionName: ${SESSION}}
identityCenter:
  startUrl: ${START_URL}
  region: us-east-1
  sessionName: ${SESSION}
  loggedIn: true
  expiresInMinutes: 480
  assignments:
    - {account: "${ACCOUNTS.prod}", permissionSet: EKSDeveloper}
    - {account: "${ACCOUNTS.prod}", permissionSet: ReadOnly}
    - {account: "${ACCOUNTS.prod}", permissionSet: Billing}
    - {account: "${ACCOUNTS.prod}", permissionSet: Admin}
    - {account: "${ACCOUNTS.dev}", permissionSet: EKSDeveloper}
    - {account: "${ACCOUNTS.data}", permissionSet: ReadOnly}
    - {account: "${ACCOUNTS.sandbox}", permissionSet: Admin}
    - {account: "${ACCOUNTS.unnamed}", permissionSet: ReadOnly}
clusters:
  - name: prod
    account: "${ACCOUNTS.prod}"
    region: us-east-1
    creator: cluster-owner
    authenticationMode: API_AND_CONFIG_MAP
    awsAuth:
      mapRoles: |
        - rolearn: arn:aws:iam::${ACCOUNTS.prod}:role/AWSReservedSSO_EKSDeveloper_0123456789abcdef
          username: dev:{{SessionName}}
          groups: [system:masters]
  - name: dev
    account: "${ACCOUNTS.dev}"
    region: us-east-1
    authenticationMode: API
    accessEntries:
      - principalArn: arn:aws:iam::${ACCOUNTS.dev}:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_EKSDeveloper_DEVHEX
        policies:
          - policyArn: arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy
`;

/** The assignments as the portal lists them: account name (alias, or the ID), permission set. */
export const ASSIGNMENTS: Array<{ accountId: string; accountName: string; roleName: string }> = [
  { accountId: ACCOUNTS.prod, accountName: 'acme-prod', roleName: 'EKSDeveloper' },
  { accountId: ACCOUNTS.prod, accountName: 'acme-prod', roleName: 'ReadOnly' },
  { accountId: ACCOUNTS.prod, accountName: 'acme-prod', roleName: 'Billing' },
  { accountId: ACCOUNTS.prod, accountName: 'acme-prod', roleName: 'Admin' },
  { accountId: ACCOUNTS.dev, accountName: 'acme-dev', roleName: 'EKSDeveloper' },
  { accountId: ACCOUNTS.data, accountName: 'acme-data', roleName: 'ReadOnly' },
  { accountId: ACCOUNTS.sandbox, accountName: 'acme-sandbox', roleName: 'Admin' },
  { accountId: ACCOUNTS.unnamed, accountName: ACCOUNTS.unnamed, roleName: 'ReadOnly' },
];

/** The role the sandbox makes for an assignment: AWSReservedSSO_<set>_<stable hex of account and set>. */
export function ssoRoleName(accountId: string, permissionSet: string): string {
  return `AWSReservedSSO_${permissionSet}_${stableHex(`${accountId}/${permissionSet}`, 16)}`;
}

export function identityCenterScenario(): Scenario {
  return parseScenario(IDENTITY_CENTER_YAML.replace('AWSReservedSSO_EKSDeveloper_DEVHEX', ssoRoleName(ACCOUNTS.dev, 'EKSDeveloper')));
}
