// What the app itself wrote to a user file while one of its handlers ran, byte for byte. The file watcher takes a
// change of such a file as the app's own only while the file still holds exactly these bytes: another program's
// write in the same moment (to that file or any other) is still a change. Kept per handler call, not per process,
// so two handlers at once never claim each other's writes.
import { AsyncLocalStorage } from 'node:async_hooks';

/** File → the bytes the app left in it (undefined: the app removed it). */
export type OwnWrites = Map<string, Buffer | undefined>;

const current = new AsyncLocalStorage<OwnWrites>();

/** Runs `work`, collecting into `writes` every write it notes, however deep in its calls. */
export function collectingOwnWrites<T>(writes: OwnWrites, work: () => Promise<T>): Promise<T> {
  return current.run(writes, work);
}

/** The app left `bytes` in these files (a path and the file it names, when a symlink led elsewhere). */
export function noteOwnWrite(files: string[], bytes: Buffer | undefined): void {
  const writes = current.getStore();
  if (writes) for (const file of files) writes.set(file, bytes);
}
