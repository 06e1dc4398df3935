// The lock kubectl takes around every change of a kubeconfig: client-go's ModifyConfig creates `<file>.lock`
// with O_CREAT|O_EXCL before it reads the file and removes it once the new file is written. Taking the same lock
// makes our read-check-write and kubectl's read-modify-write exclusive, so neither loses the other's change.
import { mkdir, open, unlink } from 'node:fs/promises';
import path from 'node:path';

export class KubeconfigLockedError extends Error {
  readonly code = 'KUBECONFIG_LOCKED';
  constructor(
    readonly file: string,
    readonly lockFile: string,
  ) {
    super(
      `kubectl (or another program) is changing ${file} right now (${lockFile} exists); nothing was written — try again. ` +
        `If no program is changing it, a crashed one left the lock behind: remove ${lockFile}`,
    );
    this.name = 'KubeconfigLockedError';
  }
}

export interface LockOptions {
  /** How long to keep trying while another program holds the lock (kubectl holds it for milliseconds). */
  waitMs?: number;
  retryMs?: number;
}

export const lockFileOf = (file: string) => `${file}.lock`;

/**
 * Runs `work` holding the lock of every file named (kubectl locks the path as KUBECONFIG names it; a symlinked
 * kubeconfig is therefore locked under both names). Sorted, as client-go does, so two lockers never deadlock.
 * The locks are removed whatever `work` does.
 */
export async function withKubeconfigLock<T>(files: string[], work: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const held: string[] = [];
  try {
    for (const file of [...new Set(files)].sort()) {
      await takeLock(file, opts);
      held.push(lockFileOf(file));
    }
    return await work();
  } finally {
    for (const lock of held.reverse()) await unlink(lock).catch(() => undefined);
  }
}

async function takeLock(file: string, opts: LockOptions): Promise<void> {
  const lock = lockFileOf(file);
  const deadline = Date.now() + (opts.waitMs ?? 2000);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  for (;;) {
    try {
      await (await open(lock, 'wx', 0o600)).close();
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (Date.now() >= deadline) throw new KubeconfigLockedError(file, lock);
    await new Promise((r) => setTimeout(r, opts.retryMs ?? 50));
  }
}
