// `fix --profile P --cluster NAME --fix ID [--region R] [--admin-profile Q] [--group G]… [--policy NAME]
//   [--repair-invalid] [--switch-mode] [--yes] [--json]`
// Runs the diagnosis (the app's `diagnosis.run` for the cell), takes fix ID from it, previews the change and — only with
// --yes — applies it, then probes the cell again. A grant goes through the grant wizard's channels (`grant.options` for
// the writer, `grant.plan`, `grant.apply`), a kubeconfig fix through the fix window's (`kubeconfig.plan` with the
// fix's request, `kubeconfig.apply`). Exit 0 done (or previewed), 2 bad arguments / a fix that does not apply,
// 1 anything else (one stderr line).
import type { AdminChoice, GrantPlanView } from '../../shared/wizard-types.js';
import { outcomeWorks, type MatrixOutcome } from '../../shared/matrix-types.js';
import { ContractError } from '../../shared/contract-kit.js';
import type { DiagnosedCell } from '../diagnose/service.js';
import type { Fix } from '../diagnose/types.js';
import { familyOf } from '../diagnose/fix-families.js';
import { kubectlGetSvc, type KubectlRun } from '../kubectl/get-svc.js';
import { kubeconfigTargetOf } from '../diagnose/view.js';
import { kubeconfigFixRequest } from '../../shared/kubeconfig-fix-request.js';
import { policyName } from '../fix/access-entry-fixes.js';
import { askAdminLine, manualLine, manualText, refusedWritersLine } from '../fix/manual-fixes.js';
import { getSvcResult, verifyKubectl, type KubectlVerify } from '../fix/kubectl-verify.js';
import { FixRefusal, type AppliedFix, type FixContext, type FixOptions } from '../fix/types.js';
import { clusterTarget } from '../fix/writer.js';
import type { Env } from '../profiles/deps.js';
import { defaultProfilesDeps, ProfilesService } from '../profiles/service.js';
import { diagnoseNamedCell, type DiagnosedNamedCell } from './cell-request.js';
import { clusterFlags } from './cluster-flags.js';
import { callContract, contractFields, contractRequest } from './contract-request.js';
import { bool, CommandFailure, exitCodeOf, failed, jsonText, list, runCommand, str, UsageError, type CommandResult, type Flags } from './result.js';

export interface FixDeps {
  env: Env;
  /** Where backups go (default ~/.eks-access-doctor/backups/ under the env's HOME). */
  backupDir?: string;
}

export const RERUN_LINE = 're-run with --yes to apply';

interface ParsedFixArgs {
  profile: string;
  cluster: string;
  region?: string;
  fix: string;
  yes: boolean;
  json: boolean;
  options: FixOptions;
}

/** grant.plan's fields → the flags that give them. */
const PLAN_FLAGS = { fixId: 'fix', adminProfile: 'admin-profile', groups: 'group', namespaces: 'namespace', repairInvalid: 'repair-invalid', switchMode: 'switch-mode' };

