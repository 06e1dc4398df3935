// "Your kubectl": every context of the kubeconfig kubectl reads (all KUBECONFIG files, kubectl's merge rules),
// current context first; each EKS context's credential helper run as kubectl runs it, its token probed, and —
// when it fails — the cause and the one fix.
import { clusterArnOf } from '../../shared/cluster-arn.js';
import { ContractError } from '../../shared/contract-kit.js';
import type { ContextsListResult, ContextsProgress, KubectlContextView } from '../../shared/contexts-types.js';
import { redact } from '../../shared/redact.js';
import { contextNamed, KubeconfigBusyError, KubeconfigFileError, loadMergedKubeconfig, type MergedKubeconfig } from '../kubeconfig/index.js';
import type { Env } from '../profiles/deps.js';
import { loadProfiles } from '../profiles/load.js';
import { describeContext } from './describe.js';
import { knownKubectlIdentity, type EarlyKubectl } from '../diagnose/kubectl-early.js';
import { explainContext, needsOtherContexts, type Diagnose } from './explain.js';
import { kubectlTool } from './kubectl-tool.js';
import { runContext } from './probe-context.js';
import { outcomeWorks } from '../../shared/matrix-types.js';
import { Limiter } from '../common/limiter.js';

export interface ContextsDeps {
  env: Env;
  /** The diagnosis of a cell (the app's DiagnosisService.run). */
  diagnose: Diagnose;
  /** The env kubectl's helpers run with (the login shell's PATH when started from a launcher). */
  execEnv?: () => Promise<Env>;
  fromGui?: boolean;
  execTimeoutMs?: number;
  probeTimeoutMs?: number;
}

const EXEC_AT_ONCE = 3;
/** kubectl itself waits for its helper without a limit; a minute covers a slow SSO or role chain. */
const EXEC_TIMEOUT_MS = 60_000;

/** What the list tells as it goes (without the caller's id): the page fills each card as its answer comes. */
export type OnProgress = (progress: Omit<ContextsProgress, 'progressId'>) => void;

export async function listContexts(deps: ContextsDeps, opts: { check?: boolean; onProgress?: OnProgress } = {}): Promise<ContextsListResult> {
  let kc: MergedKubeconfig;
  try {
    kc = await loadMergedKubeconfig(deps.env);
  } catch (err) {
    if (err instanceof KubeconfigBusyError) return { files: [], contexts: [], error: err.message, errorBusy: true };
    if (!(err instanceof KubeconfigFileError)) throw err;
    return { files: [], contexts: [], error: `kubectl cannot read ${err.message}` };
  }
  const files = kc.files.map((f) => ({ path: f.path, exists: f.exists }));
  const names = [...kc.contexts.keys()].sort((a, b) => Number(b === kc.currentContext) - Number(a === kc.currentContext));
  const known = new Set((await loadProfiles(deps.env).catch(() => undefined))?.profiles.map((p) => p.name) ?? []);
  const env = deps.execEnv ? await deps.execEnv() : deps.env;
  const check = opts.check !== false;
  const tell = opts.onProgress && check ? progressTeller(await Promise.all(names.map(async (name) => (await oneContext(kc, name, known, env, deps, false)).view)), opts.onProgress) : SILENT;
  // A few credential helpers at a time (each is a process, often a Python one). Each failing context's cause is
  // looked for as soon as its check ends, one diagnosis at a time: each scans every profile, and several at once
  // would starve the helpers still running. Its diagnosis reuses what the check found kubectl presents.
  const helpers = new Limiter(EXEC_AT_ONCE);
  const diagnoses = new Limiter(1);
  const explain = (checked: Checked, others: KubectlContextView[] = []) =>
    diagnoses.run(async () => {
      Object.assign(checked.view, await explainContext(checked.view, deps.diagnose, others, checked.kubectl));
      tell.explained(checked.view);
    });
  const explained: Array<Promise<void>> = [];
  const [kubectl, checked] = await Promise.all([
    kubectlTool(env),
    Promise.all(
      names.map((name) =>
        helpers.run(() => oneContext(kc, name, known, env, deps, check)).then((one) => {
          tell.checked(one.view);
          if (failing(one.view) && !needsOtherContexts(one.view)) {
            const done = explain(one);
            done.catch(() => {}); // awaited below; not an unhandled rejection while other checks still run
            explained.push(done);
          }
          return one;
        }),
      ),
    ),
  ]);
  const contexts = checked.map((one) => one.view);
  await Promise.all(explained);
  for (const one of checked) if (failing(one.view) && needsOtherContexts(one.view)) await explain(one, contexts);
  return { files, ...(kc.currentContext ? { currentContext: kc.currentContext } : {}), contexts, kubectl };
}

