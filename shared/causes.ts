/**
 * The root-cause catalogue: every code with a plain-language title and a two-sentence
 * explanation. Shared by the UI and the CLI; no runtime dependencies.
 */

export const CAUSE_CODES = [
  'OK',
  'CREDENTIALS_MISSING',
  'CREDENTIALS_INVALID',
  'CREDENTIALS_EXPIRED',
  'MFA_REQUIRED',
  'ENV_CREDENTIALS_OVERRIDE',
  'KUBECONFIG_IDENTITY_MISMATCH',
  'NO_KUBECONFIG_ENTRY',
  'KUBECONFIG_STALE',
  'EXEC_PLUGIN_BROKEN',
  'NOT_MAPPED',
  'MAPPED_WITH_PATH',
  'MAPPED_SESSION_ARN',
  'MAPPING_NEAR_MISS',
  'AWS_AUTH_INVALID',
  'CONFIGMAP_IGNORED',
  'FORBIDDEN',
  'CREATOR_GONE',
  'NO_EKS_PERMISSION',
  'CLUSTER_NOT_FOUND',
  'ENDPOINT_UNREACHABLE',
  'CLOCK_SKEW',
  'ACCESS_ENTRY_STALE',
] as const;

export type CauseCode = (typeof CAUSE_CODES)[number];

export interface CauseInfo {
  /** Plain-language headline. */
  title: string;
  /** Two sentences: what is wrong, and why it leads to the error. */
  explanation: string;
}

