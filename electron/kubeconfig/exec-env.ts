// The environment kubectl gives an exec credential plugin, and which inherited AWS_* variables would take
// the place of the profile the kubeconfig asks for.
import path from 'node:path';
import type { Env } from '../profiles/deps.js';
import type { ExecConfig, ExecEnvVar } from './types.js';

/** client-go's KUBERNETES_EXEC_INFO for a plugin run without a terminal (kubectl 1.32, provideClusterInfo off), byte for byte. */
export function execInfo(apiVersion: string): string {
  return JSON.stringify({ kind: 'ExecCredential', apiVersion, spec: { interactive: false } }) + '\n';
}

/** An exec block's env entries as kubectl takes them: entries without a name skipped, values as strings. */
export function execEnvEntries(exec: Pick<ExecConfig, 'env'> | undefined): ExecEnvVar[] {
  return (exec?.env ?? []).filter((e) => e && typeof e.name === 'string').map((e) => ({ name: e.name, value: String(e.value ?? '') }));
}

/** The user's env, then the exec block's env entries (later entries win, as in Go's exec.Cmd), then the exec info. */
export function execEnvironment(userEnv: Env, execEnv: ExecEnvVar[], apiVersion: string, searchPath?: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(userEnv)) if (v !== undefined) env[k] = v;
  if (searchPath) env.PATH = searchPath;
  for (const e of execEnv) env[e.name] = e.value;
  env.KUBERNETES_EXEC_INFO = execInfo(apiVersion);
  return env;
}

/** Credential variables botocore's EnvProvider reads; present in full they precede AWS_PROFILE in its chain. */
const ENV_CREDENTIAL_VARS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'];

/**
 * Names of the credential variables that replace the profile: botocore uses environment keys before
 * AWS_PROFILE's profile, unless the profile was given with --profile (which drops the environment provider).
 */
export function credentialEnvOverrides(env: Record<string, string>, command: string, args: string[]): string[] {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return [];
  if (isAwsCli(command) && args.some((a) => a === '--profile' || a.startsWith('--profile='))) return [];
  return ENV_CREDENTIAL_VARS.filter((name) => Boolean(env[name]));
}

export function isAwsCli(command: string): boolean {
  return /^aws(\.exe|\.cmd)?$/i.test(path.basename(command));
}
