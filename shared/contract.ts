import * as z from 'zod';
import { channel, event, returns } from './contract-kit.js';
import { CLUSTER_ARN, CLUSTER_NAME } from './cluster-arn.js';
import type {
  ActiveProfileResult, AppInfo, ExpiryWarning, ProfilesListResult, ProfileView, SsoPollResult, SsoRefreshResult, SsoStartResult,
} from './profile-types.js';
import type { FilesChanged } from './files-changed.js';
import type { MatrixEventPayload, MatrixExportResult, MatrixRerunResult, MatrixStartResult, MatrixState } from './matrix-types.js';
import type {
  IdentitiesResult, IdentityCenterPollResult, IdentityCenterSessionView, IdentityCenterSignInResult, SaveProfilesPreview, SaveProfilesResult,
} from './identity-center-types.js';
import { BACKUP_ID, type RestoreDone, type RestorePreview } from './backup-types.js';
import type { ContextsListResult, ContextsProgress, UseWithKubectlApplyResult, UseWithKubectlPlanView, UseWithKubectlUndoResult } from './contexts-types.js';
import type { DiagnosisView, KubeconfigApplyResult, KubeconfigPlanResult, KubeconfigUndoResult, ReportExportResult } from './diagnosis-types.js';
import type {
  AdminMessageResult, CreatorView, GrantApplyResult, GrantOptionsView, GrantPlanView, GrantRestoreResult, LogsEnableResult, LogsQueryResult,
  LogsStatusView, LogsUpdateView, VerificationView,
} from './wizard-types.js';

const profileName = z.string().min(1, 'profile name must not be empty').max(256, 'profile name is too long');
const empty = z.object({}).strict();
/** The region rule: the app's forms and the CLI check a region with this schema too. */
export const regionName = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, 'a region name looks like us-east-1');
const opaqueId = (what: string) => z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, `${what} must be the id the app returned`);
const fixId = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'fixId must be a fix id of the diagnosis (like map-identity)');
/** The grant's group and namespace rules, the MFA code and the scan's concurrency: the forms check with these too. */
export const groupName = z.string().regex(/^[^\s]{1,256}$/, 'a group name has no spaces');
export const namespaceName = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'a namespace name is lower-case letters, digits and -');
export const mfaCode = z.string().regex(/^\d{6}$/, 'the MFA code is 6 digits');
export const scanConcurrency = z.number().int('concurrency must be a whole number').min(1, 'concurrency is at least 1').max(1024, 'concurrency is at most 1024');
const policyName = z.enum(['AmazonEKSClusterAdminPolicy', 'AmazonEKSAdminPolicy', 'AmazonEKSEditPolicy', 'AmazonEKSViewPolicy'], 'policy must be one of the four EKS access policies');
const ssoSessionName = z.string().regex(/^[\w.@-]{1,128}$/, 'session must be the name of a sign-in the app listed');
/** What goes in front of each saved profile's name: characters a profile name keeps as they are. */
const profilePrefix = z.string().max(64, 'prefix is too long').regex(/^(?![-.])(?!.*--)[\w.-]*$/, 'prefix may hold only letters, digits, ".", "_" and "-"');
const identityKeys = z.array(z.string().regex(/^\d{12}\/[\w+=,.@-]{1,64}$/, 'each identity is accountId/roleName')).min(1, 'choose at least one identity').max(5000, 'at most 5000 identities');
const backupId = z.string().regex(BACKUP_ID, 'backupId must be the id of a backup record');
const clusterArn = z.string().regex(CLUSTER_ARN, 'clusterArn must be an EKS cluster ARN');
/** The name part of a cluster ARN: the CLI checks `--cluster NAME` with it before it makes the ARN. */
export const clusterName = z.string().regex(CLUSTER_NAME, 'an EKS cluster name is letters, digits, - and _ (up to 100), starting with a letter or digit');
const iamRoleArn = (what: string) => z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, `${what} must be an IAM role ARN`);
/** A kubeconfig entry's name (a context or a user). */
const entryName = (what: string) => z.string().min(1, `${what} must not be empty`).max(256, `${what} is too long`).regex(/^[^\s]+$/, `${what} must not contain spaces`);

/**
 * THE contract: every channel once. Adding a feature = one entry here + one handler in
 * electron/app-context.ts. Request schemas are strict: unknown keys are rejected.
 */
