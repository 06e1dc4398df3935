// "What kubectl will really present" to a cluster: the context kubectl would use for it, its exec plugin run
// exactly as kubectl runs it (the user's env with inherited AWS_* variables, the exec env, KUBERNETES_EXEC_INFO,
// the terminal's PATH), and the token it prints resolved to an IAM ARN the way the EKS authenticator does.
import { identityFromCaller } from '../profiles/arn.js';
import type { Env } from '../profiles/deps.js';
import { findClusterContext, type ClusterRef, type ContextMatch, type FoundContext } from '../kubeconfig/find.js';
import { loadMergedKubeconfig, type FromFile, type MergedKubeconfig } from '../kubeconfig/merge.js';
import { KubeconfigFileError } from '../kubeconfig/read.js';
import type { ExecConfig, NamedUser } from '../kubeconfig/types.js';
import { decodeToken, TokenDecodeError } from '../token/decode.js';
import { TOKEN_PREFIX } from '../token/exec-credential.js';
import { invalidApiVersionMessage, invalidExecConfigMessage, parseExecCredential } from './exec-credential.js';
import { credentialEnvOverrides, execEnvEntries, execEnvironment } from '../kubeconfig/exec-env.js';
import { execSearchPath, type LoginShellPath } from './exec-login-path.js';
import { redact, redactArgs, redactBounded, redactEnvEntries } from '../../shared/redact.js';
import { runExecPlugin } from './exec-run.js';
import { replayTokenToSts } from './exec-sts-replay.js';

import { compareServer, type DescribeClusterView, type ServerComparison } from '../kubeconfig/compare-server.js';
import { credentialTimeoutFrom } from '../profiles/credentials.js';

export { compareServer, type DescribeClusterView, type ServerComparison };

export type KubectlIdentityFailureKind =
  | 'kubeconfig-invalid'
  | 'no-context'
  | 'exec-missing'
  | 'exec-failed'
  | 'invalid-api-version'
  | 'invalid-exec-config'
  | 'bad-output'
  | 'sts-rejected'
  | 'not-exec';

export interface KubectlIdentityFailure {
  kind: KubectlIdentityFailureKind;
  message: string;
  /** The plugin's stderr, trimmed, with secrets redacted. */
  stderr?: string;
  /** STS's error code when it refused the token (InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken …). */
  code?: string;
}

export interface KubectlIdentity {
  context?: {
    name: string;
    file: string;
    cluster?: string;
    user?: string;
    server?: string;
    matchedBy: ContextMatch;
    /** Whether plain `kubectl` (no --context) uses it. */
    isCurrent: boolean;
  };
  currentContext?: string;
  /** The context's server and CA against DescribeCluster (when `described` was given): KUBECONFIG_STALE evidence. */
  serverCheck?: ServerComparison;
  exec?: {
    command: string;
    args: string[];
    /** The exec block's env entries; secret-looking values redacted. */
    env: Array<{ name: string; value: string }>;
    apiVersion: string;
    interactiveMode?: string;
  };
  arn?: string;
  canonicalArn?: string;
  account?: string;
  via: 'exec' | 'token' | 'client-certificate' | 'none';
  /** AWS_* credential variables in the plugin's env that take the place of AWS_PROFILE's profile. */
  envOverrides: string[];
  failure?: KubectlIdentityFailure;
}

export interface KubectlIdentityOptions {
  /** The user's environment (as their shell has it). */
  env: Env;
  cluster: ClusterRef;
  /** DescribeCluster's endpoint and CA, to compare the context's cluster entry with. */
  described?: DescribeClusterView;
  /** Already loaded kubeconfig (else read from env's KUBECONFIG / ~/.kube/config). */
  kubeconfig?: MergedKubeconfig;
  /** The app was started from a GUI launcher: use the login shell's PATH to find the plugin. */
  fromGui?: boolean;
  loginShellPath?: LoginShellPath;
  timeoutMs?: number;
  /** Ends the plugin's run (its process group) when it aborts. */
  signal?: AbortSignal;
}

