// Builds the in-memory world from a validated scenario and answers the questions every service
// asks: who owns this key, may this principal call that action, what time is it on AWS's clock.
import type { Scenario, ScenarioCluster, ScenarioProfile } from '../scenario/schema.js';
import { accessPolicyArn, accountPartitions } from './partitions.js';
import { awsAuthConfigMap } from './aws-auth-configmap.js';
import { earlierPrincipalId, randomId, randomToken, stableHex, stableId, stableSecret } from './ids.js';
import type { AccessEntry, Caller, CloudTrailRecord, ClusterState, ConfigMap, IamRole, IamUser, IssuedSession, LogEvent, LogGroup, Principal, SsoAssignment } from './types.js';

export type KeyLookup =
  | { state: 'unknown' }
  | { state: 'deleted'; accessKeyId: string }
  | { state: 'inactive'; accessKeyId: string; secret: string; caller: Caller }
  | { state: 'expired'; accessKeyId: string; secret: string; sessionToken: string; caller: Caller }
  | { state: 'active'; accessKeyId: string; secret: string; sessionToken?: string; caller: Caller };

export interface SsoDeviceAuth {
  deviceCode: string;
  userCode: string;
  clientId: string;
  startUrl: string;
  expiresAt: number;
  approved: boolean;
  denied: boolean;
  lastPolledAt: number;
}

export interface SsoToken {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  startUrl: string;
  clientId: string;
}

export class World {
  readonly scenario: Scenario;
  readonly principals = new Map<string, Principal>(); // key: ARN
  readonly clusters: ClusterState[] = [];
  readonly logGroups = new Map<string, LogGroup>(); // key: `${account}/${region}/${name}`
  readonly ssoAssignments: SsoAssignment[] = [];
  readonly ssoClients = new Map<string, { clientId: string; clientSecret: string; clientName: string; expiresAt: number }>();
  readonly ssoDeviceAuths = new Map<string, SsoDeviceAuth>(); // key: deviceCode
  readonly ssoTokens = new Map<string, SsoToken>(); // key: accessToken
  /** CloudTrail events recorded by the EKS API (CreateCluster events are synthesized from clusters). */
  readonly cloudTrailEvents: CloudTrailRecord[] = [];
  /** Set when the AWS endpoint listens: https://127.0.0.1:<port>. */
  awsEndpoint = '';
  /** Set when the device sign-in page listens on plain loopback http (no certificate warning): http://127.0.0.1:<port>. */
  ssoPageUrl = '';
  private readonly longTermKeys = new Map<string, { user: IamUser; secret: string; status: IamUser['accessKeys'][number]['status'] }>();
  private readonly sessions = new Map<string, IssuedSession>();
  private readonly skewMs: number;
  private resourceVersionCounter = 1000;
  private readonly partitions: Map<string, string>;

  constructor(scenario: Scenario) {
    this.scenario = scenario;
    this.skewMs = scenario.faults.clockSkewSeconds * 1000;
    this.partitions = accountPartitions(scenario);
    for (const account of scenario.accounts) {
      for (const u of account.users) {
        const arn = `arn:${this.partitionOf(account.id)}:iam::${account.id}:user${u.path}${u.name}`;
        const keys = (u.accessKeys ?? [{ status: 'Active' as const }]).map((k, i) => ({
          id: k.id ?? stableId('AKIA', `${arn}#key${i}`, 16),
          secret: k.secret ?? stableSecret(`${arn}#key${i}`),
          status: k.status,
        }));
        const user: IamUser = {
          kind: 'user',
          account: account.id,
          name: u.name,
          path: u.path,
          arn,
          uniqueId: stableId('AIDA', arn, 17),
          allow: u.allow,
          accessKeys: keys,
          mfaSerial: u.mfaSerial ?? `arn:${this.partitionOf(account.id)}:iam::${account.id}:mfa/${u.name}`,
        };
        this.addPrincipal(user);
      }
      for (const r of account.roles) this.addPrincipal(this.makeRole(account.id, r.name, r.path, r));
    }
    for (const p of scenario.profiles) if (p.sso) this.ensureSsoRole({ ...p.sso, permissionSet: p.sso.roleName }, '0123456789abcdef');
    const ic = scenario.identityCenter;
    for (const a of ic?.assignments ?? []) this.ensureSsoRole({ startUrl: ic!.startUrl, region: ic!.region, accountId: a.account, permissionSet: a.permissionSet }, stableHex(`${a.account}/${a.permissionSet}`, 16));
    for (const c of scenario.clusters) this.clusters.push(this.makeCluster(c));
  }

  now(): number {
    return Date.now() + this.skewMs;
  }

  /** The partition an account lives in (aws, aws-cn, aws-us-gov): its ARNs' prefix, and the regions its keys work in. */
  partitionOf(account: string): string {
    return this.partitions.get(account) ?? 'aws';
  }