export const channels = {
  'app.info': channel('Mode, demo badge, versions, config file paths', empty, returns<AppInfo>()),
  'profiles.list': channel(
    'All profiles with their last known status; refresh re-reads the files and re-checks, wait awaits the checks',
    z.object({ refresh: z.boolean().optional(), wait: z.boolean().optional() }).strict(),
    returns<ProfilesListResult>(),
  ),
  'profiles.check': channel('Check one profile now (STS GetCallerIdentity)', z.object({ name: profileName }).strict(), returns<ProfileView>()),
  'profiles.setActive': channel(
    "Choose the profile the app uses for its own AWS calls; never edits the user's files",
    z.object({ name: profileName }).strict(),
    returns<ActiveProfileResult>(),
  ),
  'profiles.active': channel('The active profile', empty, returns<ActiveProfileResult>()),
  'sso.start': channel('Begin the SSO device authorization for a profile', z.object({ profile: profileName }).strict(), returns<SsoStartResult>()),
  'sso.poll': channel(
    'State of a device authorization started with sso.start',
    z.object({ flowId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'flowId must be the id sso.start returned') }).strict(),
    returns<SsoPollResult>(),
  ),
  'sso.refresh': channel(
    'Renew a profile\'s SSO sign-in with its refresh token, written where the aws CLI caches it; refreshed: false means sign in with sso.start',
    z.object({ profile: profileName }).strict(),
    returns<SsoRefreshResult>(),
  ),
  'identityCenter.sessions': channel('The IAM Identity Center sign-ins the app knows: [sso-session] sections and start URLs typed in this run', empty, returns<IdentityCenterSessionView[]>()),
  'identityCenter.signIn': channel(
    'Begin device authorization for an existing sign-in (session) or a start URL with its region; the token is cached where the aws CLI reads it',
    z
      .object({ session: ssoSessionName.optional(), startUrl: z.string().url('startUrl must be a URL like https://my-company.awsapps.com/start').max(2048).optional(), region: regionName.optional() })
      .strict()
      .refine((r) => Boolean(r.session) !== Boolean(r.startUrl && r.region), { message: 'give either session, or startUrl with region', path: ['session'] }),
    returns<IdentityCenterSignInResult>(),
  ),
  'identityCenter.poll': channel('State of a sign-in started with identityCenter.signIn', z.object({ flowId: opaqueId('flowId') }).strict(), returns<IdentityCenterPollResult>()),
  'identityCenter.identities': channel('Every account × role of a sign-in, with the profile that already uses each', z.object({ session: ssoSessionName }).strict(), returns<IdentitiesResult>()),
  'identityCenter.preview': channel('What saving the chosen identities as profiles would change in the AWS config file', z.object({ session: ssoSessionName, identities: identityKeys, prefix: profilePrefix.optional() }).strict(), returns<SaveProfilesPreview>()),
  'identityCenter.save': channel('Save the chosen identities as profiles in the app\'s block of the AWS config file (backup, lock, in-place write)', z.object({ session: ssoSessionName, identities: identityKeys, prefix: profilePrefix.optional() }).strict(), returns<SaveProfilesResult>()),
  'mfa.submit': channel(
    'Assume the MFA role of a profile with a one-time code',
    z.object({ profile: profileName, code: mfaCode }).strict(),
    returns<ProfileView>(),
  ),
  'matrix.start': channel(
    'Scan every profile against every cluster (replaces a scan in progress); cells stream as matrix.event',
    z
      .object({
        profiles: z.array(profileName).min(1, 'profiles must name at least one profile').max(1000, 'at most 1000 profiles').optional(),
        regions: z.array(regionName).min(1, 'regions must name at least one region').max(64, 'at most 64 regions').optional(),
        allRegions: z.boolean().optional(),
        concurrency: scanConcurrency.optional(),
        ssoSession: ssoSessionName.optional(),
      })
      .strict()
      .refine((r) => !(r.regions && r.allRegions), { message: 'regions and allRegions exclude each other', path: ['allRegions'] }),
    returns<MatrixStartResult>(),
  ),
  'matrix.cancel': channel('Stop the scan in progress (initial scan and re-runs)', empty, returns<{ cancelled: boolean }>()),
  'matrix.rerun': channel(
    'Probe again one cell (profile + clusterArn), a row (profile), a column (clusterArn) or everything ({})',
    z.object({ profile: profileName.optional(), clusterArn: clusterArn.optional() }).strict(),
    returns<MatrixRerunResult>(),
  ),
  'matrix.snapshot': channel('The current scan: running or not, last progress, the matrix so far', empty, returns<MatrixState>()),
  'matrix.export': channel(
    'The current matrix as a file: CSV (one line per cell) or JSON (the CLI\'s matrix --json shape)',
    z.object({ format: z.enum(['csv', 'json'], 'format must be "csv" or "json"') }).strict(),
    returns<MatrixExportResult>(),
  ),
  'contexts.list': channel(
    "Every context of the kubeconfig kubectl reads, current first: each EKS context's credential helper run as kubectl runs it, the identity, the cluster's answer, and the fix (check: false lists them without running anything; progressId: each step comes as contexts.progress with that id)",
    z.object({ check: z.boolean().optional(), progressId: opaqueId('progressId').optional() }).strict(),
    returns<ContextsListResult>(),
  ),
  'contexts.usePlan': channel(
    'Preview making one kubeconfig context run as an AWS profile (its user entry only; the AWS config is never edited)',
    z.object({ context: z.string().min(1, 'context must not be empty').max(1024, 'context name is too long'), profile: profileName }).strict(),
    returns<UseWithKubectlPlanView>(),
  ),
  'contexts.useApply': channel(
    'Write a previewed "Use with kubectl" change with a backup (refused if the file changed since), then check the context again',
    z.object({ planId: opaqueId('planId') }).strict(),
    returns<UseWithKubectlApplyResult>(),
  ),
  'contexts.useUndo': channel('Restore the kubeconfig as it was before a "Use with kubectl" write', z.object({ undoId: opaqueId('undoId') }).strict(), returns<UseWithKubectlUndoResult>()),
  'diagnosis.run': channel(
    'Diagnose one cell (profile × cluster): causes, evidence, what kubectl really uses vs what the app tested, fixes',
    z.object({ profile: profileName, clusterArn }).strict(),
    returns<DiagnosisView>(),
  ),
  'kubeconfig.plan': channel(
    'Preview the update-kubeconfig for a profile and a cluster (its ARN, or its name and region as `aws eks update-kubeconfig` takes them): the diff, and needsSavedProfile for an IAM Identity Center identity without a profile; the plan stays in the main process under planId',
    z
      .object({
        profile: profileName,
        clusterArn: clusterArn.optional(),
        /** The cluster by name (region: the profile's, unless given): DescribeCluster's answer then names the ARN. */
        cluster: clusterName.optional(),
        region: regionName.optional(),
        pinProfile: z.boolean().optional(),
        keepCurrentContext: z.boolean().optional(),
        appTokenHelper: z.boolean().optional(),
        roleArn: iamRoleArn('roleArn').optional(),
        alias: entryName('alias').optional(),
        /** DescribeCluster as this role (a cluster in another account), as the aws CLI's --assume-role-arn. */
        assumeRoleArn: iamRoleArn('assumeRoleArn').optional(),
        userAlias: entryName('userAlias').optional(),
      })
      .strict()
      .refine((r) => Boolean(r.clusterArn) !== Boolean(r.cluster), { message: 'give either clusterArn, or cluster (with region if needed)', path: ['clusterArn'] })
      .refine((r) => !(r.region && r.clusterArn), { message: 'region goes with cluster: a clusterArn names its region', path: ['region'] }),
    returns<KubeconfigPlanResult>(),
  ),
  'kubeconfig.apply': channel(
    'Write a previewed update-kubeconfig (refused if the file changed since, or while its profile is not saved yet), then re-probe the cell and run kubectl get svc unless verify is false',
    z.object({ planId: opaqueId('planId'), verify: z.boolean().optional() }).strict(),
    returns<KubeconfigApplyResult>(),
  ),
  'kubeconfig.undo': channel('Restore the kubeconfig as it was before an apply', z.object({ undoId: opaqueId('undoId') }).strict(), returns<KubeconfigUndoResult>()),
  'report.export': channel(
    'The diagnosis of a cell as a Markdown report, secrets and tokens redacted',
    z.object({ profile: profileName, clusterArn }).strict(),
    returns<ReportExportResult>(),
  ),
  'grant.options': channel(
    'What the grant wizard offers for a fix of a diagnosed cell: admin profiles, groups, policies, the mode switch',
    z.object({ profile: profileName, clusterArn, fixId }).strict(),
    returns<GrantOptionsView>(),
  ),
  'grant.plan': channel(
    'Preview a grant (aws-auth diff, access entry steps or RoleBinding) written by adminProfile; the plan stays in the main process',
    z
      .object({
        profile: profileName,
        clusterArn,
        fixId,
        adminProfile: profileName,
        groups: z.array(groupName).max(16, 'at most 16 groups').optional(),
        policy: policyName.optional(),
        namespaces: z.array(namespaceName).min(1, 'namespaces must name at least one namespace').max(16, 'at most 16 namespaces').optional(),
        repairInvalid: z.boolean().optional(),
        switchMode: z.boolean().optional(),
      })
      .strict(),
    returns<GrantPlanView>(),
  ),
  'grant.apply': channel(
    'Apply a previewed grant, then probe the cell again and run the real kubectl get svc',
    z.object({ planId: opaqueId('planId') }).strict(),
    returns<GrantApplyResult>(),
  ),
  'grant.restore': channel(
    'Put aws-auth back as it was before a grant (refused if it changed since)',
    z.object({ backupId }).strict(),
    returns<GrantRestoreResult>(),
  ),
  'backups.preview': channel(
    'What restoring one backup record on disk (an aws-auth edit, an access-entry grant, a kubeconfig or AWS config write) would change now, or why it will not and what can be done instead; changes nothing',
    z.object({ backupId }).strict(),
    returns<RestorePreview>(),
  ),
  'backups.restore': channel(
    'Undo one write of the app from its backup record on disk, with the checks of backups.preview; restored: false says why not',
    z.object({ backupId }).strict(),
    returns<RestoreDone>(),
  ),
  'cell.verify': channel(
    'The verification step: probe the cell again and run the real kubectl get svc with the user\'s kubeconfig',
    z.object({ profile: profileName, clusterArn }).strict(),
    returns<VerificationView>(),
  ),
  'creator.find': channel(
    'Who created the cluster (access entries, CloudTrail, authenticator logs) and which of the user\'s profiles is that identity',
    z.object({ profile: profileName, clusterArn }).strict(),
    returns<CreatorView>(),
  ),
  'logs.status': channel(
    'Whether the cluster logs the authenticator, asked with the profile',
    z.object({ profile: profileName, clusterArn }).strict(),
    returns<LogsStatusView>(),
  ),
  'logs.enable': channel(
    'Turn on the authenticator log type (UpdateClusterConfig) with the profile',
    z.object({ profile: profileName, clusterArn }).strict(),
    returns<LogsEnableResult>(),
  ),
  'logs.update': channel(
    'The state of the logging update logs.enable started',
    z.object({ profile: profileName, clusterArn, updateId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'updateId must be the id logs.enable returned') }).strict(),
    returns<LogsUpdateView>(),
  ),
  'logs.query': channel(
    'Run one of the article\'s Logs Insights queries on the authenticator log and parse the lines',
    z
      .object({
        profile: profileName,
        clusterArn,
        query: z.enum(['identity', 'creator', 'denied'], 'query must be identity, creator or denied'),
        identityArn: z.string().regex(/^arn:aws[a-z-]*:(iam|sts)::\d{12}:[\w+=,.@/-]{1,1024}$/, 'identityArn must be an IAM or STS ARN').optional(),
      })
      .strict()
      .refine((r) => r.query !== 'identity' || r.identityArn, { message: 'the identity query needs identityArn', path: ['identityArn'] }),
    returns<LogsQueryResult>(),
  ),
  'admin.message': channel(
    'The message for the cluster admin: the identity without path, the cluster, the access wanted and the exact commands',
    z
      .object({
        profile: profileName,
        clusterArn,
        policy: policyName.optional(),
        namespaces: z.array(namespaceName).min(1, 'namespaces must name at least one namespace').max(16, 'at most 16 namespaces').optional(),
      })
      .strict(),
    returns<AdminMessageResult>(),
  ),
} as const;