/** The plugin (`aws eks get-token`) resolves the profile's credentials, then signs: the credential deadline plus its own start-up. */
const EXEC_OVERHEAD_MS = 10_000;

export async function kubectlIdentity(opts: KubectlIdentityOptions): Promise<KubectlIdentity> {
  let kc: MergedKubeconfig;
  try {
    kc = opts.kubeconfig ?? (await loadMergedKubeconfig(opts.env));
  } catch (err) {
    if (!(err instanceof KubeconfigFileError)) throw err;
    return { via: 'none', envOverrides: [], failure: { kind: 'kubeconfig-invalid', message: `kubectl cannot load ${err.message}` } };
  }
  const found = findClusterContext(kc, opts.cluster);
  if (!found) {
    const currentContext = kc.currentContext ? { currentContext: kc.currentContext } : {};
    const files = kc.files.map((f) => f.path).join(', ');
    const current = kc.currentContext ? `; kubectl's current context is ${kc.currentContext}` : '';
    return {
      ...currentContext,
      via: 'none',
      envOverrides: [],
      failure: { kind: 'no-context', message: `no context in ${files} talks to ${opts.cluster.arn}${current}` },
    };
  }
  return identityOfContext(kc, found, opts);
}

/**
 * What kubectl presents through one given context: its exec plugin run as kubectl runs it and the token resolved
 * by STS. `onToken` receives the plugin's token (kept in the main process: the caller probes with it).
 */
export async function identityOfContext(
  kc: MergedKubeconfig,
  found: FoundContext,
  opts: Omit<KubectlIdentityOptions, 'kubeconfig'> & { onToken?: (token: string) => void },
): Promise<KubectlIdentity> {
  const currentContext = kc.currentContext ? { currentContext: kc.currentContext } : {};
  const context: NonNullable<KubectlIdentity['context']> = {
    name: found.name,
    file: found.context.file,
    ...(found.cluster ? { cluster: found.cluster.entry.name } : {}),
    ...(found.user ? { user: found.user.entry.name } : {}),
    ...(typeof found.cluster?.entry.cluster?.server === 'string' ? { server: found.cluster.entry.cluster.server } : {}),
    matchedBy: found.matchedBy,
    isCurrent: found.isCurrent,
  };
  const clusterEntry = found.cluster;
  const serverCheck = opts.described && clusterEntry ? { serverCheck: compareServer({ cluster: clusterEntry.entry.cluster ?? {}, file: clusterEntry.file }, opts.described) } : {};
  const base = { context, ...currentContext, ...serverCheck };
  const user = found.user?.entry.user;
  if (!user) {
    const userName = found.context.entry.context?.user;
    return { ...base, via: 'none', envOverrides: [], failure: { kind: 'not-exec', message: `context ${found.name} names user "${userName ?? ''}", which no kubeconfig file defines` } };
  }
  if (!user.exec) return { ...base, ...notExec(found.name, user) };
  return { ...base, ...(await presentExec(user.exec, found.user!, opts)) };
}

function notExec(contextName: string, user: Record<string, unknown>): Pick<KubectlIdentity, 'via' | 'envOverrides' | 'failure'> {
  const viaToken = typeof user.token === 'string' || typeof user.tokenFile === 'string';
  const viaCert = Boolean(user['client-certificate-data'] || user['client-certificate']);
  const how = viaToken ? 'a fixed bearer token' : viaCert ? 'a client certificate' : 'no credentials kubectl can send to EKS';
  const eksToken = typeof user.token === 'string' && user.token.startsWith(TOKEN_PREFIX) ? ' (an EKS token pasted in: it expired 15 minutes after it was made)' : '';
  return {
    via: viaToken ? 'token' : viaCert ? 'client-certificate' : 'none',
    envOverrides: [],
    failure: { kind: 'not-exec', message: `context ${contextName} authenticates with ${how}${eksToken}, not with the aws exec plugin` },
  };
}

