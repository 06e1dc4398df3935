// Runs an exec credential plugin as kubectl does: no shell, argument array, no stdin (not interactive), a timeout
// that ends the plugin's whole process group.
import path from 'node:path';
import { endedInWords, runChild, seconds } from '../process/run-child.js';
import { redactBounded } from '../../shared/redact.js';

export interface ExecRunRequest {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** The kubeconfig file of the user entry: client-go resolves a relative command path against its folder. */
  kubeconfigFile?: string;
  timeoutMs: number;
  signal?: AbortSignal;
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

export async function runExecPlugin(req: ExecRunRequest): Promise<ExecRunResult> {
  const command = resolveExecCommand(req.command, req.kubeconfigFile);
  const run = await runChild({ command, args: req.args, env: req.env, timeoutMs: req.timeoutMs, ...(req.signal ? { signal: req.signal } : {}) });
  const code = run.startError?.code;
  if (code === 'ENOENT' || code === 'EACCES') {
    const why = code === 'ENOENT' ? 'not found' : 'not executable';
    return {
      ok: false,
      kind: 'exec-missing',
      message: `exec: executable ${command} ${why}${command.includes('/') ? '' : ` (looked up on PATH=${req.env.PATH ?? ''})`}`,
      stderr: '',
    };
  }
  if (run.startError) return { ok: false, kind: 'exec-failed', message: `exec: executable ${command} could not start: ${run.startError.message}`, stderr: '' };
  if (run.ended === 'timeout') {
    return { ok: false, kind: 'exec-failed', message: `exec: executable ${command} did not finish within ${seconds(req.timeoutMs)}s`, stderr: redactBounded(run.stderr) };
  }
  if (run.ended) return { ok: false, kind: 'exec-failed', message: `exec: executable ${command} ${endedInWords(run.ended, req.timeoutMs)}`, stderr: redactBounded(run.stderr) };
  if (run.exitCode === 0) return { ok: true, stdout: run.stdout, stderr: run.stderr };
  const tooOld = /Invalid choice: 'get-token'|invalid choice: 'get-token'/i.test(run.stderr) ? ' — this aws CLI is too old for `eks get-token` (needs 1.16.156 / 2.0 or later)' : '';
  return { ok: false, kind: 'exec-failed', message: `exec: executable ${command} failed with exit code ${run.exitCode ?? 1}${tooOld}`, stderr: redactBounded(run.stderr) };
}
