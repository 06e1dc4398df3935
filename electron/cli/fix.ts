// `fix --profile P --cluster NAME --fix ID [--region R] [--admin-profile Q] [--group G]… [--policy NAME]
//   [--repair-invalid] [--switch-mode] [--yes] [--json]`
// Runs the diagnosis (the app's `diagnosis.run` for the cell), takes fix ID from it, previews the change and — only with --yes — applies it, then probes the
// cell again. Exit 0 done (or previewed), 2 bad arguments / a fix that does not apply, 1 anything else (one stderr line).
import { ContractError } from '../../shared/contract-kit.js';
import type { Fix } from '../diagnose/types.js';
import { familyOf } from '../diagnose/fix-families.js';
import { policyName } from '../fix/access-entry-fixes.js';
import { prepareFix } from '../fix/prepare.js';
import { manualLine, manualText } from '../fix/manual-fixes.js';
import { verifyKubectl } from '../fix/kubectl-verify.js';
import { reached, reprobe } from '../fix/reprobe.js';
import { FixRefusal, type FixContext, type FixOptions, type PreparedFix } from '../fix/types.js';
import { clusterTarget } from '../fix/writer.js';
import type { Env } from '../profiles/deps.js';
import { defaultProfilesDeps, ProfilesService } from '../profiles/service.js';
import { diagnoseNamedCell } from './cell-request.js';
import { clusterFlags } from './cluster-flags.js';
import { contractFields } from './contract-request.js';
import { bool, CommandFailure, exitCodeOf, failed, failureLine, list, runCommand, str, UsageError, type CommandResult, type Flags } from './result.js';

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

/** The flags as the grant wizard's request (grant.plan) would carry them, checked with its schemas. */
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
  contractFields('grant.plan', { fixId: str(flags, 'fix'), ...options }, { fixId: 'fix', adminProfile: 'admin-profile', groups: 'group', namespaces: 'namespace' });
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

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

