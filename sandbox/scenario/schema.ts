// The scenario file format. Field names are an acceptance
// contract: add fields, never rename or drop them.
import * as z from 'zod';

const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit account ID in quotes, like "111122223333"');
const awsRegion = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as us-east-1');
const iamPath = z
  .string()
  .regex(/^\/([\w+=,.@-]+\/)*$/, 'an IAM path that starts and ends with "/", like /team/');
const actionGlobs = z.array(z.string().min(1)).default(['*']);

export const accessKeySchema = z.strictObject({
  id: z.string().regex(/^(AKIA|ASIA)[A-Z0-9]{12,124}$/, 'an access key ID like AKIA followed by 16 upper-case letters or digits').optional(),
  secret: z.string().min(1).optional(),
  status: z.enum(['Active', 'Inactive', 'Deleted']).default('Active'),
});

export const userSchema = z.strictObject({
  name: z.string().regex(/^[\w+=,.@-]{1,64}$/, 'an IAM user name'),
  path: iamPath.default('/'),
  accessKeys: z.array(accessKeySchema).optional(),
  allow: actionGlobs,
  mfaSerial: z.string().optional(),
});

export const roleSchema = z.strictObject({
  name: z.string().regex(/^[\w+=,.@-]{1,64}$/, 'an IAM role name'),
  path: iamPath.default('/'),
  trustedBy: z.array(z.string().min(1)).default([]),
  mfaRequired: z.boolean().default(false),
  allow: actionGlobs,
  maxSessionSeconds: z.number().int().min(900).max(43200).default(3600),
  /** Deleted and re-created with the same ARN: IAM gave it a new unique ID. */
  recreated: z.boolean().default(false),
});

export const accountSchema = z.strictObject({
  id: accountId,
  alias: z.string().optional(),
  /** Absent: the partition its profiles' ARNs, its clusters' regions or its users' profile regions place it in. */
  partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']).optional(),
  users: z.array(userSchema).default([]),
  roles: z.array(roleSchema).default([]),
});

export const ssoSchema = z.strictObject({
  startUrl: z.string().url(),
  region: awsRegion,
  accountId,
  roleName: z.string().min(1),
  loggedIn: z.boolean().default(false),
  /** Optional: write the profile with an [sso-session NAME] section instead of legacy sso_* keys. */
  sessionName: z.string().optional(),
  /** Optional: with loggedIn, the cached token's expiresAt is already past (the sign-in expired). */
  expired: z.boolean().optional(),
  /** Optional: with loggedIn, the cached token expires this many seconds after the sandbox starts (a sign-in about to expire). */
  expiresInSeconds: z.number().int().positive().optional(),
});

/** IAM Identity Center: the roles a signed-in user may use, whether or not any profile names them. */
export const identityCenterSchema = z.strictObject({
  startUrl: z.string().url(),
  region: awsRegion,
  /** Written as [sso-session NAME]; absent → the cache is keyed by the start URL, as for legacy profiles. */
  sessionName: z.string().regex(/^[\w.@-]+$/, 'a session name without spaces or brackets').optional(),
  loggedIn: z.boolean().default(false),
  /** Lifetime of the cached token and of tokens the device flow issues; negative → the cached one already expired. */
  expiresInMinutes: z.number().int().default(480),
  assignments: z.array(z.strictObject({ account: accountId, permissionSet: z.string().regex(/^[\w+=,.@-]{1,32}$/, 'a permission set name') })).default([]),
});

