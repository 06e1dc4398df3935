// The diagnosis of one profile against one cluster: evidence → causes (ordered) → fixes. The UI and the CLI
// call diagnose(); rules and fixes are pure functions of the evidence (diagnoseEvidence) for tests.
import { sameIdentity } from '../../shared/arn.js';
import { clusterArnOf, parseClusterArn } from '../../shared/cluster-arn.js';
import type { CauseCode } from '../../shared/causes.js';
import { CELL_OUTCOMES, type CellOutcome } from '../probe/types.js';
import { buildContext, type RuleContext } from './context.js';
import { fixesForCauses } from './fixes.js';
import { DiagnoseArgumentError, gatherEvidence, type DiagnoseDeps, type DiagnoseRequest } from './gather.js';
import { orderCauses } from './order.js';
import { accessRules } from './rules-access.js';
import { clusterRules, foreignCluster } from './rules-cluster.js';
import { credentialRules } from './rules-credentials.js';
import { kubectlRules } from './rules-kubectl.js';
import { mappingRules } from './rules-mapping.js';
import { staleEntryRules } from './rules-stale-entry.js';
import { unknownsOf } from './unknowns.js';
import type { Diagnosis, Evidence, Unknown } from './types.js';

export { DiagnoseArgumentError, type DiagnoseDeps, type DiagnoseRequest } from './gather.js';

/** Causes whose conclusion rests on what could be read of the mapping: they carry the unknowns as evidence. */
const MAPPING_CODES = new Set<string>(['NOT_MAPPED', 'CREATOR_GONE', 'ACCESS_ENTRY_STALE', 'KUBECONFIG_IDENTITY_MISMATCH', 'FORBIDDEN']);

/** Causes whose fix grants the identity access: never offered for an identity of another account than the cluster's. */
const GRANTS = new Set<string>(['NOT_MAPPED', 'CONFIGMAP_IGNORED', 'CREATOR_GONE', 'MAPPING_NEAR_MISS', 'MAPPED_WITH_PATH', 'MAPPED_SESSION_ARN', 'AWS_AUTH_INVALID', 'ACCESS_ENTRY_STALE', 'FORBIDDEN']);

/** The closest catalogue code for an outcome no rule explains (the detail says that no rule fits). */
const FALLBACK: Record<CellOutcome, CauseCode> = {
  ADMIN: 'OK',
  ACCESS: 'OK',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHORIZED: 'NOT_MAPPED',
  NO_CREDENTIALS: 'CREDENTIALS_MISSING',
  UNREACHABLE: 'ENDPOINT_UNREACHABLE',
  ERROR: 'ENDPOINT_UNREACHABLE',
};

/**
 * The line a cause's evidence gives an unknown it rests on: what is not known, and no more — the why and how to find
 * out are said once, with the unknowns (every report lists them next to the causes).
 */
const unknownPointer = (u: Unknown) => `unknown: ${u.what} — why, and how to find out, in the unknowns below`;

function outcomeOf(e: Evidence): CellOutcome {
  if (e.cell && CELL_OUTCOMES.includes(e.cell.outcome)) return e.cell.outcome;
  return e.profileView.status === 'valid' ? 'ERROR' : 'NO_CREDENTIALS';
}

function creatorOf(ctx: RuleContext): Diagnosis['creator'] {
  const cr = ctx.e.creator;
  const isThis = cr?.arn && ctx.canonicalArn ? sameIdentity(cr.arn, ctx.canonicalArn) : ctx.e.cell?.username === 'kubernetes-admin' ? true : null;
  const yours = cr?.arn ? ctx.e.profiles.find((p) => p.identityArn && sameIdentity(p.identityArn, cr.arn!))?.name : ctx.creatorProfile;
  return { ...(cr?.arn ? { arn: cr.arn } : {}), ...(cr?.source ? { source: cr.source } : {}), isThisIdentity: isThis, ...(yours ? { isOneOfYourProfiles: yours } : {}) };
}

/** The rules over gathered evidence (pure). */
export function diagnoseEvidence(e: Evidence): Diagnosis {
  const ctx = buildContext(e);
  const causes = orderCauses([...credentialRules(ctx), ...clusterRules(ctx), ...kubectlRules(ctx), ...mappingRules(ctx), ...staleEntryRules(ctx), ...accessRules(ctx)].filter((c) => !foreignCluster(ctx) || !GRANTS.has(c.code)));
  const unknowns = unknownsOf(ctx);
  if (!causes.length) {
    // Nothing the rules recognise: say so with what was seen, rather than guess.
    causes.push({
      code: FALLBACK[outcomeOf(e)],
      title: 'No rule explains this result',
      detail: `The cell's outcome is ${outcomeOf(e)}${e.cell?.message ? ` (${e.cell.message})` : ''}, and no known cause fits the evidence. See the unknowns for what could not be checked.`,
      evidence: [e.cell ? `probe: ${e.cell.outcome} ${e.cell.message ?? ''}` : 'no probe result', ...unknowns.map(unknownPointer)],
    });
  }
  if (unknowns.length && causes[0] && MAPPING_CODES.has(causes[0].code)) causes[0].evidence.push(...unknowns.map(unknownPointer));
  const c = e.cluster;
  const identity = e.profileView.identity;
  const k = e.kubectl;
  return {
    profile: e.profile,
    cluster: { name: c?.name ?? e.clusterName, region: c?.region ?? e.region, arn: c?.arn ?? e.clusterArnHint ?? clusterArnOf({ region: e.region, account: identity?.account ?? '', name: e.clusterName }) },
    ...(identity ? { identity: { arn: identity.arn, canonicalArn: identity.canonicalArn } } : {}),
    ...(k?.arn ? { kubectlIdentity: { arn: k.arn, via: k.context ? `context ${k.context.name}${k.exec ? ` (${[k.exec.command, ...k.exec.args].join(' ')}${k.exec.env.length ? `; ${k.exec.env.map((v) => `${v.name}=${v.value}`).join(' ')}` : ''})` : ''}` : k.via } } : {}),
    outcome: outcomeOf(e),
    causes,
    fixes: fixesForCauses(causes, ctx),
    creator: creatorOf(ctx),
    unknowns,
  };
}

/** The UI's entry: a cell of the matrix (profile × cluster ARN). */
export async function diagnoseCell(profile: string, clusterArn: string, deps: DiagnoseDeps): Promise<{ diagnosis: Diagnosis; evidence: Evidence }> {
  const arn = parseClusterArn(clusterArn);
  if (!arn) throw new DiagnoseArgumentError(`not an EKS cluster ARN: ${clusterArn}`);
  return diagnose({ profile, cluster: arn.name, region: arn.region }, deps);
}

/** Gathers the evidence and diagnoses. Throws UnknownProfileError for an unknown profile. */
export async function diagnose(req: DiagnoseRequest, deps: DiagnoseDeps): Promise<{ diagnosis: Diagnosis; evidence: Evidence }> {
  const evidence = await gatherEvidence(req, deps);
  return { diagnosis: diagnoseEvidence(evidence), evidence };
}