export async function runFix(args: string[], deps: FixDeps): Promise<CommandResult> {
  return runCommand('fix', args, async ({ flags }) => {
    const a = fixArgs(flags);
    try {
      return await fixCell(a, deps);
    } catch (err) {
      if (err instanceof FixRefusal) return failed(err.exitCode, err.message);
      if (err instanceof CommandFailure) return failed(exitCodeOf(err.code), err.message, err.stdout);
      if (err instanceof ContractError && err.code === 'PROFILE_NOT_FOUND') return failed(2, err.message);
      return failed(1, failureLine(err));
    }
  });
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
    return { exitCode: 1, stdout: a.json ? json({ manual: true, fix, applied: [], outcome: diagnosis.outcome }) : manualText(fix), stderr: `error: ${manualLine(fix)}\n` };
  }
  const profiles = new ProfilesService(defaultProfilesDeps(deps.env));
  const ctx: FixContext = { env: deps.env, diagnosis, evidence, fix, options: a.options, profiles, ...(deps.backupDir ? { backupDir: deps.backupDir } : {}) };
  const prepared = await prepareFix(ctx);

  // A refusal that a flag lifts (--switch-mode, --repair-invalid, --group …) is a missing argument: exit 2, naming it.
  const flagged = prepared.problems.filter((p) => /--[a-z]/.test(p));
  if (!a.yes) {
    const out = { preview: { id: fix.id, title: fix.title, ...prepared.preview, ...(prepared.writer ? { writerProfile: prepared.writer } : {}) }, ...(prepared.defaultAccess ? { defaultAccess: prepared.defaultAccess } : {}), problems: prepared.problems, applied: [], outcome: diagnosis.outcome, next: RERUN_LINE };
    const refusals = prepared.problems.filter((p) => !prepared.previewText.includes(p)).map((p) => `refused: ${p}`);
    const stdout = a.json ? json(out) : [fix.title, prepared.previewText, ...refusals, RERUN_LINE].join('\n') + '\n';
    if (flagged.length) return failed(2, `${fix.id} would be refused: ${flagged.join('; ')}`, stdout);
    return { exitCode: 0, stdout, stderr: '' };
  }
  if (prepared.problems.length > 0) {
    return failed(flagged.length ? 2 : 1, `${fix.id} was not applied: ${prepared.problems.join('; ')}`, a.json ? '' : `${prepared.previewText}\n`);
  }
  const done = await prepared.apply();
  const target = prepared.cluster ?? (await clusterTarget(evidence, undefined, deps.env));
  const probeProfile = done.probeProfile ?? diagnosis.profile;
  const [again, kubectlCheck] = await Promise.all([
    reprobe(target, probeProfile, profiles, deps.env, done.context ?? kubectlContextOf(evidence)),
    verifyKubectl(deps.env, { name: diagnosis.cluster.name, arn: diagnosis.cluster.arn, ...(evidence.cluster?.endpoint ? { endpoint: evidence.cluster.endpoint } : {}) }, await canonicalArnOf(profiles, probeProfile, evidence)),
  ]);
  const verify = { kubectlIdentity: kubectlCheck.kubectlIdentity, sameAsProfile: kubectlCheck.sameAsProfile, getSvc: kubectlCheck.getSvc };
  const result = {
    applied: [done.applied],
    outcome: again.cell?.outcome ?? 'ERROR',
    ...(again.cell?.username ? { username: again.cell.username } : {}),
    ...(prepared.writer ? { writer: prepared.writer } : {}),
    ...(prepared.defaultAccess ? { defaultAccess: prepared.defaultAccess } : {}),
    ...(done.backup ? { backup: done.backup } : {}),
    ...(done.backupId ? { backupId: done.backupId } : {}),
    ...(again.kubectl ? { kubectl: { command: again.kubectl.command, exitCode: again.kubectl.exitCode, ...(again.kubectl.exitCode ? { stderr: again.kubectl.stderr.trim().split('\n')[0] } : {}) } } : {}),
    verify,
  };
  const whoLine = kubectlCheck.sameAsProfile
    ? `kubectl signs in as ${kubectlCheck.kubectlIdentity} (profile ${probeProfile}): get svc ${verify.getSvc}`
    : `kubectl signs in as ${kubectlCheck.kubectlIdentity ?? 'nobody'}${kubectlCheck.context ? ` through context ${kubectlCheck.context}` : ''}, not as profile ${probeProfile}${kubectlCheck.note ? ` (${kubectlCheck.note})` : ''}: make kubectl use it with \`update-kubeconfig --profile ${probeProfile} --cluster ${diagnosis.cluster.name} --pin-profile\``;
  const stdout = a.json ? json(result) : resultText(fix, prepared, result, again.kubectl ? `$ ${again.kubectl.command}\n${again.kubectl.stdout}${again.kubectl.stderr}` : undefined) + `${whoLine}\n`;
  if (done.failure) return failed(1, done.failure, stdout);
  if (again.kubectl && again.kubectl.exitCode !== 0) return failed(1, `${fix.id} was applied, but \`${again.kubectl.command}\` still fails: ${result.kubectl?.stderr ?? `exit ${again.kubectl.exitCode}`}`, stdout);
  if (!reached(again.cell)) return failed(1, `${fix.id} was applied, but ${done.probeProfile ?? diagnosis.profile} still does not get in: ${again.cell ? `${again.cell.outcome}${again.cell.message ? ` (${again.cell.message})` : ''}` : again.error}`, stdout);
  return { exitCode: 0, stdout, stderr: '' };
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

function resultText(fix: Fix, prepared: PreparedFix, r: { applied: { steps: { title: string; ok: boolean; message: string }[] }[]; outcome: string; username?: string; backup?: string; backupId?: string }, kubectlOut?: string): string {
  const lines = [`${fix.title}`, prepared.previewText];
  for (const s of r.applied[0]!.steps) lines.push(`${s.ok ? 'done' : 'FAILED'}: ${s.title}: ${s.message}`);
  if (r.backup) lines.push(`backup: ${r.backup}`);
  if (r.backupId) lines.push(`undo: restore --backup ${r.backupId} (preview; add --yes to restore)`);
  lines.push(`re-probe: ${r.outcome}${r.username ? ` as ${r.username}` : ''}`);
  if (kubectlOut) lines.push(kubectlOut.trimEnd());
  return lines.join('\n') + '\n';
}
