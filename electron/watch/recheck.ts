// What a change on disk touches, and checking exactly that again: the profiles whose settings or sign-in
// changed (their Profiles rows and matrix rows), and the kubeconfig contexts that changed (the matrix cells
// kubectl uses through them before and after). Told to the renderer as one files.changed event.
import type { FilesChanged, WatchedFileKind } from '../../shared/files-changed.js';
import { clusterArnOf, kubectlContextUses, type KubectlContextUse } from '../kubeconfig/context-profiles.js';
import { loadMergedKubeconfig } from '../kubeconfig/merge.js';
import type { MatrixService } from '../matrix/service.js';
import type { Env } from '../profiles/deps.js';
import type { ProfileDescriptor } from '../profiles/load.js';
import type { ProfilesService } from '../profiles/service.js';
import { ssoCacheFile } from '../profiles/sso-cache.js';
import type { ChangedFiles } from './file-watch.js';

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

async function contextMeanings(env: Env): Promise<Map<string, ContextMeaning>> {
  const out = new Map<string, ContextMeaning>();
  let kc;
  try {
    kc = await loadMergedKubeconfig(env);
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

  constructor(private readonly deps: RecheckDeps) {}

  /** What the files mean now, to compare the next change with. */
  async baseline(): Promise<void> {
    const loaded = await this.deps.profiles.load();
    this.profileMeanings = new Map(loaded.profiles.map((d) => [d.name, profileMeaning(d)]));
    this.contexts = await contextMeanings(this.deps.env);
  }

  async onChange(changed: ChangedFiles<WatchedFileKind>): Promise<FilesChanged> {
    const kinds = [...new Set(changed.map((c) => c.kind))];
    const profiles = new Set<string>();
    const contexts: string[] = [];
    const cells: FilesChanged['cells'] = [];

    if (kinds.includes('aws-config') || kinds.includes('aws-credentials') || kinds.includes('sso-cache')) {
      const loaded = await this.deps.profiles.load(kinds.includes('aws-config') || kinds.includes('aws-credentials'));
      const now = new Map(loaded.profiles.map((d) => [d.name, profileMeaning(d)]));
      for (const [name, meaning] of now) if (this.profileMeanings.get(name) !== meaning) profiles.add(name);
      for (const name of this.profileMeanings.keys()) if (!now.has(name)) profiles.add(name);
      this.profileMeanings = now;
      const cacheFiles = new Set(changed.filter((c) => c.kind === 'sso-cache').map((c) => c.file));
      for (const d of loaded.profiles) if (d.sso?.startUrl && cacheFiles.has(ssoCacheFile(this.deps.env, d.sso))) profiles.add(d.name);
    }

    const scan = this.deps.matrix();
    const matrix = scan?.state().matrix;
    const inMatrix = new Set(matrix?.profiles.map((p) => p.name) ?? []);
    const existing = new Set((await this.deps.profiles.load()).profiles.map((d) => d.name));
    for (const name of profiles) if (existing.has(name)) void this.deps.profiles.check(name).catch(() => undefined);
    for (const name of profiles) if (inMatrix.has(name)) void scan?.rerun({ profile: name }).catch(() => undefined);

    if (kinds.includes('kubeconfig')) {
      const now = await contextMeanings(this.deps.env);
      const clusters = matrix?.clusters ?? [];
      const pairs = new Map<string, { profile: string; clusterArn: string }>();
      for (const name of new Set([...now.keys(), ...this.contexts.keys()])) {
        const before = this.contexts.get(name);
        const after = now.get(name);
        if (before?.fingerprint === after?.fingerprint) continue;
        contexts.push(name);
        for (const use of [before?.use, after?.use]) {
          const clusterArn = use && clusterArnOf(use, clusters);
          // A row already re-run above covers its cell.
          if (use && clusterArn && inMatrix.has(use.profile) && !profiles.has(use.profile)) pairs.set(`${use.profile}\n${clusterArn}`, { profile: use.profile, clusterArn });
        }
      }
      this.contexts = now;
      if (contexts.length) await scan?.refreshKubectlUses();
      for (const cell of pairs.values()) {
        cells.push(cell);
        void scan?.rerun(cell).catch(() => undefined);
      }
    }
    const result: FilesChanged = { kinds, profiles: [...profiles].sort(), contexts: contexts.sort(), cells };
    this.deps.emit(result);
    return result;
  }
}
