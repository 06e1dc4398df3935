// The identity is valid but the cluster says 401: how does (or doesn't) it map? Reasoned like the authenticator:
// access entries (API modes), then aws-auth (CONFIG_MAP modes) by canonical ARN, and who else gets in.
import { identityKey, parsePrincipal } from '../../shared/arn.js';
import { arnOfLogLine } from './gather-logs.js';
import { cause, cellLines, cellWorks, type RankedCause, type RuleContext } from './context.js';
import type { MalformedKey } from '../authmap/aws-auth-read.js';
import { humanMappings, isMapped, type AwsAuthEntry } from './match.js';
import { creatorUnknownListed } from './unknowns.js';

function entryText(x: AwsAuthEntry): string {
  return `${x.key} ${x.arn} → username ${x.username || '(none)'}, groups [${x.groups.join(', ')}]`;
}


/** The lines every mapping cause shows: who, which mode, what access entries and aws-auth say, the log. */
export function mappingLines(ctx: RuleContext): string[] {
  const { e } = ctx;
  const c = e.cluster!;
  const lines = [`identity: ${ctx.identityArn}${ctx.canonicalArn !== ctx.identityArn ? ` → EKS matches ${ctx.canonicalArn}` : ''}`, `authentication mode: ${c.authenticationMode ?? 'unknown'}`];
  if (c.authenticationMode === 'CONFIG_MAP') lines.push('access entries: not used in CONFIG_MAP mode');
  else if (e.accessEntries?.ok) lines.push(ctx.entry ? `access entry: ${ctx.entry.principalArn}` : `access entries (${e.accessEntries.value.length}): none for ${ctx.canonicalArn}${e.accessEntries.value.length ? ` — ${e.accessEntries.value.map((x) => x.principalArn).join(', ')}` : ''}`);
  else if (e.accessEntries) lines.push(`access entries: unknown — ListAccessEntries failed (${e.accessEntries.failure.code}) for every profile`);
  if (e.awsAuth?.ok) {
    const parsed = e.awsAuth.value.parsed;
    const all = [...parsed.roles.values()].map((r) => r.rolearn).concat([...parsed.users.values()].map((u) => u.userarn));
    lines.push(`aws-auth (read with profile ${e.awsAuth.via}): ${e.awsAuth.value.data ? `${all.length} entr${all.length === 1 ? 'y' : 'ies'}${all.length ? ` — ${all.join(', ')}` : ''}${parsed.accounts.size ? `; mapAccounts ${[...parsed.accounts].join(', ')}` : ''}${parsed.malformed.length ? `; ignored as malformed: ${parsed.malformed.map((m) => m.key).join(', ')}` : ''}` : 'the ConfigMap does not exist'}`);
  } else if (e.awsAuth) lines.push(`aws-auth: unknown — reading it failed with profile ${e.awsAuth.via} (${e.awsAuth.failure.code})`);
  else lines.push('aws-auth: unknown — none of your profiles may read kube-system/aws-auth');
  if (e.logs?.ok) {
    const mine = e.logs.value.identityLines;
    lines.push(mine.length ? `authenticator log: ${mine[0]}` : `authenticator log: no line for ${ctx.canonicalArn}`);
  } else if (e.cluster && !e.cluster.logTypes.includes('authenticator')) lines.push('authenticator log: off (logging type "authenticator" is not enabled)');
  return lines;
}

/** "Re-create the IAM user x (path /team/) in account N": the creator's real kind, path and name. */
export function recreateCreatorText(arn: string | undefined): string {
  const p = arn ? parsePrincipal(arn) : undefined;
  if (!p || (p.kind !== 'user' && p.kind !== 'role')) return "Re-create the creator's IAM user or role with exactly the same name and path, and sign in with it";
  return `Re-create the IAM ${p.kind} ${p.name}${p.path ? ` with the path ${p.path}` : ''} in account ${p.account} and sign in with it`;
}

function creatorLine(ctx: RuleContext): string {
  const cr = ctx.e.creator;
  // The unknowns say where the app looked, once.
  if (!cr?.arn) return creatorUnknownListed(ctx) ? 'cluster creator: unknown' : `cluster creator: unknown (${cr?.notes.join('; ') || 'no source answered'})`;
  const you = identityKey(cr.arn) === identityKey(ctx.canonicalArn);
  return `cluster creator: ${cr.arn} (from ${cr.source}) — ${you ? 'that is this identity' : 'not this identity'}`;
}

