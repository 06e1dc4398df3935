// The one way the app starts a program (aws, kubectl, a credential_process, a kubeconfig exec plugin, a login
// shell): an argument array and never a shell, its own process group, a deadline, and the whole group ended on
// timeout, on cancel and when the app exits.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { onAbort } from '../common/on-abort.js';
import { killGroup, trackGroup } from './process-groups.js';

export interface ChildRequest {
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  cwd?: string;
  /** Ends the whole group after this long. */
  timeoutMs: number;
  /** Ends the whole group when it aborts. */
  signal?: AbortSignal;
  /** Written to stdin, which is then closed (a child never waits on the app's input). */
  input?: string;
  /** Per stream; more output ends the group. */
  maxBuffer?: number;
}

export interface ChildResult {
  /** The exit code; null when a signal ended it (see `ended`). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Why the app ended it, if it did. */
  ended?: 'timeout' | 'cancelled' | 'too-much-output';
  /** The program could not be started (ENOENT: not found, EACCES: not executable). */
  startError?: NodeJS.ErrnoException;
}

const DEFAULT_MAX_BUFFER = 4 * 1024 * 1024;

export function runChild(req: ChildRequest): Promise<ChildResult> {
  const maxBuffer = req.maxBuffer ?? DEFAULT_MAX_BUFFER;
  return new Promise((resolve) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.env)) if (v !== undefined) env[k] = v;
    if (req.signal?.aborted) return resolve({ exitCode: null, stdout: '', stderr: '', ended: 'cancelled' });
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(req.command, req.args, {
        env,
        cwd: req.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        // POSIX: a new session and process group led by the child, so one kill reaches everything it starts.
        // Windows: no groups (the tree is ended with taskkill), and a detached child would get its own console.
        detached: process.platform !== 'win32',
        windowsHide: true,
        shell: false,
      });
    } catch (e) {
      // Arguments Node refuses outright (a NUL byte; a .bat or .cmd file without a shell on Windows).
      return resolve({ exitCode: null, stdout: '', stderr: '', startError: e as NodeJS.ErrnoException });
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outSize = 0;
    let errSize = 0;
    let ended: ChildResult['ended'];
    let startError: NodeJS.ErrnoException | undefined;
    let settled = false;
    const forget = child.pid !== undefined ? trackGroup(child.pid) : () => {};
    const end = (why: NonNullable<ChildResult['ended']>) => {
      if (settled || ended) return;
      ended = why;
      if (child.pid !== undefined) killGroup(child.pid);
    };
    const timer = setTimeout(() => end('timeout'), req.timeoutMs);
    const forgetAbort = req.signal ? onAbort(req.signal, () => end('cancelled')) : () => {};
    const collect = (chunks: Buffer[], add: (n: number) => number) => (chunk: Buffer) => {
      if (add(chunk.length) > maxBuffer) return end('too-much-output');
      chunks.push(chunk);
    };
    child.stdout.on('data', collect(out, (n) => (outSize += n)));
    child.stderr.on('data', collect(err, (n) => (errSize += n)));
    // A child that exits without reading its input closes the pipe first: that EPIPE is not an error of ours.
    child.stdin.on('error', () => undefined);
    child.stdin.end(req.input ?? '');
    const finish = (exitCode: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      forgetAbort();
      forget();
      resolve({
        exitCode,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ...(ended ? { ended } : {}),
        ...(startError ? { startError } : {}),
      });
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      // Only a failed start: a failed kill of a group that already ended is no news.
      if (child.pid === undefined) {
        startError = e;
        finish(null);
      }
    });
    // 'close' waits for the pipes, which a grandchild may hold open after the child exits: the deadline covers that.
    child.on('close', (code) => finish(code));
  });
}

/** "did not finish within N s", "was cancelled" …: how the app ended a child, in words. */
export function endedInWords(ended: NonNullable<ChildResult['ended']>, timeoutMs: number): string {
  if (ended === 'timeout') return `did not answer within ${seconds(timeoutMs)} s`;
  if (ended === 'cancelled') return 'was cancelled';
  return 'wrote more output than the app reads';
}

export function seconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? String(s) : s.toFixed(1);
}