  addPrincipal(p: Principal): void {
    this.principals.set(p.arn, p);
    if (p.kind === 'user') {
      for (const k of p.accessKeys) this.longTermKeys.set(k.id, { user: p, secret: k.secret, status: k.status });
    }
  }

  account(id: string) {
    return this.scenario.accounts.find((a) => a.id === id);
  }

  /** A principal named by ARN (exact, as IAM compares), or by name in the given account. */
  findPrincipal(ref: string, account?: string): Principal | undefined {
    if (ref.startsWith('arn:')) return this.principals.get(ref);
    for (const p of this.principals.values()) {
      if (p.name === ref && (!account || p.account === account)) return p;
    }
    return undefined;
  }

  /** Roles by name within an account (IAM role names are unique per account, case-insensitively). */
  findRoleByName(account: string, name: string): IamRole | undefined {
    for (const p of this.principals.values()) {
      if (p.kind === 'role' && p.account === account && p.name.toLowerCase() === name.toLowerCase()) return p;
    }
    return undefined;
  }

  userForProfile(profile: ScenarioProfile): IamUser | undefined {
    if (!profile.user) return undefined;
    for (const p of this.principals.values()) {
      if (p.kind === 'user' && p.name === profile.user && (!profile.account || p.account === profile.account)) return p;
    }
    return undefined;
  }

  lookupKey(accessKeyId: string): KeyLookup {
    const long = this.longTermKeys.get(accessKeyId);
    if (long) {
      if (long.status === 'Deleted') return { state: 'deleted', accessKeyId };
      const caller = this.callerForUser(long.user, accessKeyId);
      if (long.status === 'Inactive') return { state: 'inactive', accessKeyId, secret: long.secret, caller };
      return { state: 'active', accessKeyId, secret: long.secret, caller };
    }
    const s = this.sessions.get(accessKeyId);
    if (!s) return { state: 'unknown' };
    const caller: Caller = {
      accessKeyId,
      account: s.principal.account,
      arn: s.arn,
      userId: s.userId,
      principal: s.principal,
      sessionName: s.sessionName,
      session: s,
    };
    if (!this.principals.has(s.principal.arn)) return { state: 'deleted', accessKeyId };
    if (s.expiresAt <= this.now()) return { state: 'expired', accessKeyId, secret: s.secret, sessionToken: s.sessionToken, caller };
    return { state: 'active', accessKeyId, secret: s.secret, sessionToken: s.sessionToken, caller };
  }

  private callerForUser(user: IamUser, accessKeyId: string): Caller {
    return { accessKeyId, account: user.account, arn: user.arn, userId: user.uniqueId, principal: user };
  }

