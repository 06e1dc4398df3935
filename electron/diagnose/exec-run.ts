// Runs an exec credential plugin as kubectl does: no shell, argument array, no stdin (not interactive), a timeout.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { redactBounded } from '../../shared/redact.js';

export interface ExecRunRequest {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** The kubeconfig file of the user entry: client-go resolves a relative command path against its folder. */
  kubeconfigFile?: string;
  timeoutMs: number;
}

export type ExecRunResult =
  | { ok: true; stdout: string; stderr: string }
  | { ok: false; kind: 'exec-missing' | 'exec-failed'; message: string; stderr: string };

/** Command as client-go runs it: a bare name is looked up on PATH, a relative path is relative to the kubeconfig. */
export function resolveExecCommand(command: string, kubeconfigFile?: string): string {
  if (!command.includes('/') && !command.includes('\\')) return command;
  if (path.isAbsolute(command) || !kubeconfigFile) return command;
  return path.resolve(path.dirname(kubeconfigFile), command);
}

export function runExecPlugin(req: ExecRunRequest): Promise<ExecRunResult> {
  const command = resolveExecCommand(req.command, req.kubeconfigFile);
  return new Promise((resolve) => {
    const child = execFile(
      command,
      req.args,
      { env: req.env, timeout: req.timeoutMs, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8', windowsHide: true },
      (err, stdout, stderr) => {
        if (!err) return resolve({ ok: true, stdout, stderr });
        const e = err as NodeJS.ErrnoException & { code?: string | number; killed?: boolean; signal?: string };
        if (e.code === 'ENOENT' || e.code === 'EACCES') {
          const why = e.code === 'ENOENT' ? 'not found' : 'not executable';
          return resolve({
            ok: false,
            kind: 'exec-missing',
            message: `exec: executable ${command} ${why}${command.includes('/') ? '' : ` (looked up on PATH=${req.env.PATH ?? ''})`}`,
            stderr: '',
          });
        }
        if (e.killed || e.signal === 'SIGTERM') {
          return resolve({ ok: false, kind: 'exec-failed', message: `exec: executable ${command} did not finish within ${Math.round(req.timeoutMs / 1000)}s`, stderr: redactBounded(stderr) });
        }
        const exitCode = typeof e.code === 'number' ? e.code : 1;
        const cleaned = redactBounded(stderr);
        const tooOld = /Invalid choice: 'get-token'|invalid choice: 'get-token'/i.test(stderr) ? ' — this aws CLI is too old for `eks get-token` (needs 1.16.156 / 2.0 or later)' : '';
        resolve({ ok: false, kind: 'exec-failed', message: `exec: executable ${command} failed with exit code ${exitCode}${tooOld}`, stderr: cleaned });
      },
    );
    // A plugin that exits at once closes its stdin; that EPIPE is not an error of ours.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end();
  });
}