function malformedLines(m: MalformedKey): string[] {
  return [
    `aws-auth ${m.key} is malformed and ignored as a whole: ${m.reason}`,
    ...(m.line ? [`${m.key} line ${m.line}${m.column ? `, column ${m.column}` : ''}: ${m.text.split('\n')[m.line - 1]?.trim() ?? ''}`] : []),
    ...(m.ignored.length ? [`${m.key} entries ignored with it: ${m.ignored.map((i) => i.arn).join(', ')}`] : []),
  ];
}

function malformedDetail(ctx: RuleContext, m: MalformedKey, named: boolean): string {
  const what = m.reason.startsWith('not valid YAML') ? 'is not valid YAML' : m.reason.startsWith('not a YAML list') ? 'is not a YAML list' : 'has an item that does not decode';
  return named
    ? `aws-auth ${m.key} names ${ctx.canonicalArn}, but the key ${what}, so the authenticator ignores every entry in it. Repair ${m.key} (the app can, with your consent and a backup); the identity is unmapped until then.`
    : `Nothing in aws-auth maps ${ctx.canonicalArn}, and ${m.key} ${what}: the authenticator ignores every entry in it, so whatever it was meant to map — possibly this identity — maps nobody. Repair ${m.key} first, then check whether the identity is mapped.`;
}

