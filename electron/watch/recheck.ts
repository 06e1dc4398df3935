// What a change on disk touches, and checking exactly that again: the profiles whose settings or sign-in
// changed (their Profiles rows and matrix rows), and the kubeconfig contexts that changed (the matrix cells
// kubectl uses through them before and after). Told to the renderer as one files.changed event.
import { readFileSync } from 'node:fs';
import type { FilesChanged, WatchedFileKind } from '../../shared/files-changed.js';
import { clusterArnOf, kubectlContextUses, type KubectlContextUse } from '../kubeconfig/context-profiles.js';
import { loadMergedKubeconfig } from '../kubeconfig/merge.js';
import { kubeconfigPaths } from '../kubeconfig/paths.js';
import { readSettledKubeconfigBytes } from '../kubeconfig/read-settled.js';
import type { MatrixService } from '../matrix/service.js';
import { configFilePath, credentialsFilePath, type Env } from '../profiles/deps.js';
import { loadProfiles, type LoadedProfiles, type ProfileDescriptor } from '../profiles/load.js';
import type { ProfilesService } from '../profiles/service.js';
import { ssoCacheFile } from '../profiles/sso-cache.js';
import type { ChangedFiles, OwnWrittenFiles, QuietOptions } from './file-watch.js';

export interface RecheckDeps {
  env: Env;
  profiles: ProfilesService;
  /** The matrix scan's service once its room is loaded (before that there is no scan to check again). */
  matrix: () => MatrixService | undefined;
  emit: (changed: FilesChanged) => void;
}

/** What a profile is, as far as its credentials go (compared in memory only; it may hold keys). */
function profileMeaning(d: ProfileDescriptor): string {
  return JSON.stringify([d.type, d.settings, d.sso ?? null, d.region]);
}

interface ContextMeaning {
  fingerprint: string;
  use?: KubectlContextUse;
}

/** A context that was added, removed or changed, with what kubectl used through it before and uses now. */
interface ContextChange {
  name: string;
  uses: Array<KubectlContextUse | undefined>;
}

/** File → its bytes as read now (undefined: no such file). */
type FileBytes = Map<string, Buffer | undefined>;

function readNow(paths: string[]): FileBytes {
  const out: FileBytes = new Map();
  for (const path of paths) {
    try {
      out.set(path, readFileSync(path));
    } catch {
      out.set(path, undefined);
    }
  }
  return out;
}

async function contextMeanings(env: Env, bytes: FileBytes): Promise<Map<string, ContextMeaning>> {
  const out = new Map<string, ContextMeaning>();
  let kc;
  try {
    kc = await loadMergedKubeconfig(env, bytes);
  } catch {
    return out;
  }
  const uses = new Map((await kubectlContextUses(env, kc)).map((u) => [u.context, u]));
  for (const [name, { entry }] of kc.contexts) {
    const cluster = entry.context?.cluster ? kc.clusters.get(String(entry.context.cluster))?.entry : undefined;
    const user = entry.context?.user ? kc.users.get(String(entry.context.user))?.entry : undefined;
    const fingerprint = JSON.stringify([entry, cluster ?? null, user ?? null, kc.currentContext === name]);
    out.set(name, { fingerprint, use: uses.get(name) });
  }
  return out;
}

export class Recheck {
  private profileMeanings = new Map<string, string>();
  private contexts = new Map<string, ContextMeaning>();
  /**
   * The bytes each record was made from. After the app writes one file, the others are taken as last seen, not read
   * again: another program's edit of one of them in the same moment is then still a change when its event comes.
   */
  private seen: FileBytes = new Map();
  /** One comparison at a time, so the record always ends as the last one left it. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: RecheckDeps) {}

  /** What the files mean now, to compare the next change with. */
  async baseline(): Promise<void> {
    await this.inTurn(async () => {
      const loaded = await loadProfiles(this.deps.env, this.readAws());
      this.profileMeanings = new Map(loaded.profiles.map((d) => [d.name, profileMeaning(d)]));
      this.contexts = await contextMeanings(this.deps.env, await this.readKubeconfigs());
    });
  }

  onChange(changed: ChangedFiles<WatchedFileKind>): Promise<FilesChanged> {
    return this.inTurn(async () => {
      const kinds = [...new Set(changed.map((c) => c.kind))];
      const profiles = new Set<string>();
      const awsFiles = kinds.includes('aws-config') || kinds.includes('aws-credentials');
      if (awsFiles || kinds.includes('sso-cache')) {
        // Read once: the record and the Profiles service take the same bytes.
        const loaded = awsFiles ? await this.deps.profiles.load(true, this.readAws()) : await this.deps.profiles.load();
        for (const name of this.changedProfiles(loaded)) profiles.add(name);
        const cacheFiles = new Set(changed.filter((c) => c.kind === 'sso-cache').map((c) => c.file));
        for (const d of loaded.profiles) if (d.sso?.startUrl && cacheFiles.has(ssoCacheFile(this.deps.env, d.sso))) profiles.add(d.name);
      }
      const contexts = kinds.includes('kubeconfig') ? this.changedContexts(await contextMeanings(this.deps.env, await this.readKubeconfigs())) : undefined;
      const cells = await this.checkAgain(profiles, contexts);
      const result: FilesChanged = { kinds, profiles: [...profiles].sort(), contexts: (contexts ?? []).map((c) => c.name).sort(), cells };
      this.deps.emit(result);
      return result;
    });
  }

