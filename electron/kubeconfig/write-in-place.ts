// Changes a kubeconfig the way kubectl does: the same file is rewritten in place, after a last check (under
// kubectl's lock) that it still holds the bytes the change was computed from.
//
// Why in place rather than a temp file renamed over it: a rename makes a new file, so it drops what the user
// set on the old one — its mode and owner, a hard link's other names (they keep the old content), and the
// read-only protection (a 0400 file can be replaced because only the folder's permission counts). client-go
// writes in place (os.WriteFile), so doing the same keeps every one of them and refuses where kubectl refuses.
// Crash safety comes from elsewhere: the caller writes a backup (fsync'ed) before the first byte changes, and
// the new bytes are fsync'ed before the lock is released.
import { chmod, mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ABSENT_HASH, hashBytes } from './read.js';

export class KubeconfigChangedError extends Error {
  readonly code = 'KUBECONFIG_CHANGED';
  constructor(readonly file: string, detail: string) {
    super(`${file} ${detail}; nothing was written — preview the change again`);
    this.name = 'KubeconfigChangedError';
  }
}

/** The file may not be written: kubectl's "open <file>: permission denied", and what to do about it. */
export class KubeconfigPermissionError extends Error {
  readonly code = 'KUBECONFIG_READ_ONLY';
  constructor(readonly file: string, readOnly: boolean) {
    super(
      `open ${file}: permission denied; nothing was written — ` +
        (readOnly ? `the file is read-only (make it writable with chmod u+w ${file} to let it change)` : 'you may not write this file (check its owner and mode)'),
    );
    this.name = 'KubeconfigPermissionError';
  }
}

export async function currentHash(file: string): Promise<string> {
  try {
    return hashBytes(await readFile(file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return hashBytes(undefined);
    throw err;
  }
}

export interface RewriteOptions {
  /** The hash the change was computed from (ABSENT_HASH: the file must not exist). */
  expectedHash: string;
  changedDetail: string;
  /** Permission bits of a file that does not exist yet (an existing file keeps its own). */
  newFileMode: number;
  /** Runs once every check passed, before the first byte changes (the backup goes here). */
  beforeWrite?: (current: Buffer | undefined) => Promise<void>;
}

/**
 * Writes `bytes` to `file` (a symlink's target; a hard link's every name) if it still hashes to
 * `opts.expectedHash`. The caller holds the kubeconfig lock. Refuses a read-only file even where the process
 * could write it anyway (root), because read-only is the user's word that it must not change.
 */
export async function rewriteFile(file: string, bytes: Buffer, opts: RewriteOptions): Promise<void> {
  const handle = await openForRewrite(file, opts);
  try {
    await opts.beforeWrite?.(handle.existing);
    await handle.fd.write(bytes, 0, bytes.length, 0);
    await handle.fd.truncate(bytes.length);
    if (!handle.existing) await handle.fd.chmod(opts.newFileMode);
    await handle.fd.sync();
  } finally {
    await handle.fd.close();
  }
  if (!handle.existing) await syncDirectory(path.dirname(file));
}

async function openForRewrite(file: string, opts: RewriteOptions): Promise<{ fd: FileHandle; existing: Buffer | undefined }> {
  let fd: FileHandle;
  try {
    fd = await open(file, 'r+');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new KubeconfigPermissionError(file, false);
    if (code !== 'ENOENT') throw err;
    if (opts.expectedHash !== ABSENT_HASH) throw new KubeconfigChangedError(file, opts.changedDetail);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      // O_EXCL: a file that appeared since the check is someone else's, and is never overwritten.
      return { fd: await open(file, 'wx', opts.newFileMode), existing: undefined };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new KubeconfigChangedError(file, opts.changedDetail);
      throw e;
    }
  }
  try {
    if (((await fd.stat()).mode & 0o222) === 0) throw new KubeconfigPermissionError(file, true);
    const existing = await fd.readFile();
    if (hashBytes(existing) !== opts.expectedHash) throw new KubeconfigChangedError(file, opts.changedDetail);
    return { fd, existing };
  } catch (err) {
    await fd.close();
    throw err;
  }
}

/** A new file with exactly these bytes and mode, fsync'ed; fails if the name is taken. */
export async function writeNewFile(file: string, bytes: Buffer, mode: number): Promise<void> {
  const handle = await open(file, 'wx', mode);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await chmod(file, mode);
  await syncDirectory(path.dirname(file));
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes a new name durable; not supported on every platform (Windows), where it is skipped.
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // best effort
  }
}
