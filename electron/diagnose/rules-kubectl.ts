// kubectl's side: is there an entry for the cluster, can its exec plugin run, does it point at the current
// endpoint and CA, and which identity does it really present?
import { identityKey } from '../../shared/arn.js';
import { cause, type RankedCause, type RuleContext } from './context.js';

const CREDENTIAL_TROUBLE = /expired|sso|mfa|token code|InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken|Unable to locate credentials|AccessDenied|could not be found|profile/i;


/** What kubectl's entry does when its exec names a profile the AWS config lacks (the "Your kubectl" page says it too). */
export function missingProfileSentence(profile: string): string {
  return `kubectl's entry for the cluster asks for profile ${profile}, which your AWS config does not define, so its token helper fails.`;
}

export function kubectlRules(ctx: RuleContext): RankedCause[] {
  const { e } = ctx;
  const k = e.kubectl;
  if (!k || !e.cluster) return [];
  // Broken kubectl matters most when the identity itself gets in: then it is all that stands in the way.
  const base = ctx.works ? 4 : 24;
  const out: RankedCause[] = [];
  const ctxLine = k.context ? `kubeconfig context ${k.context.name} in ${k.context.file} (found by ${k.context.matchedBy}${k.context.isCurrent ? ', the current context' : ''})` : '';
  const execLine = k.exec ? `exec: ${k.exec.command} ${k.exec.args.join(' ')}${k.exec.env.length ? ` with ${k.exec.env.map((v) => `${v.name}=${v.value}`).join(' ')}` : ''} (apiVersion ${k.exec.apiVersion || 'none'})` : '';
  const f = k.failure;
  if (f?.kind === 'no-context') {
    const usesKubectl = e.kubeconfigProfiles?.includes(e.profile) ?? false;
    out.push(
      cause(
        'NO_KUBECONFIG_ENTRY',
        `No kubeconfig context talks to ${e.cluster.arn}${k.currentContext ? `; kubectl's current context is ${k.currentContext}, so plain kubectl talks to that cluster instead` : ''}. "aws eks update-kubeconfig" adds the entry and makes it current.`,
        [f.message, usesKubectl ? `your kubeconfig uses profile ${e.profile} for other clusters` : `no kubeconfig entry uses profile ${e.profile}`],
        base,
      ),
    );
  }
  if (f?.kind === 'exec-missing' && k.exec && /^aws(\.exe|\.cmd)?$/i.test(k.exec.command.split(/[\\/]/).pop() ?? '')) {
    out.push(cause('EXEC_PLUGIN_BROKEN', `kubectl's entry runs the aws CLI to get its token, but aws is not installed here (${f.message}). Without a token kubectl cannot sign in; this app's own token command can take its place.`, [ctxLine, execLine, f.message], base + 1));
  } else if (f && ['invalid-api-version', 'exec-missing', 'invalid-exec-config', 'bad-output'].includes(f.kind)) {
    out.push(cause('EXEC_PLUGIN_BROKEN', `${f.message}. kubectl gets no token from the plugin, so it cannot sign in to the cluster.`, [ctxLine, execLine, f.stderr ? `plugin stderr: ${f.stderr.trim().split('\n').at(-1)}` : ''], base + 1));
  }
  if (f?.kind === 'exec-failed' && !CREDENTIAL_TROUBLE.test(`${f.message} ${f.stderr ?? ''}`)) {
    out.push(cause('EXEC_PLUGIN_BROKEN', `The token helper failed: ${f.message}. kubectl gets no token from it, so it cannot sign in.`, [ctxLine, execLine, f.stderr ? `plugin stderr: ${f.stderr.trim().split('\n').at(-1)}` : ''], base + 1));
  }
  if (f?.kind === 'kubeconfig-invalid') {
    out.push(cause('NO_KUBECONFIG_ENTRY', `${f.message}. kubectl refuses to run with a malformed kubeconfig, so it has no usable entry for this cluster; fix the file (the app never overwrites a malformed one).`, [f.message], base));
  }
  if (f?.kind === 'not-exec') {
    out.push(cause('EXEC_PLUGIN_BROKEN', `${f.message}. EKS accepts only IAM tokens made fresh by the exec plugin ("aws eks get-token"), so rewrite the entry with update-kubeconfig.`, [ctxLine, f.message], base + 1));
  }
  const s = e.server;
  if (s && (!s.serverMatches || s.caMatches === false)) {
    out.push(
      cause(
        'KUBECONFIG_STALE',
        `The kubeconfig entry ${!s.serverMatches ? `sends kubectl to ${s.kubeconfigServer}, but the cluster's endpoint is ${s.clusterEndpoint}` : "holds another CA certificate than the cluster's"}${!s.serverMatches && s.caMatches === false ? ', and its CA certificate is not the cluster\'s either' : ''}. The cluster was re-created or changed; rewriting the entry with update-kubeconfig fixes it.`,
        [ctxLine, `kubeconfig server: ${s.kubeconfigServer}`, `DescribeCluster endpoint: ${s.clusterEndpoint}`, `CA matches: ${s.caMatches === null ? `unknown (${s.caProblem ?? 'no CA'})` : s.caMatches}`],
        base + 2,
      ),
    );
  }
  const presented = identityKey(k.arn);
  const intended = ctx.kubectlProfile;
  const intendedArn = identityKey(intended === e.profile ? ctx.canonicalArn : e.profiles.find((p) => p.name === intended)?.identityArn);
  if (k.envOverrides.length && intended && (!presented || !intendedArn || presented !== intendedArn)) {
    out.push(
      cause(
        'ENV_CREDENTIALS_OVERRIDE',
        `The kubeconfig asks for profile ${intended}, but ${k.envOverrides.join(' and ')} in the environment take precedence over AWS_PROFILE, so the token is signed ${k.arn ? `as ${k.arn}` : 'with other keys'}${intendedArn ? ` instead of ${intendedArn}` : ''}. Unset them, or pin the profile with --profile in the exec args.`,
        [ctxLine, execLine, `environment variables overriding the profile: ${k.envOverrides.join(', ')}`, k.arn ? `kubectl's token resolves to ${k.arn}` : f ? `kubectl's token: ${f.message}` : '', intendedArn ? `profile ${intended} is ${intendedArn}` : ''],
        base + 3,
      ),
    );
  } else if (intended === e.profile && presented && ctx.canonicalArn && presented !== identityKey(ctx.canonicalArn)) {
    // The entry names this very profile, yet presents someone else (a --role-arn in the args, a credential_process …).
    out.push(
      cause(
        'KUBECONFIG_IDENTITY_MISMATCH',
        `kubectl's entry asks for profile ${e.profile} but its token resolves to ${k.arn}, not ${ctx.identityArn}${k.exec?.args.includes('--role-arn') ? ' (the exec args add --role-arn)' : ''}. Rewrite the entry so it presents the identity you tested.`,
        [ctxLine, execLine, `kubectl's token resolves to ${k.arn}`, `profile ${e.profile} is ${ctx.identityArn}`],
        base + 3,
      ),
    );
  } else if (f?.kind === 'sts-rejected' && intended && intended !== e.profile && !k.envOverrides.length) {
    out.push(
      cause(
        'KUBECONFIG_IDENTITY_MISMATCH',
        `kubectl's entry for the cluster uses profile ${intended}, not ${e.profile}, and AWS rejects that profile's token (${f.code ?? 'rejected'}). Point the entry at profile ${e.profile} with update-kubeconfig.`,
        [ctxLine, execLine, `kubectl's token: ${f.message}`],
        // When this profile is refused too, its own result comes first; when it gets in, kubectl's entry is what fails.
        ctx.works ? base + 3 : 21,
      ),
    );
  } else if (f?.kind === 'exec-failed' && intended && intended !== e.profile && CREDENTIAL_TROUBLE.test(`${f.message} ${f.stderr ?? ''}`)) {
    const missing = !e.profiles.some((p) => p.name === intended);
    out.push(
      cause(
        'KUBECONFIG_IDENTITY_MISMATCH',
        missing
          ? `${missingProfileSentence(intended)} Point the entry at profile ${e.profile} with update-kubeconfig.`
          : `kubectl's entry for the cluster uses profile ${intended}, not ${e.profile}, and that profile gives no credentials (${f.message}). Point the entry at profile ${e.profile} with update-kubeconfig.`,
        [ctxLine, execLine, `kubectl's token helper: ${f.message}`, f.stderr ? `plugin stderr: ${f.stderr.trim().split('\n').at(-1)}` : ''],
        ctx.works ? base + 3 : 21,
      ),
    );
  } else if (ctx.works && presented && ctx.canonicalArn && presented !== identityKey(ctx.canonicalArn)) {
    out.push(
      cause(
        'KUBECONFIG_IDENTITY_MISMATCH',
        `This profile gets in, but kubectl's entry for the cluster presents ${k.arn}${intended ? ` (profile ${intended})` : ''}, not ${ctx.identityArn}. To use this profile with kubectl, point the entry at it with update-kubeconfig --profile ${e.profile}.`,
        [ctxLine, execLine, `kubectl's token resolves to ${k.arn}`, `profile ${e.profile} is ${ctx.identityArn}`],
        base + 3,
      ),
    );
  }
  const tokenFor = tokenClusterOf(k.exec?.args ?? []);
  if (tokenFor && tokenFor !== e.cluster.name && !out.some((c) => c.code === 'KUBECONFIG_STALE')) {
    // A user entry written for another cluster and shared: the token names that cluster, so this one refuses it.
    out.push(
      cause(
        'KUBECONFIG_STALE',
        `kubectl's entry for ${e.cluster.name} uses the user entry ${k.context?.user ?? ''} written for cluster ${tokenFor}: its tokens name ${tokenFor}, and ${e.cluster.name} refuses a token made for another cluster. Rewriting the entry with update-kubeconfig gives this cluster its own user entry.`,
        [ctxLine, execLine, `the exec args make tokens for cluster ${tokenFor}, not ${e.cluster.name}`],
        base + 2,
      ),
    );
  }
  // The profile gets in but kubectl's entry fails in a way no rule above names: still kubectl's cause, never OK.
  if (ctx.works && f && !out.length) {
    out.push(cause('EXEC_PLUGIN_BROKEN', `kubectl's entry for the cluster does not work: ${f.message}. The profile itself gets in, so what fails is the entry's token helper.`, [ctxLine, execLine, f.stderr ? `plugin stderr: ${f.stderr.trim().split('\n').at(-1)}` : ''], base + 1));
  }
  return out;
}

/** The cluster name an exec plugin's args make tokens for (aws eks get-token, aws-iam-authenticator token). */
function tokenClusterOf(args: string[]): string | undefined {
  for (const flag of ['--cluster-name', '--cluster-id', '-i']) {
    const i = args.indexOf(flag);
    if (i >= 0 && args[i + 1]) return args[i + 1];
    const joined = args.find((a) => a.startsWith(`${flag}=`));
    if (joined) return joined.slice(flag.length + 1);
  }
  return undefined;
}
