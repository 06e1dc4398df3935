// Replaces a file atomically: a temp file in the same directory, fsync, a last check that the file still holds
// what the caller read, rename, fsync of the directory. Readers (kubectl) see the old or the new bytes, never half.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { hashBytes } from './read.js';

export class KubeconfigChangedError extends Error {
  readonly code = 'KUBECONFIG_CHANGED';
  constructor(readonly file: string, detail: string) {
    super(`${file} ${detail}; nothing was written — preview the change again`);
    this.name = 'KubeconfigChangedError';
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

/**
 * Writes `bytes` to `file` if the file still hashes to `expectedHash` (ABSENT_HASH: must not exist).
 * `mode` is applied explicitly so the umask cannot widen or narrow it.
 */
export async function replaceFileIfUnchanged(file: string, bytes: Buffer, expectedHash: string, mode: number, changedDetail: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.eks-doctor-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  let renamed = false;
  try {
    await handle.writeFile(bytes);
    await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    if ((await currentHash(file)) !== expectedHash) throw new KubeconfigChangedError(file, changedDetail);
    await rename(temp, file);
    renamed = true;
  } finally {
    if (!renamed) {
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    }
  }
  await syncDirectory(dir);
}

/** A new file with exactly these bytes and mode; fails if the name is taken. */
export async function writeNewFile(file: string, bytes: Buffer, mode: number): Promise<void> {
  const handle = await open(file, 'wx', mode);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await chmod(file, mode);
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename durable; not supported on every platform (Windows), where it is skipped.
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
