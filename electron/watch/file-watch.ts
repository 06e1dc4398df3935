// Watches a few files (and one folder of files) for changes made by anyone: the directories are watched, not the
// files, so an editor's or the aws CLI's write-a-temp-then-rename is seen like an in-place write. Events are
// debounced into one batch; a file counts as changed only when its bytes differ from what was last seen, so a
// touch, a burst of writes ending where it began, or the app's own write (the bytes it wrote) re-checks nothing.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { collectingOwnWrites, type OwnWrites } from '../common/own-writes.js';

export interface WatchTarget<K extends string> {
  kind: K;
  /** A file, or with folder: true every *.json file directly in this folder. */
  path: string;
  folder?: boolean;
}

export interface WatchOptions {
  /** Quiet time after the last event before a batch is looked at. */
  debounceMs?: number;
  /** A batch is looked at no later than this after its first event, however long the burst. */
  maxWaitMs?: number;
}

export type ChangedFiles<K extends string> = Array<{ kind: K; file: string }>;

/** Watched files the app wrote, with the bytes it left in each (undefined: it removed the file). */
export type OwnWrittenFiles<K extends string> = Array<{ kind: K; file: string; bytes: Buffer | undefined }>;

export interface QuietOptions {
  /** What the write changed is checked again (the writer does not check it itself). */
  checkAgain?: boolean;
}

function fingerprintOf(bytes: Buffer | undefined): string {
  return bytes === undefined ? 'absent' : createHash('sha1').update(bytes).digest('hex');
}

function fingerprint(file: string): string {
  try {
    return fingerprintOf(readFileSync(file));
  } catch {
    return 'absent';
  }
}

function jsonFilesIn(folder: string): string[] {
  try {
    return readdirSync(folder).filter((f) => f.endsWith('.json')).map((f) => join(folder, f));
  } catch {
    return [];
  }
}

/** The nearest directory that exists: a folder not created yet is watched from its parent. */
function existingAncestor(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(d)) return d;
    if (dirname(d) === d) return undefined;
  }
}

export class FileWatch<K extends string> {
  private readonly known = new Map<string, string>();
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly pending = new Set<string>();
  private timer?: NodeJS.Timeout;
  private firstEventAt = 0;
  private running = false;
  private quietCount = 0;
  private closed = false;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly targets: WatchTarget<K>[],
    private readonly onChange: (changed: ChangedFiles<K>) => Promise<void> | void,
    opts: WatchOptions = {},
    /** Told the app's own writes before any later change is looked at (to keep its record of the files true). */
    private readonly onOwnWrite?: (written: OwnWrittenFiles<K>, opts: QuietOptions) => Promise<void>,
  ) {
    this.debounceMs = opts.debounceMs ?? 250;
    this.maxWaitMs = opts.maxWaitMs ?? 1000;
  }

  start(): this {
    for (const file of this.allFiles()) this.known.set(file, fingerprint(file));
    this.rewire();
    return this;
  }

  /**
   * Holds batches while a handler of the app writes (a fix, an undo, a save, a sign-in); then each watched file it
   * wrote is recorded as seen with the bytes it wrote — by what it wrote, not by what the file holds now nor by which
   * events came in time. An event that arrives after the handler returned finds those bytes and is no change; a
   * file that holds anything else, or that the handler did not write, was changed by someone else and is looked at
   * as usual. onOwnWrite hears the files and bytes it wrote before any batch is looked at again.
   */
  async quietDuring<T>(work: () => Promise<T>, opts: QuietOptions = {}): Promise<T> {
    const writes: OwnWrites = new Map();
    this.quietCount++;
    try {
      return await collectingOwnWrites(writes, work);
    } finally {
      const written: OwnWrittenFiles<K> = [];
      for (const [file, bytes] of writes) {
        const target = this.targetOf(file);
        if (!target) continue;
        this.known.set(file, fingerprintOf(bytes));
        written.push({ kind: target.kind, file, bytes });
      }
      // Still quiet: a change that came meanwhile is looked at only once the record holds the app's bytes.
      if (written.length) await this.onOwnWrite?.(written, opts).catch(() => undefined);
      this.quietCount--;
      if (this.quietCount === 0 && this.pending.size) this.schedule(this.debounceMs);
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private allFiles(): string[] {
    return this.targets.flatMap((t) => (t.folder ? jsonFilesIn(t.path) : [t.path]));
  }

  private targetOf(file: string): WatchTarget<K> | undefined {
    return this.targets.find((t) => (t.folder ? dirname(file) === t.path && file.endsWith('.json') : t.path === file));
  }

  /** Watches the directory of every target (or its nearest existing ancestor until it exists). */
  private rewire(): void {
    const wanted = new Set<string>();
    for (const t of this.targets) {
      const dir = existingAncestor(t.folder ? t.path : dirname(t.path));
      if (dir) wanted.add(dir);
    }
    for (const [dir, w] of this.watchers) {
      if (!wanted.has(dir)) {
        w.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (this.watchers.has(dir)) continue;
      try {
        // persistent: false — a watcher never keeps a process (the CLI, a test) alive.
        const w = watch(dir, { persistent: false }, (_event, name) => this.onEvent(dir, name ? String(name) : undefined));
        w.on('error', () => {
          w.close();
          this.watchers.delete(dir);
        });
        this.watchers.set(dir, w);
      } catch {
        // A directory that cannot be watched (gone, no permission): its files are checked on the next rewire.
      }
    }
  }

  private onEvent(dir: string, name: string | undefined): void {
    if (this.closed) return;
    let matched = false;
    for (const t of this.targets) {
      const tdir = t.folder ? t.path : dirname(t.path);
      if (tdir === dir) {
        if (t.folder) {
          if (!name) for (const f of jsonFilesIn(t.path)) this.pending.add(f);
          else if (name.endsWith('.json')) this.pending.add(join(dir, name));
          else continue;
          matched = true;
        } else if (!name || name === basename(t.path)) {
          this.pending.add(t.path);
          matched = true;
        }
      } else if (tdir.startsWith(dir + '/') || tdir.startsWith(dir + '\\')) {
        // An ancestor watched until the target's folder exists: it may exist now.
        matched = true;
        this.pending.add(t.folder ? t.path : t.path);
      }
    }
    if (!matched) return;
    const now = Date.now();
    if (!this.timer) this.firstEventAt = now;
    this.schedule(Math.max(0, Math.min(this.debounceMs, this.firstEventAt + this.maxWaitMs - now)));
  }

  private schedule(wait: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), wait);
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    if (this.closed || this.quietCount > 0) return; // the app's own write, once over, schedules the look
    if (this.running) {
      // Looked at again once the batch in progress is over.
      if (this.pending.size) this.schedule(this.debounceMs);
      return;
    }
    this.rewire();
    const candidates = [...this.pending];
    this.pending.clear();
    const changed: ChangedFiles<K> = [];
    const seen = new Set<string>();
    for (const candidate of candidates) {
      // A folder target that just appeared: every file in it is new.
      const files = this.targets.some((t) => t.folder && t.path === candidate) ? jsonFilesIn(candidate) : [candidate];
      for (const file of files) {
        const target = this.targetOf(file);
        if (!target || seen.has(file)) continue;
        seen.add(file);
        const now = fingerprint(file);
        if (this.known.get(file) === now) continue;
        this.known.set(file, now);
        changed.push({ kind: target.kind, file });
      }
    }
    if (!changed.length) return;
    this.running = true;
    try {
      await this.onChange(changed);
    } catch {
      // A failed re-check leaves the rows as they were; the next change tries again.
    } finally {
      this.running = false;
    }
  }
}