  /** Issues temporary credentials (ASIA...) for a role session or a user's session token. */
  issueSession(principal: Principal, opts: { sessionName?: string; durationSeconds: number; mfa?: boolean }): IssuedSession {
    const accessKeyId = randomId('ASIA', 16);
    const isRole = principal.kind === 'role';
    const session: IssuedSession = {
      accessKeyId,
      secret: randomToken(30),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomToken(120)}`,
      expiresAt: this.now() + opts.durationSeconds * 1000,
      principal,
      sessionName: opts.sessionName,
      arn: isRole ? `arn:${this.partitionOf(principal.account)}:sts::${principal.account}:assumed-role/${principal.name}/${opts.sessionName}` : principal.arn,
      userId: isRole ? `${principal.uniqueId}:${opts.sessionName}` : principal.uniqueId,
      mfaAuthenticated: Boolean(opts.mfa),
    };
    this.sessions.set(accessKeyId, session);
    return session;
  }

  /** Expires a session at once (tests use it to make credentials stale). */
  expireSession(accessKeyId: string): void {
    const s = this.sessions.get(accessKeyId);
    if (s) s.expiresAt = this.now() - 1000;
  }

  /** IAM's decision on an action ("eks:DescribeCluster") for a principal, from its allow globs. */
  isAllowed(principal: Principal, action: string): boolean {
    return principal.allow.some((glob) => globMatch(glob.toLowerCase(), action.toLowerCase()));
  }

  findCluster(account: string, region: string, name: string): ClusterState | undefined {
    return this.clusters.find((c) => c.account === account && c.region === region && c.name === name);
  }

  clustersIn(account: string, region: string): ClusterState[] {
    return this.clusters.filter((c) => c.account === account && c.region === region);
  }

  nextResourceVersion(): string {
    this.resourceVersionCounter += 1;
    return String(this.resourceVersionCounter);
  }

  logGroup(account: string, region: string, name: string, create = false): LogGroup | undefined {
    const key = `${account}/${region}/${name}`;
    let g = this.logGroups.get(key);
    if (!g && create) {
      g = { name, account, region, arn: `arn:aws:logs:${region}:${account}:log-group:${name}:*`, createdAt: this.now(), streams: new Map() };
      this.logGroups.set(key, g);
    }
    return g;
  }

  appendLog(account: string, region: string, group: string, stream: string, message: string, timestamp = this.now()): void {
    const g = this.logGroup(account, region, group, true)!;
    let events = g.streams.get(stream);
    if (!events) g.streams.set(stream, (events = []));
    const e: LogEvent = { timestamp, ingestionTime: this.now(), message, eventId: `${timestamp}${stableHex(`${stream}#${events.length}`, 20)}` };
    events.push(e);
  }

  /** Writes an authenticator line to the cluster's log stream when that log type is enabled. */
  logAuthenticator(cluster: ClusterState, line: string): void {
    if (!cluster.logging.has('authenticator')) return;
    this.appendLog(cluster.account, cluster.region, `/aws/eks/${cluster.name}/cluster`, cluster.authenticatorStream, line);
  }

  awsAuth(cluster: ClusterState): ConfigMap | undefined {
    return cluster.configMaps.get('kube-system/aws-auth');
  }

  /** An IAM Identity Center sign-in that already happened (scenario `loggedIn: true`, or the device flow). */
  mintSsoToken(startUrl: string, clientId: string, lifetimeSeconds = 8 * 3600): SsoToken {
    const token: SsoToken = {
      accessToken: `aoa${randomToken(48)}`,
      refreshToken: `aor${randomToken(48)}`,
      expiresAt: this.now() + lifetimeSeconds * 1000,
      startUrl,
      clientId,
    };
    this.ssoTokens.set(token.accessToken, token);
    return token;
  }

  /** How long a new sign-in lasts: the scenario's identityCenter lifetime for its start URL, else 8 hours as AWS's default. */
  ssoTokenLifetimeSeconds(startUrl: string): number {
    const ic = this.scenario.identityCenter;
    return ic && ic.startUrl === startUrl && ic.expiresInMinutes > 0 ? ic.expiresInMinutes * 60 : 8 * 3600;
  }

  ssoAssignmentsFor(startUrl: string): SsoAssignment[] {
    return this.ssoAssignments.filter((a) => a.startUrl === startUrl);
  }

  private makeRole(account: string, name: string, path: string, r: { trustedBy: string[]; mfaRequired: boolean; allow: string[]; maxSessionSeconds: number; recreated?: boolean }): IamRole {
    const arn = `arn:${this.partitionOf(account)}:iam::${account}:role${path}${name}`;
    return {
      kind: 'role',
      account,
      name,
      path,
      arn,
      // IAM gives a re-created role a new unique ID; its first life had the ID of the ARN alone.
      uniqueId: stableId('AROA', r.recreated ? `${arn}#recreated` : arn, 17),
      allow: r.allow,
      trustedBy: r.trustedBy.map((t) => this.trustArn(account, t)),
      mfaRequired: r.mfaRequired,
      maxSessionSeconds: r.maxSessionSeconds,
    };
  }

  private trustArn(account: string, ref: string): string {
    if (ref.startsWith('arn:')) return ref;
    if (/^\d{12}$/.test(ref)) return `arn:${this.partitionOf(ref)}:iam::${ref}:root`;
    const found = this.findPrincipal(ref, account);
    return found?.arn ?? `arn:${this.partitionOf(account)}:iam::${account}:user/${ref}`;
  }

  /** IAM Identity Center: the account's AWSReservedSSO_<set>_* role (created unless the scenario declares it), assigned. */
  private ensureSsoRole(sso: { startUrl: string; region: string; accountId: string; permissionSet: string }, hex: string): void {
    const prefix = `AWSReservedSSO_${sso.permissionSet}_`;
    let role = [...this.principals.values()].find(
      (p): p is IamRole => p.kind === 'role' && p.account === sso.accountId && p.name.startsWith(prefix),
    );
    if (!role) {
      role = this.makeRole(sso.accountId, `${prefix}${hex}`, `/aws-reserved/sso.amazonaws.com/${sso.region}/`, {
        trustedBy: [],
        mfaRequired: false,
        allow: ['*'],
        maxSessionSeconds: 3600,
      });
      this.addPrincipal(role);
    }
    role.ssoPermissionSet = sso.permissionSet;
    if (!this.ssoAssignments.some((a) => a.startUrl === sso.startUrl && a.accountId === sso.accountId && a.permissionSet === sso.permissionSet)) {
      this.ssoAssignments.push({ startUrl: sso.startUrl, ssoRegion: sso.region, accountId: sso.accountId, permissionSet: sso.permissionSet, role });
    }
  }

  private makeCluster(c: ScenarioCluster): ClusterState {
    const partition = this.partitionOf(c.account);
    const arn = `arn:${partition}:eks:${c.region}:${c.account}:cluster/${c.name}`;
    const idSuffix = stableHex(arn, 32).toUpperCase();
    const createdAt = this.now() - c.createdDaysAgo * 86_400_000;
    const creatorRef = c.creator ?? this.defaultCreator(c.account);
    const creator = creatorRef ? this.findPrincipal(creatorRef, c.account) : undefined;
    const creatorArn = creator?.arn ?? (creatorRef?.startsWith('arn:') ? creatorRef : creatorRef ? `arn:${partition}:iam::${c.account}:user/${creatorRef}` : undefined);
    const cluster: ClusterState = {
      name: c.name,
      account: c.account,
      region: c.region,
      arn,
      version: c.version,
      platformVersion: `eks.${(stableHex(arn, 2).charCodeAt(0) % 9) + 1}`,
      status: c.status,
      createdAt,
      roleArn: `arn:${partition}:iam::${c.account}:role/eksClusterRole`,
      tags: c.tags,
      creatorArn,
      creatorPrincipalId: creator?.uniqueId ?? (creatorArn ? stableId(creatorArn.includes(':role/') ? 'AROA' : 'AIDA', `gone:${creatorArn}`, 17) : undefined),
      creatorSessionArn: creator?.kind === 'role' ? `arn:${partition}:sts::${c.account}:assumed-role/${creator.name}/creator-session` : creatorArn,
      authenticationMode: c.authenticationMode,
      bootstrapClusterCreatorAdminPermissions: c.bootstrapClusterCreatorAdminPermissions,
      endpointPublicAccess: c.endpointPublicAccess,
      endpointPrivateAccess: c.endpointPrivateAccess,
      publicAccessCidrs: c.endpointPublicAccess ? ['0.0.0.0/0'] : [],
      logging: new Set(c.logging),
      accessEntries: new Map(),
      configMaps: new Map(),
      rbac: c.rbac,
      namespaces: c.namespaces,
      endpoint: '',
      port: 0,
      caData: '',
      idSuffix,
      authenticatorStream: `authenticator-${stableHex(`${arn}#auth`, 32)}`,
      updates: new Map(),
    };
    if (c.authenticationMode !== 'CONFIG_MAP' && c.bootstrapClusterCreatorAdminPermissions && creatorArn) {
      cluster.accessEntries.set(creatorArn, {
        principalArn: creatorArn,
        principalId: cluster.creatorPrincipalId!,
        kubernetesGroups: [],
        username: defaultAccessEntryUsername(creatorArn),
        type: 'STANDARD',
        createdAt,
        modifiedAt: createdAt,
        tags: {},
        policies: [{ policyArn: accessPolicyArn(partition, 'AmazonEKSClusterAdminPolicy'), accessScope: { type: 'cluster', namespaces: [] }, associatedAt: createdAt, modifiedAt: createdAt }],
      });
    }
    for (const e of c.accessEntries) {
      const principal = this.principals.get(e.principalArn);
      const entry: AccessEntry = {
        principalArn: e.principalArn,
        principalId: e.stalePrincipal ? earlierPrincipalId(e.principalArn, principal?.uniqueId) : (principal?.uniqueId ?? stableId(e.principalArn.includes(':role/') ? 'AROA' : 'AIDA', `gone:${e.principalArn}`, 17)),
        kubernetesGroups: e.kubernetesGroups,
        username: e.username || defaultAccessEntryUsername(e.principalArn),
        type: e.type,
        createdAt,
        modifiedAt: createdAt,
        tags: {},
        policies: e.policies.map((p) => ({ policyArn: p.policyArn, accessScope: p.accessScope, associatedAt: createdAt, modifiedAt: createdAt })),
      };
      cluster.accessEntries.set(e.principalArn, entry);
    }
    if (c.awsAuth) cluster.configMaps.set('kube-system/aws-auth', awsAuthConfigMap(arn, c.awsAuth, createdAt, this.nextResourceVersion()));
    return cluster;
  }

  private defaultCreator(account: string): string | undefined {
    const a = this.account(account);
    return a?.users[0]?.name ?? a?.roles[0]?.name;
  }
}

/** EKS's default access entry username (docs/eks-authentication.md §7): user ARN, or the role's session template. */
export function defaultAccessEntryUsername(principalArn: string): string {
  const m = /^arn:(aws[\w-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(principalArn);
  if (m) return `arn:${m[1]}:sts::${m[2]}:assumed-role/${m[3]}/{{SessionName}}`;
  return principalArn;
}

/** IAM-style glob: `*` any run, `?` one character. Both sides are expected lower-cased. */
export function globMatch(glob: string, value: string): boolean {
  const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(value);
}
