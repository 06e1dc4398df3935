// Who kubectl really signs in as through a context: `kubectl auth whoami -o json` (a SelfSubjectReview sent with
// the token kubectl's own credential helper made), run like get-svc.ts — argument array, timeout, no shell.
import { execFile } from 'node:child_process';
import { sameIdentity as sameArnIdentity } from '../../shared/arn.js';
import type { Env } from '../profiles/deps.js';

export interface KubectlWhoami {
  command: string;
  /** The Kubernetes username the cluster gave the token. */
  username?: string;
  /** The IAM identity behind it, as EKS reports it in the user's extra fields. */
  arn?: string;
  canonicalArn?: string;
  /** Why no identity came back (kubectl's first error line). */
  error?: string;
}

export interface WhoamiOptions {
  env: Env;
  context: string;
  kubectl?: string;
  timeoutMs?: number;
}

/** Resolves undefined when kubectl is not installed. */
export function kubectlWhoami(opts: WhoamiOptions): Promise<KubectlWhoami | undefined> {
  const timeoutMs = opts.timeoutMs ?? 45_000;
  const args = ['auth', 'whoami', '--context', opts.context, '-o', 'json', `--request-timeout=${Math.max(1, Math.floor(timeoutMs / 1000) - 5)}s`];
  const command = ['kubectl', ...args.map((a) => (/^[A-Za-z0-9_./:@=,+-]+$/.test(a) ? a : `'${a}'`))].join(' ');
  return new Promise((resolve) => {
    const child = execFile(opts.kubectl ?? 'kubectl', args, { env: opts.env as NodeJS.ProcessEnv, timeout: timeoutMs, maxBuffer: 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return resolve(undefined);
      if (err) {
        const line = String(stderr).trim().split('\n').find((l) => l.trim()) ?? `kubectl exited with ${String((err as { code?: unknown }).code ?? 'an error')}`;
        return resolve({ command, error: line });
      }
      try {
        const info = (JSON.parse(String(stdout)) as { status?: { userInfo?: { username?: string; extra?: Record<string, string[]> } } }).status?.userInfo;
        const arn = info?.extra?.arn?.[0];
        const canonicalArn = info?.extra?.canonicalArn?.[0];
        resolve({ command, ...(info?.username !== undefined ? { username: info.username } : {}), ...(arn ? { arn } : {}), ...(canonicalArn ? { canonicalArn } : {}) });
      } catch {
        resolve({ command, error: 'kubectl auth whoami did not print JSON' });
      }
    });
    child.stdin?.end();
  });
}

/** Whether kubectl's identity is the profile's: EKS's canonical ARN when it gave one, else its session ARN. */
export function sameIdentity(who: KubectlWhoami, profileCanonicalArn: string | undefined): boolean | undefined {
  if (!profileCanonicalArn) return undefined;
  const theirs = who.canonicalArn ?? who.arn;
  if (!theirs) return undefined;
  return sameArnIdentity(theirs, profileCanonicalArn);
}