  /**
   * The app wrote these files: the record takes the bytes it wrote, and the watched files it did not write as last
   * seen (not the files as they are now, which may already hold another program's edit — that one is still a
   * change). The matrix's "kubectl" marks follow a kubeconfig write at once. With checkAgain, what the write changed
   * is checked again, as after a change on disk but with no files.changed event (the app changed them, not someone
   * else).
   */
  ownWrites(written: OwnWrittenFiles<WatchedFileKind>, opts: QuietOptions = {}): Promise<void> {
    return this.inTurn(async () => {
      for (const w of written) this.seen.set(w.file, w.bytes);
      const kinds = new Set(written.map((w) => w.kind));
      const profiles = kinds.has('aws-config') || kinds.has('aws-credentials') ? this.changedProfiles(await loadProfiles(this.deps.env, this.seen)) : new Set<string>();
      const contexts = kinds.has('kubeconfig') ? this.changedContexts(await contextMeanings(this.deps.env, this.seen)) : undefined;
      if (!opts.checkAgain) return this.marksFollow(contexts);
      if (profiles.size) await this.deps.profiles.load(true);
      await this.checkAgain(profiles, contexts);
    });
  }

  /** The matrix reads again which contexts kubectl uses, when some changed: its "kubectl" marks move with them. */
  private async marksFollow(contexts: ContextChange[] | undefined): Promise<void> {
    if (contexts?.length) await this.deps.matrix()?.refreshKubectlUses();
  }

  private readAws(): FileBytes {
    return this.remember(readNow([configFilePath(this.deps.env), credentialsFilePath(this.deps.env)]));
  }

  /** Once a write in progress is over: a half-written kubeconfig would read as every context gone. */
  private async readKubeconfigs(): Promise<FileBytes> {
    const paths = kubeconfigPaths(this.deps.env);
    const bytes = await Promise.all(paths.map((p) => readSettledKubeconfigBytes(p)));
    return this.remember(new Map(paths.map((p, i) => [p, bytes[i]])));
  }

  private remember(bytes: FileBytes): FileBytes {
    for (const [file, b] of bytes) this.seen.set(file, b);
    return bytes;
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  /** The profiles whose meaning differs from the record (or that appeared or went); the record becomes `loaded`. */
  private changedProfiles(loaded: LoadedProfiles): Set<string> {
    const now = new Map(loaded.profiles.map((d) => [d.name, profileMeaning(d)]));
    const changed = new Set<string>();
    for (const [name, meaning] of now) if (this.profileMeanings.get(name) !== meaning) changed.add(name);
    for (const name of this.profileMeanings.keys()) if (!now.has(name)) changed.add(name);
    this.profileMeanings = now;
    return changed;
  }

  /** The contexts that differ from the record; the record becomes `now`. */
  private changedContexts(now: Map<string, ContextMeaning>): ContextChange[] {
    const changed: ContextChange[] = [];
    for (const name of new Set([...now.keys(), ...this.contexts.keys()])) {
      const before = this.contexts.get(name);
      const after = now.get(name);
      if (before?.fingerprint !== after?.fingerprint) changed.push({ name, uses: [before?.use, after?.use] });
    }
    this.contexts = now;
    return changed;
  }

  /** Checks again the rows of these profiles and the matrix cells kubectl used and uses through these contexts. */
  private async checkAgain(profiles: Set<string>, contexts: ContextChange[] | undefined): Promise<FilesChanged['cells']> {
    const scan = this.deps.matrix();
    const matrix = scan?.state().matrix;
    const inMatrix = new Set(matrix?.profiles.map((p) => p.name) ?? []);
    const existing = new Set((await this.deps.profiles.load()).profiles.map((d) => d.name));
    for (const name of profiles) if (existing.has(name)) void this.deps.profiles.check(name).catch(() => undefined);
    for (const name of profiles) if (inMatrix.has(name)) void scan?.rerun({ profile: name }).catch(() => undefined);
    if (!contexts) return [];
    const clusters = matrix?.clusters ?? [];
    const pairs = new Map<string, { profile: string; clusterArn: string }>();
    for (const use of contexts.flatMap((c) => c.uses)) {
      const clusterArn = use && clusterArnOf(use, clusters);
      // A row already re-run above covers its cell.
      if (use && clusterArn && inMatrix.has(use.profile) && !profiles.has(use.profile)) pairs.set(`${use.profile}\n${clusterArn}`, { profile: use.profile, clusterArn });
    }
    await this.marksFollow(contexts);
    const cells = [...pairs.values()];
    for (const cell of cells) void scan?.rerun(cell).catch(() => undefined);
    return cells;
  }
}