export const profileSchema = z
  .strictObject({
    name: z.string().regex(/^[\w+=,.@:/-]+$/, 'a profile name without spaces or brackets'),
    user: z.string().optional(),
    account: accountId.optional(),
    roleArn: z.string().optional(),
    sourceProfile: z.string().optional(),
    mfaSerial: z.string().optional(),
    roleSessionName: z.string().optional(),
    sso: ssoSchema.optional(),
    region: awsRegion.default('us-east-1'),
    /** Static keys written verbatim (e.g. keys of a user that no longer exists). */
    accessKeyId: z.string().optional(),
    secretAccessKey: z.string().optional(),
    /** Static ASIA… keys and aws_session_token in the credentials file: a user's session, or an assumed role's. */
    sessionCredentials: z
      .strictObject({
        user: z.string().optional(),
        roleArn: z.string().optional(),
        /** true: the session has expired (AWS answers ExpiredToken). */
        expired: z.boolean().default(false),
      })
      .refine((s) => Boolean(s.user) !== Boolean(s.roleArn), { message: 'exactly one of user or roleArn' })
      .optional(),
    /** credential_process argv; the sandbox writes a helper (in <state dir>/bin, named after argv[0]) that prints `user`'s keys. */
    credentialProcess: z.array(z.string().min(1)).min(1).optional(),
    /** role_arn with a web_identity_token_file the sandbox writes (a CI runner's OIDC token). */
    webIdentity: z.strictObject({ roleArn: z.string().min(1) }).optional(),
  })
  // A profile may also carry no credentials at all (only a region).
  .refine(
    (p) => [p.user && !p.credentialProcess, p.roleArn, p.sso, p.accessKeyId, p.sessionCredentials, p.credentialProcess, p.webIdentity].filter(Boolean).length <= 1,
    { message: 'at most one of user, roleArn, sso, accessKeyId, sessionCredentials, credentialProcess (with user) or webIdentity' },
  );

export const accessPolicySchema = z.strictObject({
  policyArn: z.string().regex(/^arn:aws(-cn|-us-gov)?:eks::aws:cluster-access-policy\/\w+$/, 'an access policy ARN such as arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy'),
  accessScope: z
    .strictObject({
      type: z.enum(['cluster', 'namespace']),
      namespaces: z.array(z.string()).default([]),
    })
    .default({ type: 'cluster', namespaces: [] }),
});

export const accessEntrySchema = z.strictObject({
  principalArn: z.string().regex(/^arn:aws(-cn|-us-gov)?:iam::\d{12}:(user|role)\/.+$/, 'an IAM user or role ARN'),
  kubernetesGroups: z.array(z.string()).default([]),
  username: z.string().default(''),
  type: z.string().default('STANDARD'),
  policies: z.array(accessPolicySchema).default([]),
  /** Bound to an earlier principal of this ARN (deleted since): EKS no longer matches it. */
  stalePrincipal: z.boolean().default(false),
});

export const rbacSchema = z.strictObject({
  group: z.string().min(1),
  clusterRole: z.enum(['view', 'edit', 'admin', 'cluster-admin']),
  namespace: z.string().optional(),
});

