// The sandbox's in-memory AWS world: every service reads and changes this one model.

export type KeyStatus = 'Active' | 'Inactive' | 'Deleted';

export interface AccessKey {
  id: string;
  secret: string;
  status: KeyStatus;
}

interface PrincipalBase {
  account: string;
  name: string;
  /** IAM path, '/' or '/team/'. */
  path: string;
  /** Full IAM ARN including the path: arn:aws:iam::<acct>:user/team/bob. */
  arn: string;
  /** AIDA... for users, AROA... for roles. */
  uniqueId: string;
  /** IAM action globs this principal may call ("eks:Describe*"). */
  allow: string[];
}

export interface IamUser extends PrincipalBase {
  kind: 'user';
  accessKeys: AccessKey[];
  mfaSerial: string;
}

export interface IamRole extends PrincipalBase {
  kind: 'role';
  /** ARNs of principals allowed to assume the role (users, roles, or account roots). */
  trustedBy: string[];
  mfaRequired: boolean;
  maxSessionSeconds: number;
  /** Set on IAM Identity Center roles: the permission set name (roleName in the SSO API). */
  ssoPermissionSet?: string;
}

export type Principal = IamUser | IamRole;

/** Temporary credentials the sandbox issued (AssumeRole, GetSessionToken, SSO GetRoleCredentials). */
export interface IssuedSession {
  accessKeyId: string;
  secret: string;
  sessionToken: string;
  expiresAt: number; // epoch ms on the sandbox clock
  principal: Principal;
  /** For roles: the RoleSessionName. */
  sessionName?: string;
  /** ARN STS reports: arn:aws:sts::<acct>:assumed-role/<Role>/<Session>, or the user ARN. */
  arn: string;
  /** AROA...:<Session> for roles, the user's AIDA... for GetSessionToken. */
  userId: string;
  mfaAuthenticated: boolean;
}

/** Who signed a request, once the signature checked out. */
export interface Caller {
  accessKeyId: string;
  account: string;
  arn: string;
  userId: string;
  principal: Principal;
  sessionName?: string;
  session?: IssuedSession;
}

export type AuthenticationMode = 'CONFIG_MAP' | 'API_AND_CONFIG_MAP' | 'API';

export interface AssociatedPolicy {
  policyArn: string;
  accessScope: { type: 'cluster' | 'namespace'; namespaces: string[] };
  associatedAt: number;
  modifiedAt: number;
}

export interface AccessEntry {
  principalArn: string;
  /** The IAM unique ID captured when the entry was made: a re-created role does not match. */
  principalId: string;
  kubernetesGroups: string[];
  username: string;
  type: string;
  createdAt: number;
  modifiedAt: number;
  tags: Record<string, string>;
  policies: AssociatedPolicy[];
}

export interface ConfigMap {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  data: Record<string, string>;
}

export interface RbacBinding {
  group: string;
  clusterRole: 'view' | 'edit' | 'admin' | 'cluster-admin';
  namespace?: string;
}

export interface ClusterState {
  name: string;
  account: string;
  region: string;
  arn: string;
  version: string;
  platformVersion: string;
  status: string;
  createdAt: number;
  roleArn: string;
  tags: Record<string, string>;
  /** ARN of the principal that created the cluster (may no longer exist in IAM). */
  creatorArn?: string;
  /** Unique ID of the creator at creation time. */
  creatorPrincipalId?: string;
  /** The STS ARN the creator called CreateCluster with (for CloudTrail). */
  creatorSessionArn?: string;
  authenticationMode: AuthenticationMode;
  bootstrapClusterCreatorAdminPermissions: boolean;
  endpointPublicAccess: boolean;
  endpointPrivateAccess: boolean;
  publicAccessCidrs: string[];
  logging: Set<string>;
  accessEntries: Map<string, AccessEntry>; // key: principalArn
  /** ConfigMaps by `${namespace}/${name}`; aws-auth lives at kube-system/aws-auth. */
  configMaps: Map<string, ConfigMap>;
  rbac: RbacBinding[];
  namespaces: Record<string, string[]>;
  /** https://127.0.0.1:<port>, set when its API server listens. */
  endpoint: string;
  port: number;
  /** Base64 of the PEM CA certificate (certificateAuthority.data). */
  caData: string;
  /** Unique suffix of the endpoint host and OIDC issuer. */
  idSuffix: string;
  /** Log stream for authenticator lines, authenticator-<hex>. */
  authenticatorStream: string;
  /** Pending UpdateClusterConfig updates, by id. */
  updates: Map<string, ClusterUpdate>;
}

export interface ClusterUpdate {
  id: string;
  status: 'InProgress' | 'Successful' | 'Failed';
  type: string;
  params: Array<{ type: string; value: string }>;
  createdAt: number;
  errors: unknown[];
}

export interface LogEvent {
  timestamp: number;
  ingestionTime: number;
  message: string;
  eventId: string;
}

export interface LogGroup {
  name: string;
  arn: string;
  createdAt: number;
  account: string;
  region: string;
  streams: Map<string, LogEvent[]>;
}

export interface SsoAssignment {
  startUrl: string;
  ssoRegion: string;
  accountId: string;
  permissionSet: string;
  role: IamRole;
}

/** A CloudTrail management event the sandbox recorded (EKS writes made through its API). */
export interface CloudTrailRecord {
  eventId: string;
  eventName: string;
  /** Epoch ms on the sandbox clock. */
  eventTime: number;
  eventSource: string;
  account: string;
  region: string;
  readOnly: boolean;
  accessKeyId: string;
  /** CloudTrail's Username: the IAM user name, or the role session name. */
  username: string;
  resources: Array<{ type: string; name: string }>;
  /** The full event, serialized as LookupEvents' CloudTrailEvent. */
  event: Record<string, unknown>;
}