/**
 * The progress of one list: first every context as the kubeconfig names it (nothing run yet), then each as its
 * check ends, then each failing one as its cause is found. `total` counts the contexts that are checked (EKS ones).
 */
function progressTeller(unchecked: KubectlContextView[], onProgress: OnProgress) {
  const total = unchecked.filter((v) => v.eks).length;
  let done = 0;
  onProgress({ total, checked: 0, contexts: unchecked });
  return {
    checked: (view: KubectlContextView) => {
      if (!view.eks) return;
      done++;
      onProgress({ total, checked: done, contexts: [view] });
    },
    explained: (view: KubectlContextView) => onProgress({ total, checked: done, contexts: [view] }),
  };
}

const SILENT = { checked: () => {}, explained: () => {} };

const failing = (view: KubectlContextView) => view.eks && Boolean(view.outcome) && !outcomeWorks(view.outcome!);

/** A context as checked, with what its check found kubectl presents (for its diagnosis). */
interface Checked {
  view: KubectlContextView;
  kubectl?: EarlyKubectl;
}

/** One context checked again (after "Use with kubectl" wrote it). */
export async function checkContext(name: string, deps: ContextsDeps): Promise<KubectlContextView | undefined> {
  const kc = await loadMergedKubeconfig(deps.env);
  if (!kc.contexts.has(name)) return undefined;
  const known = new Set((await loadProfiles(deps.env).catch(() => undefined))?.profiles.map((p) => p.name) ?? []);
  const { view, kubectl } = await oneContext(kc, name, known, deps.execEnv ? await deps.execEnv() : deps.env, deps);
  if (failing(view)) Object.assign(view, await explainContext(view, deps.diagnose, [], kubectl));
  return view;
}

async function oneContext(kc: MergedKubeconfig, name: string, known: Set<string>, env: Env, deps: ContextsDeps, check = true): Promise<Checked> {
  const found = contextNamed(kc, name)!;
  const facts = describeContext(found, env);
  const profileExists = facts.credential.profile ? known.has(facts.credential.profile) || (facts.credential.profileSource === 'default-chain' && Boolean(env.AWS_ACCESS_KEY_ID)) : undefined;
  const view: KubectlContextView = {
    name,
    current: name === kc.currentContext,
    eks: facts.eks,
    file: facts.file,
    ...(facts.server ? { server: facts.server } : {}),
    ...(facts.clusterArn ? { clusterArn: facts.clusterArn } : {}),
    ...(facts.clusterName ? { clusterName: facts.clusterName } : {}),
    ...(facts.region ? { region: facts.region } : {}),
    ...(facts.account ? { account: facts.account } : {}),
    credential: { ...facts.credential, ...(profileExists !== undefined ? { profileExists } : {}), envOverrides: [] },
  };
  if (!facts.eks || !check) return { view };
  const run = await runContext(kc, found, facts, { env, ...(deps.fromGui ? { fromGui: true } : {}), execTimeoutMs: deps.execTimeoutMs ?? EXEC_TIMEOUT_MS, ...(deps.probeTimeoutMs ? { probeTimeoutMs: deps.probeTimeoutMs } : {}) });
  view.outcome = run.outcome;
  view.credential.envOverrides = run.identity?.envOverrides ?? [];
  if (run.identityArn) view.identityArn = run.identityArn;
  if (run.username !== undefined) view.username = run.username;
  if (run.problem) view.problem = redact(run.problem);
  if (!view.account && run.account) view.account = run.account;
  if (!view.clusterArn && view.region && view.account && view.clusterName) view.clusterArn = clusterArnOf({ region: view.region, account: view.account, name: view.clusterName });
  return { view, ...(run.identity ? { kubectl: knownKubectlIdentity(kc, found, run.identity, { env, ...(deps.fromGui ? { fromGui: true } : {}) }) } : {}) };
}

export function contextsError(err: unknown): never {
  throw new ContractError('CONTEXTS_FAILED', `kubectl's contexts could not be checked: ${redact((err instanceof Error ? err.message : String(err)).split('\n')[0]!)}`);
}