export const clusterSchema = z.strictObject({
  name: z.string().regex(/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/, 'a cluster name (letters, digits, - and _)'),
  account: accountId,
  region: awsRegion,
  version: z.string().default('1.31'),
  status: z.enum(['ACTIVE', 'CREATING', 'UPDATING', 'DELETING', 'FAILED']).default('ACTIVE'),
  creator: z.string().optional(),
  authenticationMode: z.enum(['CONFIG_MAP', 'API_AND_CONFIG_MAP', 'API']).default('CONFIG_MAP'),
  bootstrapClusterCreatorAdminPermissions: z.boolean().default(true),
  endpointPublicAccess: z.boolean().default(true),
  endpointPrivateAccess: z.boolean().default(false),
  logging: z.array(z.enum(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'])).default([]),
  awsAuth: z
    .strictObject({
      mapRoles: z.string().default(''),
      mapUsers: z.string().default(''),
      mapAccounts: z.string().default(''),
    })
    .optional(),
  accessEntries: z.array(accessEntrySchema).default([]),
  rbac: z.array(rbacSchema).default([]),
  namespaces: z.record(z.string(), z.array(z.string())).default({ default: ['kubernetes'], 'kube-system': ['kube-dns'] }),
  tags: z.record(z.string(), z.string()).default({}),
  /** Days before now that the cluster was created (CloudTrail keeps 90 days). */
  createdDaysAgo: z.number().min(0).default(30),
});

export const kubeconfigEntrySchema = z.strictObject({
  cluster: z.string().min(1),
  profile: z.string().optional(),
  roleArn: z.string().default(''),
  execApiVersion: z
    .enum(['client.authentication.k8s.io/v1beta1', 'client.authentication.k8s.io/v1alpha1', 'client.authentication.k8s.io/v1'])
    .default('client.authentication.k8s.io/v1beta1'),
  stale: z.boolean().default(false),
  /** Who wrote the entry: `aws eks update-kubeconfig` (aws-cli), eksctl, the aws-iam-authenticator docs, or a pasted
   *  static bearer token (token). */
  style: z.enum(['aws-cli', 'eksctl', 'aws-iam-authenticator', 'token']).default('aws-cli'),
  /** `--profile P` in the exec args instead of AWS_PROFILE in its env. */
  profileArg: z.boolean().default(false),
  /** Name of the user entry; two entries naming the same user share one (the later one's exec wins, as a rewrite does). */
  user: z.string().min(1).optional(),
  /** 1: the first file of KUBECONFIG; 2: the second (KUBECONFIG=<1>:<2>). */
  file: z.union([z.literal(1), z.literal(2)]).default(1),
});

export const faultsSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  throttlePercent: z.number().min(0).max(100).default(0),
  /** Which services throttlePercent applies to, by SigV4 signing name (sts, eks, logs, cloudtrail…); empty: all of them. */
  throttleServices: z.array(z.string().min(1)).default([]),
  serverErrorPercent: z.number().min(0).max(100).default(0),
  clockSkewSeconds: z.number().int().default(0),
});

/** What the real clients must see in this world: the scenario's own acceptance checks (an addition to the format). */
export const expectationSchema = z.strictObject({
  cluster: z.string().min(1),
  /** Absent: the scenario's kubeconfig entry for the cluster as written. Present: `aws eks update-kubeconfig --profile` first. */
  profile: z.string().optional(),
  /** What `kubectl get svc` does, run with the scenario's environment; `update-kubeconfig-fails`: with a profile, the
   *  `aws eks update-kubeconfig` step itself is refused (no eks:DescribeCluster, no such cluster), so kubectl is never reached. */
  getSvc: z.enum(['ok', 'unauthorized', 'forbidden', 'unreachable', 'exec-error', 'update-kubeconfig-fails']),
  /** `kubectl auth whoami` username when authenticated. */
  username: z.string().optional(),
  /** Root-cause code from the catalogue (shared/causes.ts) a diagnosis must name first. */
  cause: z.string().optional(),
  /** Without profile: the kubeconfig context kubectl uses; default the cluster's ARN (the aws CLI's context name). */
  context: z.string().min(1).optional(),
});

export const scenarioSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().default(''),
  accounts: z.array(accountSchema).min(1, 'at least one account'),
  profiles: z.array(profileSchema).default([]),
  environment: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'), z.string()).default({}),
  clusters: z.array(clusterSchema).default([]),
  kubeconfig: z.array(kubeconfigEntrySchema).default([]),
  identityCenter: identityCenterSchema.optional(),
  currentContext: z.string().optional(),
  faults: faultsSchema.default({ latencyMs: 0, throttlePercent: 0, throttleServices: [], serverErrorPercent: 0, clockSkewSeconds: 0 }),
  expect: z.array(expectationSchema).default([]),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioAccount = Scenario['accounts'][number];
export type ScenarioUser = ScenarioAccount['users'][number];
export type ScenarioRole = ScenarioAccount['roles'][number];
export type ScenarioProfile = Scenario['profiles'][number];
export type ScenarioCluster = Scenario['clusters'][number];
export type ScenarioAccessEntry = ScenarioCluster['accessEntries'][number];
export type ScenarioKubeconfigEntry = Scenario['kubeconfig'][number];
export type ScenarioIdentityCenter = NonNullable<Scenario['identityCenter']>;
export type Faults = Scenario['faults'];
export type Expectation = Scenario['expect'][number];
