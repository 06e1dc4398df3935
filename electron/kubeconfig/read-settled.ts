// The one way the app reads a kubeconfig from disk. kubectl rewrites its config in place (truncate, then write,
// under `<file>.lock`), so a read at that moment sees an empty or half-written file. A text that does not parse, or
// any file while the lock is there, is therefore read again after a short pause until the write is over; only the
// same broken bytes read twice with no lock present are reported as a broken file. A deadline always ends it.
import { readFile, stat } from 'node:fs/promises';
import { lockFileOf } from './file-lock.js';
import { KubeconfigFileError, kubeconfigFileOf, type KubeconfigFile } from './read.js';

/** The lock is still there at the deadline: another program is changing the file (or a crashed one left the lock). */
export class KubeconfigBusyError extends KubeconfigFileError {
  constructor(
    file: string,
    readonly lockFile: string,
  ) {
    super(
      file,
      undefined,
      `kubectl (or another program) is changing this file right now (${lockFile} exists), so it cannot be read yet — try again in a moment. ` +
        `If no program is changing it, a crashed one left the lock behind: remove ${lockFile}`,
    );
    this.name = 'KubeconfigBusyError';
  }
}

export interface SettleOptions {
  /** How long a write in progress is waited for, in all (kubectl's takes milliseconds). */
  settleMs?: number;
  /** The pause between two reads. */
  pauseMs?: number;
  /** How long a file that parses must stay the same while the lock is there to be taken as whole. */
  steadyMs?: number;
}

const SETTLE_MS = 2000;
const PAUSE_MS = 25;
/**
 * kubectl holds its lock for milliseconds, its write of the file is one system call: bytes unchanged this long under
 * the lock are a whole file (the other program is between its steps, or crashed and left the lock behind), not one
 * cut short at a line end that happens to parse.
 */
const STEADY_MS = 200;

/** One look at the file: its bytes (undefined: absent), mode, and whether the lock was there around the read. */
interface Look {
  bytes: Buffer | undefined;
  mode?: number;
  locked: boolean;
}

/** What a look's bytes parse to: the file, or the problem naming its line. */
interface Parsed {
  file?: KubeconfigFile;
  error?: KubeconfigFileError;
}

/** Throws KubeconfigFileError naming file and line for a broken file, KubeconfigBusyError for one still being written. */
export async function readKubeconfigFile(path: string, opts: SettleOptions = {}): Promise<KubeconfigFile> {
  const { look, parsed } = await settledLook(path, opts);
  if (parsed.file) return parsed.file;
  if (look.locked) throw new KubeconfigBusyError(path, lockFileOf(path));
  throw parsed.error!;
}

/**
 * The file's bytes once any write in progress is over (undefined: absent), broken or not — for a reader that
 * parses them itself and takes a broken file as it is (the watcher's record of what changed).
 */
export async function readSettledKubeconfigBytes(path: string, opts: SettleOptions = {}): Promise<Buffer | undefined> {
  try {
    return (await settledLook(path, opts)).look.bytes;
  } catch {
    return undefined;
  }
}

async function settledLook(path: string, opts: SettleOptions): Promise<{ look: Look; parsed: Parsed }> {
  const deadline = Date.now() + (opts.settleMs ?? SETTLE_MS);
  let previous: Look | undefined;
  let sameSince = Date.now();
  for (;;) {
    const look = await lookAt(path);
    const same = previous !== undefined && sameBytes(previous.bytes, look.bytes);
    if (!same) sameSince = Date.now();
    // Parsed only when its answer decides: not on every look while the other program still holds its lock.
    const steady = look.locked && Boolean(look.bytes?.length) && Date.now() - sameSince >= (opts.steadyMs ?? STEADY_MS);
    if (!look.locked || steady) {
      const parsed = parse(path, look);
      if (parsed.file || (!look.locked && same)) return { look, parsed };
    }
    if (Date.now() >= deadline) return { look, parsed: parse(path, look) };
    previous = look;
    await new Promise((r) => setTimeout(r, opts.pauseMs ?? PAUSE_MS));
  }
}

async function lookAt(path: string): Promise<Look> {
  const lockThere = () =>
    stat(lockFileOf(path)).then(
      () => true,
      () => false,
    );
  // Looked for before and after the read: bytes read while the other program still wrote them (its lock gone just
  // after) may parse — an emptied file does — and must be read again, not taken.
  const lockedBefore = await lockThere();
  let bytes: Buffer | undefined;
  let mode: number | undefined;
  try {
    bytes = await readFile(path);
    mode = (await stat(path)).mode & 0o7777;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new KubeconfigFileError(path, undefined, `cannot be read (${code ?? (err as Error).message})`);
  }
  return { bytes, mode, locked: (await lockThere()) || lockedBefore };
}

function parse(path: string, look: Look): Parsed {
  try {
    return { file: kubeconfigFileOf(path, look.bytes, look.mode) };
  } catch (err) {
    if (!(err instanceof KubeconfigFileError)) throw err;
    return { error: err };
  }
}

function sameBytes(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}