export const events = {
  'profiles.status': event<ProfileView>('A profile check finished (or started)'),
  'sso.completed': event<SsoPollResult>('A device authorization ended: complete, expired, denied or error'),
  'expiry.warning': event<ExpiryWarning>('A sign-in or temporary credentials expire within ten minutes'),
  'files.changed': event<FilesChanged>('The AWS config, credentials, SSO cache or kubeconfig changed on disk; what it touches is being checked again'),
  'contexts.progress': event<ContextsProgress>('One step of a contexts.list asked with a progressId: the contexts unchecked, then each as its check or its cause is done'),
  'matrix.event': event<MatrixEventPayload>('One event of a matrix scan: profile, cluster, discovery note, cell, progress, done or failed; or the cells kubectl uses, when a kubeconfig write moved them'),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<K extends ChannelName> = z.input<Channels[K]['request']>;
export type ParsedRequestOf<K extends ChannelName> = z.output<Channels[K]['request']>;
export type ResponseOf<K extends ChannelName> = Channels[K]['response'];
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = (typeof events)[E]['payload'];

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** The interface the renderer talks to: window.api in Electron, the fetch client in browser mode. */
export type Api = { [K in ChannelName]: (request: RequestOf<K>) => Promise<ResponseOf<K>> } & {
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** IPC channel names used by Electron for calls and events. */
export const IPC_CALL_PREFIX = 'ead:call:';
export const IPC_EVENT = 'ead:event';
