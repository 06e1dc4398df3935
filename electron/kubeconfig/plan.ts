// The preview of an update-kubeconfig: target file, text before and after, the diff, the CLI's message line,
// and the hash of the bytes it was computed from (the write is refused if the file no longer has them).
import { realpath } from 'node:fs/promises';
import type { Env } from '../profiles/deps.js';
import { changePreview, relaidOutNote } from './style.js';
import type { KubeconfigPlanViewModel } from '../../shared/diagnosis-types.js';
import { currentContextChange, type CurrentContextChange } from './current-context.js';
import { textWithEntries } from './edit.js';
import { updateKubeconfigEntries, type DescribedCluster, type EntryOptions, type KubeconfigEntries } from './entries.js';
import { chooseTargetFile, hasCluster } from './target.js';

export interface PlanOptions extends EntryOptions {
  env: Env;
  cluster: DescribedCluster;
  /** --kubeconfig */
  kubeconfig?: string;
  /** Leave kubectl's current context as it is (the CLI always switches it to the new context). */
  keepCurrentContext?: boolean;
}

/** Which of the three entries already exist under the same name in the target file (and are replaced). */
export interface ReplacedEntries {
  cluster: boolean;
  user: boolean;
  context: boolean;
}

/**
 * `before` and `after` are the raw file texts and may hold other users' credentials: keep them in the main
 * process. `diff` masks those values and may be shown.
 */
export interface UpdatePlan {
  /** The path as the CLI names it in its message. */
  target: string;
  /** The file actually replaced (a symlinked kubeconfig is written through to its target). */
  writePath: string;
  existed: boolean;
  mode?: number;
  before: string;
  after: string;
  diff: string;
  /** Lines the write only re-lays out, left out of the diff (see style.ts). */
  relaidOut: number;
  /** `Added new context <name> to <path>` or `Updated context <name> in <path>`, as the CLI prints it. */
  message: string;
  baseHash: string;
  contextName: string;
  updatingExisting: boolean;
  entries: KubeconfigEntries;
  /** Files passed over while choosing the target (unreadable or malformed), as "file:line: problem". */
  warnings: string[];
  replaced: ReplacedEntries;
  /** kubectl's current context over all KUBECONFIG files, before and after the write. */
  currentContext: CurrentContextChange;
}

export async function planUpdate(opts: PlanOptions): Promise<UpdatePlan> {
  const entries = updateKubeconfigEntries(opts.cluster, opts);
  const { file, skipped } = await chooseTargetFile(opts.env, entries.cluster.name, opts.kubeconfig);
  const updatingExisting = hasCluster(file, entries.cluster.name);
  const after = textWithEntries(file, entries, { keepCurrentContext: opts.keepCurrentContext });
  const preview = changePreview(file.text, file.content ? file.doc : null, after, file.exists ? file.path : '/dev/null', file.path);
  const contextName = entries.context.name;
  const names = (key: 'clusters' | 'users' | 'contexts') => new Set((file.content?.[key] ?? []).map((e) => (e && typeof e === 'object' ? String(e.name) : '')));
  const replaced = { cluster: names('clusters').has(entries.cluster.name), user: names('users').has(entries.user.name), context: names('contexts').has(contextName) };
  return {
    target: file.path,
    writePath: file.exists ? await realpath(file.path) : file.path,
    existed: file.exists,
    ...(file.mode !== undefined ? { mode: file.mode } : {}),
    before: file.text,
    after,
    diff: preview.diff,
    relaidOut: preview.relaidOut,
    message: updatingExisting ? `Updated context ${contextName} in ${file.path}` : `Added new context ${contextName} to ${file.path}`,
    baseHash: file.hash,
    contextName,
    updatingExisting,
    entries,
    warnings: skipped.map((e) => e.message),
    replaced,
    currentContext: await currentContextChange(opts.env, file, after, opts.kubeconfig),
  };
}

/** What may leave the main process: no file texts, only the masked diff. */
export type UpdatePlanView = KubeconfigPlanViewModel;

export function planView(plan: UpdatePlan): UpdatePlanView {
  return {
    target: plan.target,
    contextName: plan.contextName,
    updatingExisting: plan.updatingExisting,
    changed: plan.before !== plan.after,
    diff: plan.diff,
    ...(plan.relaidOut ? { relaidOutNote: relaidOutNote(plan.relaidOut) } : {}),
    message: plan.message,
    warnings: plan.warnings,
    replaced: plan.replaced,
    currentContext: plan.currentContext,
  };
}
