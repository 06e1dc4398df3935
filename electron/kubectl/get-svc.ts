// `kubectl get svc --context <context>` after a kubeconfig fix: the real kubectl, with the app's environment
// (so the user's AWS_* variables count, as in their shell), an argument array and a timeout that ends its process
// group — never a shell.
import { endedInWords, runChild, seconds } from '../process/run-child.js';
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
export async function kubectlGetSvc(opts: KubectlRunOptions): Promise<KubectlRun | undefined> {
  const timeoutMs = opts.timeoutMs ?? 45_000;
  const args = ['get', 'svc', '--context', opts.context, `--request-timeout=${Math.max(1, Math.floor(timeoutMs / 1000) - 5)}s`];
  const command = ['kubectl', ...args.map((a) => (/^[A-Za-z0-9_./:@=,+-]+$/.test(a) ? a : `'${a}'`))].join(' ');
  const run = await runChild({ command: opts.kubectl ?? 'kubectl', args, env: opts.env, timeoutMs, maxBuffer: 4 * 1024 * 1024 });
  if (run.startError?.code === 'ENOENT') return undefined;
  const stopped = run.ended ? `\n(kubectl ${run.ended === 'timeout' ? `did not finish within ${seconds(timeoutMs)} s` : endedInWords(run.ended, timeoutMs)} and was stopped)` : '';
  return { command, exitCode: run.exitCode ?? 1, stdout: run.stdout, stderr: run.stderr + (run.startError ? run.startError.message : '') + stopped };
}