export const CAUSES: Record<CauseCode, CauseInfo> = {
  OK: {
    title: 'This profile reaches the cluster',
    explanation: 'The cluster accepts this identity and lets it list services. Nothing needs fixing for this profile.',
  },
  CREDENTIALS_MISSING: {
    title: 'The profile gives no credentials',
    explanation: 'The AWS profile has no keys, SSO settings or role the CLI can use. Without credentials no EKS token can be made, so kubectl cannot sign in.',
  },
  CREDENTIALS_INVALID: {
    title: 'AWS rejects the access key',
    explanation: 'STS does not accept the access key of this profile: it was deleted, deactivated, or its user no longer exists. Every token signed with it is refused, so the cluster answers 401 Unauthorized.',
  },
  CREDENTIALS_EXPIRED: {
    title: 'The sign-in has expired',
    explanation: 'The temporary credentials or the IAM Identity Center (SSO) sign-in of this profile are past their expiry. The token helper cannot make a token until you sign in again.',
  },
  MFA_REQUIRED: {
    title: 'The role needs an MFA code',
    explanation: 'The profile assumes a role that requires multi-factor authentication. kubectl runs the token helper without a terminal, so it cannot ask for the code and fails.',
  },
  ENV_CREDENTIALS_OVERRIDE: {
    title: 'Environment keys replace the profile kubectl should use',
    explanation: 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in your environment take precedence over AWS_PROFILE, so the token helper signs with other keys than the kubeconfig asks for. The cluster sees a different IAM identity, which is not allowed in.',
  },
  KUBECONFIG_IDENTITY_MISMATCH: {
    title: 'kubectl uses another identity than the one with access',
    explanation: 'The kubeconfig entry for this cluster makes kubectl present an IAM identity that the cluster does not accept, while another of your identities is accepted. Pointing the entry at that identity fixes kubectl.',
  },
  NO_KUBECONFIG_ENTRY: {
    title: 'kubectl has no entry for this cluster',
    explanation: 'None of your kubeconfig contexts points at this cluster, so kubectl talks to another cluster or to none. Running update-kubeconfig adds the entry.',
  },
  KUBECONFIG_STALE: {
    title: "The kubeconfig entry is out of date",
    explanation: "The kubeconfig's server address or CA certificate is not the cluster's current one (the cluster was re-created or its endpoint changed). kubectl cannot reach or trust the API server until the entry is rewritten.",
  },
  EXEC_PLUGIN_BROKEN: {
    title: 'The token helper cannot run',
    explanation: 'kubectl gets its token from the exec plugin in the kubeconfig (normally `aws eks get-token`), and that plugin is missing, too old, or declared with an apiVersion kubectl rejects. No token is sent, so kubectl cannot sign in.',
  },
  NOT_MAPPED: {
    title: 'Nothing grants this identity access',
    explanation: 'The identity is valid, but neither an EKS access entry nor the aws-auth ConfigMap maps it to a Kubernetes user. The authenticator rejects it, which kubectl reports as Unauthorized.',
  },
  MAPPED_WITH_PATH: {
    title: 'aws-auth names the role with its path',
    explanation: 'aws-auth lists the role ARN including its IAM path (for SSO roles, /aws-reserved/sso.amazonaws.com/...). The authenticator compares the role ARN without a path, so that entry never matches.',
  },
  MAPPED_SESSION_ARN: {
    title: 'aws-auth names a session ARN instead of the role',
    explanation: 'The aws-auth entry holds an assumed-role session ARN (arn:aws:sts::…:assumed-role/…) as copied from get-caller-identity. The authenticator matches the role ARN (arn:aws:iam::…:role/…), so the entry never applies.',
  },
  MAPPING_NEAR_MISS: {
    title: 'An aws-auth entry almost matches',
    explanation: 'An entry in aws-auth is nearly your identity — another account ID, or a typo in the name. Only an exact match counts, so you are not mapped.',
  },
  AWS_AUTH_INVALID: {
    title: 'A part of aws-auth is malformed, so it maps nobody',
    explanation: 'A list in the aws-auth ConfigMap (mapRoles, mapUsers or mapAccounts) is not valid YAML or has an entry written the wrong way, and the authenticator then ignores every entry in that list. The entry meant for you is in it, or nothing else maps you.',
  },
  CONFIGMAP_IGNORED: {
    title: 'The cluster ignores aws-auth',
    explanation: "The cluster's authentication mode is API, which uses access entries only and ignores the aws-auth ConfigMap. Your identity is mapped only in aws-auth, so it needs an access entry.",
  },
  FORBIDDEN: {
    title: 'Signed in, but not allowed to do anything asked',
    explanation: 'The cluster accepts the identity, but no access policy or RBAC binding lets it list services here. kubectl reports Forbidden (403), not Unauthorized.',
  },
  CREATOR_GONE: {
    title: 'Only the deleted cluster creator had access',
    explanation: "The identity that created the cluster was its only administrator (an invisible mapping), and none of your identities is accepted. Re-create the creator's IAM user or role with the same kind, path and name, or ask AWS Support to restore access.",
  },
  NO_EKS_PERMISSION: {
    title: 'IAM denies the EKS API calls needed',
    explanation: 'The identity may not call eks:DescribeCluster, which update-kubeconfig and the token setup need. An IAM policy must allow it before kubectl can be configured.',
  },
  CLUSTER_NOT_FOUND: {
    title: 'No such cluster in that account and region',
    explanation: 'EKS does not know a cluster with this name in this account and region. Check the name, the region and the account of the profile.',
  },
  ENDPOINT_UNREACHABLE: {
    title: "The cluster's API server does not answer",
    explanation: 'The API endpoint is private or blocked by the network, so requests from this machine never reach it. Connect from inside the VPC (VPN, bastion); only if that is not possible, enable public access limited to your own address.',
  },
  CLOCK_SKEW: {
    title: "This machine's clock is wrong",
    explanation: 'AWS signatures and EKS tokens carry the time they were made, and AWS refuses them when the clock is off by more than a few minutes. The token looks expired to the cluster, which answers Unauthorized.',
  },
  ACCESS_ENTRY_STALE: {
    title: 'The access entry belongs to a deleted earlier role or user',
    explanation: 'An access entry names your identity, but EKS tied it to the role or user that had this name before it was deleted and re-created, so the new one is not recognised. Deleting the entry and creating it again with the same policies and groups ties it to the current one.',
  },
};

export function causeInfo(code: CauseCode): CauseInfo {
  return CAUSES[code];
}