async function presentExec(exec: ExecConfig, user: FromFile<NamedUser>, opts: Omit<KubectlIdentityOptions, 'kubeconfig'> & { onToken?: (token: string) => void }): Promise<Omit<KubectlIdentity, 'context' | 'currentContext'>> {
  const command = typeof exec.command === 'string' ? exec.command : '';
  const args = (exec.args ?? []).map(String);
  const execEnv = execEnvEntries(exec);
  const apiVersion = typeof exec.apiVersion === 'string' ? exec.apiVersion : '';
  const shown = {
    command,
    args: redactArgs(args),
    env: redactEnvEntries(execEnv),
    apiVersion,
    ...(typeof exec.interactiveMode === 'string' ? { interactiveMode: exec.interactiveMode } : {}),
  };
  const searchPath = await execSearchPath(opts.env, { fromGui: opts.fromGui, loginShellPath: opts.loginShellPath });
  const env = execEnvironment(opts.env, execEnv, apiVersion, searchPath);
  const envOverrides = credentialEnvOverrides(env, command, args);
  const result = { exec: shown, via: 'exec' as const, envOverrides };
  const invalid = invalidApiVersionMessage(apiVersion || undefined);
  if (invalid) {
    const hint = apiVersion.endsWith('/v1alpha1') ? ' — kubectl 1.24 and later reject v1alpha1 before running the plugin; update-kubeconfig rewrites it as v1beta1' : '';
    return { ...result, failure: { kind: 'invalid-api-version', message: invalid + hint } };
  }
  const badConfig = invalidExecConfigMessage(exec, String(user.entry.name));
  if (badConfig) return { ...result, failure: { kind: 'invalid-exec-config', message: badConfig } };
  if (!command) return { ...result, failure: { kind: 'exec-missing', message: 'the exec block names no command' } };

  const run = await runExecPlugin({ command, args, env, kubeconfigFile: user.file, timeoutMs: opts.timeoutMs ?? credentialTimeoutFrom(opts.env) + EXEC_OVERHEAD_MS, ...(opts.signal ? { signal: opts.signal } : {}) });
  if (!run.ok) return { ...result, failure: { kind: run.kind, message: run.message, ...(run.stderr ? { stderr: run.stderr } : {}) } };
  const cred = parseExecCredential(run.stdout, apiVersion);
  const stderr = run.stderr.trim() ? { stderr: redactBounded(run.stderr) } : {};
  if (!cred.ok) return { ...result, failure: { kind: 'bad-output', message: cred.message, ...stderr } };
  opts.onToken?.(cred.token);
  if (!cred.token.startsWith(TOKEN_PREFIX)) return { ...result, failure: { kind: 'bad-output', message: `the plugin's token is not an EKS IAM token (no "${TOKEN_PREFIX}" prefix)` } };
  try {
    const decoded = decodeToken(cred.token);
    if (!decoded.clusterIdSigned) {
      return { ...result, failure: { kind: 'sts-rejected', message: 'the token does not sign x-k8s-aws-id, which the authenticator requires' } };
    }
  } catch (err) {
    if (err instanceof TokenDecodeError) return { ...result, failure: { kind: 'bad-output', message: `the plugin's token cannot be read: ${err.message}` } };
    throw err;
  }
  const sts = await replayTokenToSts(cred.token, opts.cluster.name, env);
  if (!sts.ok) return { ...result, failure: { kind: 'sts-rejected', message: redact(sts.message), ...(sts.code ? { code: sts.code } : {}) } };
  const identity = identityFromCaller(sts.arn, sts.account, sts.userId);
  return { ...result, arn: sts.arn, canonicalArn: identity.canonicalArn, account: sts.account };
}