/** The flags as the grant wizard's request (grant.plan) carries them, checked with its schemas before the diagnosis. */
function fixArgs(flags: Flags): ParsedFixArgs {
  const cell = clusterFlags(flags, 'grant.plan');
  let policy: string | undefined;
  try {
    policy = str(flags, 'policy') === undefined ? undefined : policyName(str(flags, 'policy'));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const options = {
    adminProfile: str(flags, 'admin-profile'),
    groups: list(flags, 'group'),
    policy,
    namespaces: list(flags, 'namespace'),
  };
  contractFields('grant.plan', { fixId: str(flags, 'fix'), ...options }, PLAN_FLAGS);
  return {
    ...cell,
    fix: str(flags, 'fix')!,
    yes: bool(flags, 'yes'),
    json: bool(flags, 'json'),
    options: {
      ...(options.adminProfile ? { adminProfile: options.adminProfile } : {}),
      ...(options.groups?.length ? { groups: options.groups } : {}),
      ...(policy ? { policy } : {}),
      ...(options.namespaces?.length ? { namespaces: options.namespaces } : {}),
      repairInvalid: bool(flags, 'repair-invalid'),
      switchMode: bool(flags, 'switch-mode'),
    },
  };
}

export async function runFix(args: string[], deps: FixDeps): Promise<CommandResult> {
  return runCommand('fix', args, async ({ flags }) => {
    const a = fixArgs(flags);
    try {
      return await fixCell(a, deps);
    } catch (err) {
      if (err instanceof FixRefusal) return failed(err.exitCode, err.message);
      if (err instanceof ContractError) return failed(exitCodeOf(err.code), err.message);
      throw err;
    }
  });
}

/** A fix's preview: the grant room's plan, or the kubeconfig room's. */
interface FixPlan {
  previewText: string;
  preview: Record<string, unknown>;
  /** In the command's words (naming its flags). */
  problems: string[];
  /** Those of the problems that a flag of the command lifts. */
  flagLifted: string[];
  writer?: string;
  defaultAccess?: string;
  apply(): Promise<FixDone>;
}

/** What applying did, the cell probed again, and kubectl through the user's kubeconfig. */
interface FixDone {
  applied: AppliedFix;
  failure?: string;
  backup?: string;
  backupId?: string;
  probeProfile: string;
  cell: { outcome?: MatrixOutcome; username?: string; message?: string };
  /** `kubectl get svc` through the context that presents the fixed identity. */
  kubectl?: KubectlRun;
  check: Pick<KubectlVerify, 'kubectlIdentity' | 'sameAsProfile' | 'getSvc' | 'context' | 'note'>;
}

async function fixCell(a: ParsedFixArgs, deps: FixDeps): Promise<CommandResult> {
  const named = await diagnoseNamedCell(a, deps.env);
  const { diagnosis, evidence } = await named.diagnosis.diagnosed(named.request);
  const fix = diagnosis.fixes.find((f) => f.id === a.fix);
  if (!fix) {
    const ids = diagnosis.fixes.map((f) => f.id);
    return failed(2, `fix "${a.fix}" does not apply to ${a.profile} on ${diagnosis.cluster.name} (${diagnosis.causes[0]?.code ?? diagnosis.outcome}); ${ids.length ? `the fixes that apply: ${ids.join(', ')}` : 'no fix applies'}`);
  }
  const family = familyOf(fix.id);
  if (family === 'manual') {
    return { exitCode: 1, stdout: a.json ? jsonText({ manual: true, fix, applied: [], outcome: diagnosis.outcome }) : manualText(fix), stderr: `error: ${manualLine(fix)}\n` };
  }
  const profiles = new ProfilesService(defaultProfilesDeps(deps.env));
  const plan = family === 'kubeconfig' ? await kubeconfigPlan(deps, profiles, named, { diagnosis, evidence }, fix) : await grantPlan(a, deps, profiles, named, evidence, fix);

  // A refusal that a flag lifts (--switch-mode, --repair-invalid, --group …) is a missing argument: exit 2, naming it.
  const flagged = plan.flagLifted;
  if (!a.yes) {
    const out = { preview: { id: fix.id, title: fix.title, ...plan.preview, ...(plan.writer ? { writerProfile: plan.writer } : {}) }, ...(plan.defaultAccess ? { defaultAccess: plan.defaultAccess } : {}), problems: plan.problems, applied: [], outcome: diagnosis.outcome, next: RERUN_LINE };
    const refusals = plan.problems.filter((p) => !plan.previewText.includes(p)).map((p) => `refused: ${p}`);
    const stdout = a.json ? jsonText(out) : [fix.title, plan.previewText, ...refusals, RERUN_LINE].join('\n') + '\n';
    if (flagged.length) return failed(2, `${fix.id} would be refused: ${flagged.join('; ')}`, stdout);
    return { exitCode: 0, stdout, stderr: '' };
  }
  if (plan.problems.length > 0) {
    return failed(flagged.length ? 2 : 1, `${fix.id} was not applied: ${plan.problems.join('; ')}`, a.json ? '' : `${plan.previewText}\n`);
  }
  const done = await plan.apply();
  const k = done.check;
  const verify = { kubectlIdentity: k.kubectlIdentity, sameAsProfile: k.sameAsProfile, getSvc: k.getSvc };
  const result = {
    applied: [done.applied],
    outcome: done.cell.outcome ?? 'ERROR',
    ...(done.cell.username ? { username: done.cell.username } : {}),
    ...(plan.writer ? { writer: plan.writer } : {}),
    ...(plan.defaultAccess ? { defaultAccess: plan.defaultAccess } : {}),
    ...(done.backup ? { backup: done.backup } : {}),
    ...(done.backupId ? { backupId: done.backupId } : {}),
    ...(done.kubectl ? { kubectl: { command: done.kubectl.command, exitCode: done.kubectl.exitCode, ...(done.kubectl.exitCode ? { stderr: done.kubectl.stderr.trim().split('\n')[0] } : {}) } } : {}),
    verify,
  };
  const probeProfile = done.probeProfile;
  const whoLine = k.sameAsProfile
    ? `kubectl signs in as ${k.kubectlIdentity} (profile ${probeProfile}): get svc ${verify.getSvc}`
    : `kubectl signs in as ${k.kubectlIdentity ?? 'nobody'}${k.context ? ` through context ${k.context}` : ''}, not as profile ${probeProfile}${k.note ? ` (${k.note})` : ''}: make kubectl use it with \`update-kubeconfig --profile ${probeProfile} --cluster ${diagnosis.cluster.name} --pin-profile\``;
  const stdout = a.json ? jsonText(result) : resultText(fix, plan.previewText, result, done.kubectl ? `$ ${done.kubectl.command}\n${done.kubectl.stdout}${done.kubectl.stderr}` : undefined) + `${whoLine}\n`;
  if (done.failure) return failed(1, done.failure, stdout);
  if (done.kubectl && done.kubectl.exitCode !== 0) return failed(1, `${fix.id} was applied, but \`${done.kubectl.command}\` still fails: ${result.kubectl?.stderr ?? `exit ${done.kubectl.exitCode}`}`, stdout);
  const c = done.cell;
  if (!outcomeWorks(c.outcome)) return failed(1, `${fix.id} was applied, but ${probeProfile} still does not get in: ${c.outcome ? `${c.outcome}${c.message ? ` (${c.message})` : ''}` : c.message}`, stdout);
  return { exitCode: 0, stdout, stderr: '' };
}

/**
 * A grant through the grant room's channels, as the wizard makes it: the writer the wizard offers first (grant.options)
 * unless --admin-profile names one, its preview (grant.plan), and with --yes the write and the checks (grant.apply).
 */
async function grantPlan(a: ParsedFixArgs, deps: FixDeps, profiles: ProfilesService, named: DiagnosedNamedCell, evidence: DiagnosedCell['evidence'], fix: Fix): Promise<FixPlan> {
  const { grantHandlers } = await import('../grant/handlers.js');
  const handlers = grantHandlers({ env: deps.env, profiles, diagnosis: named.diagnosis, ...(deps.backupDir ? { backupDir: deps.backupDir } : {}) });
  const cell = { profile: named.request.profile, clusterArn: named.request.clusterArn, fixId: fix.id };
  const adminProfile = a.options.adminProfile ?? offeredWriter((await callContract(handlers, 'grant.options', contractRequest('grant.options', cell))).admins, fix);
  const { adminProfile: _given, ...options } = a.options;
  let view: GrantPlanView;
  try {
    view = await callContract(handlers, 'grant.plan', contractRequest('grant.plan', { ...cell, adminProfile, ...options }, PLAN_FLAGS));
  } catch (err) {
    // The one profile of the request the diagnosis has not already found is the writer --admin-profile names.
    if (err instanceof CommandFailure && err.code === 'PROFILE_NOT_FOUND') throw new CommandFailure(err.code, `--admin-profile: ${err.message}`);
    throw err;
  }
  return {
    previewText: view.previewText,
    preview: view.preview,
    problems: view.flagProblems,
    flagLifted: view.flagLifted,
    writer: view.writerProfile,
    ...(view.defaultAccess ? { defaultAccess: view.defaultAccess } : {}),
    async apply() {
      const r = await callContract(handlers, 'grant.apply', { planId: view.planId });
      const v = r.verification;
      const who = v.kubectlIdentity;
      return {
        applied: { id: fix.id, title: fix.title, steps: r.steps },
        ...(r.failure ? { failure: r.failure } : {}),
        ...(r.backupPath ? { backup: r.backupPath } : {}),
        ...(r.backupId ? { backupId: r.backupId } : {}),
        probeProfile: v.profile,
        cell: v,
        ...(v.kubectl && kubectlContextOf(evidence) ? { kubectl: v.kubectl } : {}),
        check: {
          kubectlIdentity: who?.arn ?? null,
          sameAsProfile: who?.sameAsProfile === true,
          getSvc: getSvcResult(v.kubectl),
          ...(who?.context ? { context: who.context } : {}),
          ...(who?.error || v.kubectlNote ? { note: who?.error ?? v.kubectlNote } : {}),
        },
      };
    },
  };
}

/**
 * The writer the wizard offers: the first profile that can grant. The wizard greys out the others with the reason
 * grant.options gives (cannotGrant); with none left, nothing is changed and the reasons are the answer.
 */
function offeredWriter(admins: AdminChoice[], fix: Fix): string {
  const writer = admins.find((a) => !a.cannotGrant);
  if (writer) return writer.profile;
  throw new CommandFailure('GRANT_REFUSED', admins.length ? refusedWritersLine(fix, admins.map((a) => a.cannotGrant!)) : askAdminLine(fix));
}

/**
 * A kubeconfig fix through the kubeconfig room's channels, as the app's fix window makes it: the fix's request
 * (kubeconfig.plan), and with --yes the write, the re-probe and `kubectl get svc` (kubeconfig.apply). A preview that
 * changes nothing is not written (the window offers no Apply then); the cell is checked all the same.
 */
async function kubeconfigPlan(deps: FixDeps, profiles: ProfilesService, named: DiagnosedNamedCell, { diagnosis, evidence }: DiagnosedCell, fix: Fix): Promise<FixPlan> {
  const target = kubeconfigTargetOf(fix);
  if (!target) throw new FixRefusal(`${fix.id} names no profile to write kubectl's entry with`);
  const { env } = deps;
  const clusterArn = named.request.clusterArn;
  const reprobeCell = (profile: string, arn: string) => named.diagnosis.reprobe(profile, arn, { cluster: () => clusterTarget(evidence, undefined, env), profiles, env });
  const [{ kubeconfigHandlers }, { backupStoreFor }] = await Promise.all([import('../kubeconfig/handlers.js'), import('../authmap/backup.js')]);
  const handlers = kubeconfigHandlers({
    env,
    records: backupStoreFor(env, deps.backupDir),
    redact: named.diagnosis.redact,
    kubectlEnv: async () => env,
    reprobe: reprobeCell,
  });
  const request = contractRequest('kubeconfig.plan', kubeconfigFixRequest(target, clusterArn));
  const { planId, view } = await callContract(handlers, 'kubeconfig.plan', request);
  const profile = request.profile;
  const stepTitle = `Write kubectl's entry for ${diagnosis.cluster.name} with profile ${profile}${request.pinProfile ? ' pinned in the exec args' : request.appTokenHelper ? ", its token made by this app's token command" : ''} (${view.target})`;
  const previewText = [
    `${stepTitle}:`,
    view.changed ? view.diff.trimEnd() : `  ${view.target} already holds these entries; nothing changes`,
    ...view.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
  return {
    previewText,
    preview: { kind: 'kubeconfig', profile, ...view },
    problems: [],
    flagLifted: [],
    async apply() {
      const cluster = { name: diagnosis.cluster.name, arn: diagnosis.cluster.arn, ...(evidence.cluster?.endpoint ? { endpoint: evidence.cluster.endpoint } : {}) };
      // kubectl get svc runs once, through the written context: the verify block reads the same answer.
      const verify = async (run: Promise<KubectlRun | undefined>) => verifyKubectl(env, cluster, await canonicalArnOf(profiles, profile, evidence), { context: view.contextName, run });
      if (!view.changed) {
        const getSvc = kubectlGetSvc({ env, context: view.contextName });
        const [reprobe, kubectl, check] = await Promise.all([reprobeCell(profile, clusterArn), getSvc, verify(getSvc)]);
        return { applied: { id: fix.id, title: fix.title, steps: [{ title: stepTitle, ok: true, message: `${view.target} already holds these entries` }] }, probeProfile: profile, cell: reprobe, ...(kubectl ? { kubectl } : {}), check };
      }
      const r = await callContract(handlers, 'kubeconfig.apply', { planId });
      return {
        applied: { id: fix.id, title: fix.title, steps: [{ title: stepTitle, ok: true, message: r.message }] },
        ...(r.backupPath ? { backup: r.backupPath } : {}),
        backupId: r.backupId,
        probeProfile: profile,
        cell: r.reprobe,
        ...(r.kubectl ? { kubectl: r.kubectl } : {}),
        check: await verify(Promise.resolve(r.kubectl)),
      };
    },
  };
}

/** The probed profile's own identity (the diagnosed one's from the evidence, another's asked of STS). */
async function canonicalArnOf(profiles: ProfilesService, profile: string, e: FixContext['evidence']): Promise<string | undefined> {
  if (profile === e.profile) return e.profileView.identity?.canonicalArn;
  try {
    return (await profiles.check(profile)).identity?.canonicalArn;
  } catch {
    return undefined;
  }
}

/** The user's kubeconfig context for the cluster, when kubectl presents the diagnosed identity through it. */
function kubectlContextOf(e: FixContext['evidence']): string | undefined {
  const k = e.kubectl;
  const mine = e.profileView.identity?.canonicalArn;
  return k?.context?.name && k.canonicalArn && mine && k.canonicalArn.toLowerCase() === mine.toLowerCase() ? k.context.name : undefined;
}

function resultText(fix: Fix, previewText: string, r: { applied: { steps: { title: string; ok: boolean; message: string }[] }[]; outcome: string; username?: string; backup?: string; backupId?: string }, kubectlOut?: string): string {
  const lines = [`${fix.title}`, previewText];
  for (const s of r.applied[0]!.steps) lines.push(`${s.ok ? 'done' : 'FAILED'}: ${s.title}: ${s.message}`);
  if (r.backup) lines.push(`backup: ${r.backup}`);
  if (r.backupId) lines.push(`undo: restore --backup ${r.backupId} (preview; add --yes to restore)`);
  lines.push(`re-probe: ${r.outcome}${r.username ? ` as ${r.username}` : ''}`);
  if (kubectlOut) lines.push(kubectlOut.trimEnd());
  return lines.join('\n') + '\n';
}
