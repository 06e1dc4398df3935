// Facts derived once from the evidence, shared by every rule.
import type { CauseCode } from '../../shared/causes.js';
import { CAUSES } from '../../shared/causes.js';
import type { CellOutcome } from '../probe/types.js';
import { sameIdentity } from '../../shared/arn.js';
import { accessEntryFor, analyseAwsAuth, type MappingAnalysis } from './match.js';
import type { AccessEntryFacts, Cause, Evidence } from './types.js';
import { cellWorks } from '../../shared/matrix-types.js';

export interface RuleContext {
  e: Evidence;
  identityArn?: string;
  canonicalArn?: string;
  outcome?: CellOutcome;
  /** The diagnosed identity may list services (ADMIN / ACCESS). */
  works: boolean;
  analysis?: MappingAnalysis;
  /** The identity's access entry, when the entries could be read. */
  entry?: AccessEntryFacts;
  /** Another profile that is ADMIN on the cluster (for fixes that need an administrator). */
  adminProfile?: string;
  /** In the access-entry modes: a profile that could call the EKS access-entry API (it listed the entries). */
  entryWriter?: string;
  /** A profile of yours that signs in as the creator (username kubernetes-admin, or the creator's ARN). */
  creatorProfile?: string;
  /**
   * A profile of yours that may change the cluster's own settings (an EKS API call, no Kubernetes access needed),
   * and why the app thinks so: an administrator of the cluster, the creator (the diagnosed profile too), or the
   * profile that called the access-entry API.
   */
  settingsProfile?: { name: string; why: string };
  /** The profile the kubeconfig entry asks for (exec --profile or AWS_PROFILE). */
  kubectlProfile?: string;
}

export interface RankedCause extends Cause {
  /** Lower first: the one to fix first. */
  rank: number;
}

export function cause(code: CauseCode, detail: string | undefined, evidence: string[], rank: number): RankedCause {
  return { code, title: CAUSES[code].title, detail: detail ?? CAUSES[code].explanation, evidence: evidence.filter(Boolean), rank };
}

export { cellWorks };

export function buildContext(e: Evidence): RuleContext {
  const identity = e.profileView.identity;
  const canonicalArn = identity?.canonicalArn;
  const ctx: RuleContext = { e, works: cellWorks(e.cell), ...(identity ? { identityArn: identity.arn } : {}), ...(canonicalArn ? { canonicalArn } : {}) };
  if (e.cell) ctx.outcome = e.cell.outcome;
  if (canonicalArn && e.awsAuth?.ok) ctx.analysis = analyseAwsAuth(canonicalArn, e.awsAuth.value.parsed);
  if (canonicalArn && e.accessEntries?.ok) {
    const entry = accessEntryFor(canonicalArn, e.accessEntries.value);
    if (entry) ctx.entry = entry;
  }
  const admin = e.cells.find((c) => c.profile !== e.profile && c.outcome === 'ADMIN');
  if (admin) ctx.adminProfile = admin.profile;
  if (e.cluster?.authenticationMode !== 'CONFIG_MAP' && e.accessEntries?.ok && e.accessEntries.via) ctx.entryWriter = e.accessEntries.via;
  const creatorArn = e.creator?.arn;
  const creator = e.cells.find((c) => {
    if (c.profile === e.profile || !cellWorks(c)) return false;
    if (c.username === 'kubernetes-admin') return true;
    const p = e.profiles.find((x) => x.name === c.profile);
    return Boolean(creatorArn && p?.identityArn && sameIdentity(p.identityArn, creatorArn));
  });
  if (creator) ctx.creatorProfile = creator.profile;
  const createdBy = creatorArn && e.profiles.find((p) => p.identityArn && sameIdentity(p.identityArn, creatorArn))?.name;
  if (ctx.adminProfile) ctx.settingsProfile = { name: ctx.adminProfile, why: 'an administrator of the cluster' };
  else if (createdBy) ctx.settingsProfile = { name: createdBy, why: 'it created the cluster' };
  else if (ctx.entryWriter) ctx.settingsProfile = { name: ctx.entryWriter, why: "it may call the cluster's EKS API" };
  const exec = e.kubectl?.exec;
  if (exec) {
    const i = exec.args.indexOf('--profile');
    const fromArgs = i >= 0 ? exec.args[i + 1] : undefined;
    const fromEnv = exec.env.find((v) => v.name === 'AWS_PROFILE')?.value;
    const p = fromArgs ?? fromEnv;
    if (p) ctx.kubectlProfile = p;
  }
  return ctx;
}

/** One evidence line per cell of the cluster: who gets in and how. */
export function cellLines(e: Evidence): string[] {
  return e.cells.map((c) => `profile ${c.profile}: ${c.outcome}${c.username ? ` as ${c.username}` : ''}${c.message && !cellWorks(c) ? ` (${c.message})` : ''}`);
}