export function mappingRules(ctx: RuleContext): RankedCause[] {
  const { e } = ctx;
  if (!e.cluster || !ctx.canonicalArn || e.cell?.outcome !== 'UNAUTHORIZED' || e.profileView.status !== 'valid') return [];
  const out: RankedCause[] = [];
  const mode = e.cluster.authenticationMode;
  const a = ctx.analysis;
  const lines = mappingLines(ctx);
  if (ctx.entry) return out;
  if (mode === 'API' && a && (a.exact || a.withPath || a.sessionArn || a.account)) {
    const named = a.exact ?? a.withPath ?? a.sessionArn;
    out.push(
      cause(
        'CONFIGMAP_IGNORED',
        `${e.cluster.name} uses authentication mode API, which ignores aws-auth; ${ctx.canonicalArn} is mapped only there${named ? ` (${named.arn})` : ''} and has no access entry. Create an access entry for it (the mode cannot go back to CONFIG_MAP).`,
        [...lines, named ? `aws-auth entry (ignored): ${entryText(named)}` : `aws-auth mapAccounts lists ${a.account} (ignored)`],
        10,
      ),
    );
    return out;
  }
  if (mode !== 'API' && a) {
    // A key the authenticator ignores as a whole, and that names this identity: it would have mapped it.
    if (!isMapped(a)) {
      for (const n of a.malformedNaming) out.push(cause('AWS_AUTH_INVALID', malformedDetail(ctx, n.malformed, true), [...lines, ...malformedLines(n.malformed), `${n.malformed.key} line ${n.line} names this identity: ${n.text}`], 11));
    }
    if (a.withPath) {
      const p = parsePrincipal(a.withPath.arn);
      out.push(
        cause(
          'MAPPED_WITH_PATH',
          `aws-auth maps ${a.withPath.arn}, with the IAM path ${p?.path}, but the authenticator compares ${ctx.canonicalArn} — role ARNs from a token never carry a path${p?.path.startsWith('/aws-reserved/') ? ' (IAM Identity Center roles live under /aws-reserved/sso.amazonaws.com/)' : ''}. Map the role ARN without the path.`,
          [...lines, `aws-auth entry with path: ${entryText(a.withPath)}`, `path that breaks the match: ${p?.path}`],
          12,
        ),
      );
    }
    if (a.sessionArn) {
      out.push(
        cause(
          'MAPPED_SESSION_ARN',
          `aws-auth maps the session ARN ${a.sessionArn.arn}, as printed by get-caller-identity, but the authenticator matches the role ARN ${ctx.canonicalArn}. Map the role ARN instead.`,
          [...lines, `aws-auth entry with a session ARN: ${entryText(a.sessionArn)}`],
          13,
        ),
      );
    }
    if (a.nearMisses.length) {
      out.push(
        cause(
          'MAPPING_NEAR_MISS',
          `aws-auth has ${a.nearMisses.map((n) => `${n.entry.arn} (${n.why})`).join(' and ')}, which is almost ${ctx.canonicalArn}. Only an exact ARN matches, so the identity is not mapped.`,
          [...lines, ...a.nearMisses.map((n) => `near miss: ${entryText(n.entry)} — ${n.why}`)],
          14,
        ),
      );
    }
  }
  if (out.length || (a && isMapped(a) && mode !== 'API')) return out;

  // Not mapped at all. Who else gets in decides the branch (the article's: are you the creator?).
  const k = e.kubectl;
  const kubectlFails = k?.context && k.arn && !e.cells.some((c) => cellWorks(c) && identityKey(e.profiles.find((p) => p.name === c.profile)?.identityArn) === identityKey(k.arn));
  const humans = e.awsAuth?.ok ? humanMappings(e.awsAuth.value.parsed) : undefined;
  // Access entries of anyone but the creator (its bootstrap entry): by the creator's ARN when known, else by creation time.
  const creatorArn = identityKey(e.creator?.arn);
  const isBootstrap = (x: { principalArn: string; createdAt?: string }) => (creatorArn ? identityKey(x.principalArn) === creatorArn : x.createdAt === e.cluster!.createdAt);
  const otherEntries = e.accessEntries?.ok ? e.accessEntries.value.filter((x) => !isBootstrap(x)) : mode === 'CONFIG_MAP' ? [] : undefined;
  const onlyCreator = humans !== undefined && humans.length === 0 && otherEntries !== undefined && otherEntries.length === 0;
  const nobodyIn = e.cells.every((c) => !cellWorks(c) && c.outcome !== 'FORBIDDEN');
  const creatorSilent = (e.logs?.ok && e.logs.value.creatorLines.length === 0) || (e.creator?.arn && !e.profiles.some((p) => identityKey(p.identityArn) === identityKey(e.creator!.arn)));
  // Nothing maps it and nothing names it, but a key is ignored as a whole: what it meant cannot be known, and it
  // may well have been this identity's mapping (a text that does not parse can hide an ARN in another spelling).
  const malformed = e.awsAuth?.ok && mode !== 'API' ? e.awsAuth.value.parsed.malformed : [];
  for (const m of malformed) out.push(cause('AWS_AUTH_INVALID', malformedDetail(ctx, m, false), [...lines, ...malformedLines(m)], 14.5));
  if (ctx.creatorProfile && kubectlFails && onlyCreator) {
    const creatorCell = e.cells.find((c) => c.profile === ctx.creatorProfile)!;
    out.push(
      cause(
        'KUBECONFIG_IDENTITY_MISMATCH',
        `You created this cluster: your profile ${ctx.creatorProfile} signs in as ${creatorCell.username} (the creator's admin mapping), and nobody else was ever given access. But kubectl's entry presents ${k!.arn}, which nothing maps — point the entry at profile ${ctx.creatorProfile}.`,
        [
          `kubectl's entry ${k!.context!.name} presents ${k!.arn}${ctx.kubectlProfile ? ` (profile ${ctx.kubectlProfile})` : ''}`,
          `profile ${ctx.creatorProfile}: ${creatorCell.outcome} as ${creatorCell.username}`,
          creatorLine(ctx),
          ...lines,
        ],
        15,
      ),
    );
  }
  // In the access-entry modes a profile that may call the EKS access-entry API can still add an entry: not gone.
  if (nobodyIn && creatorSilent && !ctx.entryWriter) {
    const deadKeys = e.profiles.filter((p) => p.status === 'invalid').map((p) => `${p.name} (${p.error?.code})`);
    out.push(
      cause(
        'CREATOR_GONE',
        `None of your ${e.profiles.length} profiles is accepted by ${e.cluster.name}, and its creator${e.creator?.arn ? ` ${e.creator.arn}` : ''} — the only implicit administrator in ${mode} mode — no longer signs in. ${recreateCreatorText(e.creator?.arn)}, or open an AWS Support case to recover access.`,
        [
          ...cellLines(e),
          creatorLine(ctx),
          deadKeys.length ? `profiles whose keys AWS no longer accepts (a deleted user or key): ${deadKeys.join(', ')}` : '',
          ...lines,
        ],
        16,
      ),
    );
  }
  const confirmed = (e.logs?.ok && e.logs.value.identityLines.some((l) => /not mapped/i.test(l) && arnOfLogLine(l))) || (a !== undefined && (mode === 'CONFIG_MAP' || e.accessEntries?.ok));
  out.push(
    cause(
      'NOT_MAPPED',
      `${ctx.canonicalArn} is a valid identity, but ${mode === 'API' ? 'no access entry' : mode === 'CONFIG_MAP' ? 'no aws-auth entry' : 'neither an access entry nor an aws-auth entry'} maps it${confirmed ? '' : ' (as far as the evidence goes — see the unknowns)'}. ${ctx.adminProfile ? `An administrator (your profile ${ctx.adminProfile} is one) must add it.` : ctx.entryWriter ? `Your profile ${ctx.entryWriter} may call the EKS access-entry API (it listed the entries), so it can add an access entry for it${nobodyIn ? ', even though nobody gets in to the cluster itself' : ''}.` : 'An administrator of the cluster must add it.'}`,
      [...lines, creatorLine(ctx)],
      17,
    ),
  );
  return out;
}
