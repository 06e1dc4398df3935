// `kubectl get svc --context <context>` after a kubeconfig fix: the real kubectl, with the app's environment
// (so the user's AWS_* variables count, as in their shell), an argument array and a timeout — never a shell.
import { execFile } from 'node:child_process';
import type { Env } from '../profiles/deps.js';

export interface KubectlRun {
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface KubectlRunOptions {
  env: Env;
  context: string;
  /** The kubectl binary (default: `kubectl` on the env's PATH). */
  kubectl?: string;
  timeoutMs?: number;
}

/** Resolves undefined when kubectl is not installed. */
export function kubectlGetSvc(opts: KubectlRunOptions): Promise<KubectlRun | undefined> {
  const timeoutMs = opts.timeoutMs ?? 45_000;
  const args = ['get', 'svc', '--context', opts.context, `--request-timeout=${Math.max(1, Math.floor(timeoutMs / 1000) - 5)}s`];
  const command = ['kubectl', ...args.map((a) => (/^[A-Za-z0-9_./:@=,+-]+$/.test(a) ? a : `'${a}'`))].join(' ');
  return new Promise((resolve) => {
    const child = execFile(
      opts.kubectl ?? 'kubectl',
      args,
      { env: opts.env as NodeJS.ProcessEnv, timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024, windowsHide: true },
      (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return resolve(undefined);
        let exitCode = 0;
        if (err) exitCode = typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1;
        const timedOut = Boolean(err && (err as { killed?: boolean }).killed);
        resolve({ command, exitCode, stdout: String(stdout), stderr: String(stderr) + (timedOut ? `\n(kubectl did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped)` : '') });
      },
    );
    child.stdin?.end();
  });
}
