// Runs a real client (aws, kubectl) the way a user's shell would after `. <state-dir>/env`:
// the sandbox's variables on top of a clean environment, an argument array, a timeout.
import { execFile } from 'node:child_process';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** PATH and locale from this process; the machine's own AWS_*, KUBECONFIG and HOME left out. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('AWS_') || k === 'KUBECONFIG' || k === 'HOME' || k.startsWith('npm_')) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

export function run(command: string, args: string[], env: Record<string, string>, timeoutMs = 60_000, input?: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
    // A command that exits without reading its input closes the pipe first: EPIPE then says nothing about it.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input ?? '');
  });
}

export type GetSvcOutcome = 'ok' | 'unauthorized' | 'forbidden' | 'unreachable' | 'exec-error' | 'other';

/** What `kubectl get svc` did, in the words of a scenario's `expect.getSvc`. */
export function classifyGetSvc(r: RunResult): GetSvcOutcome {
  if (r.code === 0 && /^NAME\s+TYPE\s+CLUSTER-IP/m.test(r.stdout)) return 'ok';
  const err = r.stderr;
  if (/error: You must be logged in to the server/.test(err)) return 'unauthorized';
  if (/Error from server \(Forbidden\)/.test(err)) return 'forbidden';
  if (/getting credentials: exec|exec plugin|executable aws failed/.test(err)) return 'exec-error';
  if (/connection refused|Unable to connect to the server|was refused/.test(err)) return 'unreachable';
  return 'other';
}
