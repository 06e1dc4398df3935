// The command table: every command's flags (their type, the word shown for the value, what they do), one line of
// what it does, and an example. The parser, the usage line of every error and `--help` are all derived from it,
// so they cannot disagree. Loaded by every start of the CLI (`token` and `--help` too): data only, no imports.

export interface FlagSpec {
  type: 'string' | 'boolean';
  /** The placeholder shown for the value (`--profile P`); none for a boolean. */
  value?: string;
  /** Given more than once (`--group G`…). */
  multiple?: true;
  /** Missing → a usage error (`--profile is required`), with this hint when a string. */
  required?: true | string;
  what: string;
}

export interface CommandSpec {
  summary: string;
  flags: Record<string, FlagSpec>;
  /** A positional argument (`decode-token TOKEN`); commands without one refuse positionals. */
  positional?: { name: string; what: string };
  /** Flags that exclude each other, shown as `[--a | --b]` in the usage line. */
  either?: [string, string];
  example: string;
}

const PROFILE: FlagSpec = { type: 'string', value: 'P', required: true, what: 'the AWS profile (a name from ~/.aws/config or ~/.aws/credentials)' };
const CLUSTER: FlagSpec = { type: 'string', value: 'NAME', required: true, what: 'the EKS cluster name' };
const REGION: FlagSpec = { type: 'string', value: 'R', what: "the cluster's region (default: the profile's region)" };
const JSON_FLAG: FlagSpec = { type: 'boolean', what: 'print JSON for scripts instead of text' };
const YES = (what: string): FlagSpec => ({ type: 'boolean', what: `${what}; without it only the preview is printed` });

export const COMMANDS = {
  contexts: {
    summary: 'what your kubectl does, context by context: the identity it really signs in as, and whether it gets in',
    flags: { json: JSON_FLAG },
    example: 'eks-access-doctor contexts',
  },
  profiles: {
    summary: 'every AWS profile, the identity it really is, and whether it works',
    flags: { json: JSON_FLAG },
    example: 'eks-access-doctor profiles',
  },
  matrix: {
    summary: 'every profile against every cluster the profiles can find: who gets in where',
    flags: {
      profiles: { type: 'string', value: 'a,b', what: 'only these profiles (default: all)' },
      'sso-session': { type: 'string', value: 'NAME', what: 'also every account × role of this IAM Identity Center sign-in, as rows (writes no file)' },
      regions: { type: 'string', value: 'r1,r2', what: 'only these regions (default: the profiles’ regions)' },
      'all-regions': { type: 'boolean', what: 'every region EKS runs in' },
      concurrency: { type: 'string', value: 'N', what: 'Kubernetes checks at once' },
      'aws-concurrency': { type: 'string', value: 'N', what: 'AWS calls at once' },
      'timeout-ms': { type: 'string', value: 'N', what: 'how long one check may take' },
      json: JSON_FLAG,
    },
    either: ['regions', 'all-regions'],
    example: 'eks-access-doctor matrix --regions us-east-1 --json',
  },
  diagnose: {
    summary: 'why a profile cannot use a cluster: the causes with their evidence, and the fixes',
    flags: { profile: PROFILE, cluster: CLUSTER, region: REGION, json: JSON_FLAG },
    example: 'eks-access-doctor diagnose --profile developer --cluster prod',
  },
  fix: {
    summary: 'applies a fix that diagnose offered (a preview without --yes), then checks again with kubectl',
    flags: {
      profile: PROFILE,
      cluster: CLUSTER,
      fix: { type: 'string', value: 'ID', required: 'the fix ids come from `diagnose`', what: 'the fix id diagnose printed' },
      region: REGION,
      'admin-profile': { type: 'string', value: 'Q', what: 'a profile allowed to change who has access (for grants; default: the first that can)' },
      group: { type: 'string', value: 'G', multiple: true, what: 'a Kubernetes group for the aws-auth mapping (repeatable; default: a read-only group bound to ClusterRole view)' },
      policy: { type: 'string', value: 'NAME', what: 'access for an access entry: view (the default), edit, admin or cluster-admin' },
      namespace: { type: 'string', value: 'NS', multiple: true, what: 'limit the access policy to this namespace (repeatable)' },
      'repair-invalid': { type: 'boolean', what: 'allow rewriting an aws-auth entry that does not parse' },
      'switch-mode': { type: 'boolean', what: 'allow switching the cluster to access entries (one way)' },
      yes: YES('apply'),
      json: JSON_FLAG,
    },
    example: 'eks-access-doctor fix --profile developer --cluster prod --fix create-access-entry --admin-profile admin --policy view --yes',
  },
  'update-kubeconfig': {
    summary: 'writes kubectl’s entry for a cluster as `aws eks update-kubeconfig` does, with a preview and a backup',
    flags: {
      profile: PROFILE,
      cluster: CLUSTER,
      region: REGION,
      'role-arn': { type: 'string', value: 'ARN', what: 'kubectl assumes this role to get its token' },
      'assume-role-arn': { type: 'string', value: 'ARN', what: 'describe the cluster as this role (a cluster in another account)' },
      alias: { type: 'string', value: 'A', what: 'the context name (default: the cluster ARN)' },
      'user-alias': { type: 'string', value: 'U', what: 'the user entry name (default: the cluster ARN)' },
      kubeconfig: { type: 'string', value: 'FILE', what: 'the file to write (default: the first file of KUBECONFIG, or ~/.kube/config)' },
      'pin-profile': { type: 'boolean', what: 'also pass --profile to the token command, so AWS_* keys in your shell cannot replace the profile' },
      'keep-current-context': { type: 'boolean', what: "add or replace the entry without changing kubectl's current context" },
      'use-app-token': { type: 'boolean', what: "kubectl gets its token from this app's token command (no aws CLI needed)" },
      verbose: { type: 'boolean', what: 'also print the entries written' },
      'dry-run': { type: 'boolean', what: 'print the change, write nothing' },
      json: JSON_FLAG,
    },
    example: 'eks-access-doctor update-kubeconfig --profile developer --cluster prod --dry-run',
  },
  'sso-accounts': {
    summary: 'every account × role an IAM Identity Center sign-in may use, and the profile that already uses it',
    flags: {
      session: { type: 'string', value: 'NAME', required: true, what: 'an [sso-session NAME] section of ~/.aws/config, signed in (aws sso login --sso-session NAME)' },
      json: JSON_FLAG,
    },
    example: 'eks-access-doctor sso-accounts --session my-company --json',
  },
  'sso-profiles': {
    summary: 'saves the account × roles of a sign-in as profiles, in a block of ~/.aws/config the app owns (a preview without --yes)',
    flags: {
      session: { type: 'string', value: 'NAME', required: true, what: 'an [sso-session NAME] section of ~/.aws/config, signed in' },
      prefix: { type: 'string', value: 'P', what: 'put P in front of every profile name' },
      only: { type: 'string', value: 'ACCOUNT/ROLE,…', what: 'only these (account ID or name / role name; default: all)' },
      yes: YES('write'),
      json: JSON_FLAG,
    },
    example: 'eks-access-doctor sso-profiles --session my-company --prefix sso- --yes',
  },
  restore: {
    summary: 'undoes one change the app made (an aws-auth edit, an access-entry grant or a kubeconfig write) from its backup',
    flags: {
      backup: { type: 'string', value: 'ID', required: true, what: 'the backup id that fix or update-kubeconfig printed (or the path of its record file)' },
      yes: YES('restore'),
      json: JSON_FLAG,
    },
    example: 'eks-access-doctor restore --backup kubeconfig-2026-12-07T00-31-02-123Z-a1b2c3 --yes',
  },
  token: {
    summary: 'prints a token for kubectl, as `aws eks get-token` does (cached until a minute before it expires)',
    // The same flags as electron/token/cached-token.ts's TOKEN_OPTIONS (its cache hit is served before this table loads).
    flags: {
      profile: { type: 'string', value: 'P', what: 'the AWS profile (default: AWS_PROFILE, then "default", as the aws CLI picks it)' },
      cluster: { type: 'string', value: 'NAME', what: 'the EKS cluster name (required, unless --cluster-id)' },
      'cluster-id': { type: 'string', value: 'ID', what: 'a local cluster on AWS Outposts, by its ID (instead of --cluster)' },
      region: REGION,
      'role-arn': { type: 'string', value: 'ARN', what: 'assume this role first' },
      'no-cache': { type: 'boolean', what: 'sign a new token and leave the cache alone' },
    },
    either: ['cluster', 'cluster-id'],
    example: 'eks-access-doctor token --profile developer --cluster prod',
  },
  'decode-token': {
    summary: 'what an EKS token says (STS host, region, key id, date), without its secrets',
    flags: { json: JSON_FLAG },
    positional: { name: 'TOKEN', what: 'the token (k8s-aws-v1.…), as kubectl sends it' },
    example: 'eks-access-doctor decode-token k8s-aws-v1.aHR0cHM6Ly9…',
  },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

function flagWord(name: string, f: FlagSpec): string {
  return `--${name}${f.value ? ` ${f.value}` : ''}${f.multiple ? '…' : ''}`;
}

/** `diagnose --profile P --cluster NAME [--region R] [--json]`: required flags bare, the others in brackets. */
function usageOf(name: CommandName): string {
  const spec: CommandSpec = COMMANDS[name];
  const words: string[] = [name, ...(spec.positional ? [spec.positional.name] : [])];
  for (const [flag, f] of Object.entries(spec.flags)) {
    if (spec.either?.[1] === flag) continue;
    if (spec.either?.[0] === flag) {
      const other = spec.either[1];
      words.push(`[${flagWord(flag, f)} | ${flagWord(other, spec.flags[other]!)}]`);
    } else words.push(f.required ? flagWord(flag, f) : `[${flagWord(flag, f)}]`);
  }
  return words.join(' ');
}

/** Each command's words for a person: what it does, its usage line, each flag, an example. */
export const COMMAND_HELP = Object.fromEntries(
  (Object.keys(COMMANDS) as CommandName[]).map((name) => {
    const spec: CommandSpec = COMMANDS[name];
    const flags: [string, string][] = [
      ...(spec.positional ? [[spec.positional.name, spec.positional.what] as [string, string]] : []),
      ...Object.entries(spec.flags).map(([flag, f]): [string, string] => [flagWord(flag, f), f.what]),
    ];
    return [name, { summary: spec.summary, usage: usageOf(name), flags, example: spec.example }];
  }),
) as Record<CommandName, { summary: string; usage: string; flags: [string, string][]; example: string }>;

export function usageLine(command: CommandName): string {
  return `usage: ${COMMAND_HELP[command].usage}`;
}

/** The commands in one line, for an error message. */
export function commandList(): string {
  return `commands: ${Object.keys(COMMANDS).join(', ')}; see eks-access-doctor --help`;
}

/** `eks-access-doctor --help`: every command, one line each. */
export function overview(): string {
  const names = Object.keys(COMMANDS) as CommandName[];
  const width = Math.max(...names.map((n) => n.length));
  const lines = names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n].summary}`);
  return [
    'EKS Access Doctor: why kubectl says "You must be logged in to the server (Unauthorized)", and the fix.',
    '',
    'usage: eks-access-doctor <command> [flags]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "eks-access-doctor <command> --help" for its flags and an example.',
    'Exit codes: 0 done, 2 bad arguments, 1 anything else.',
    '',
  ].join('\n');
}

/** `eks-access-doctor <command> --help`. */
export function commandHelp(command: CommandName): string {
  const h = COMMAND_HELP[command];
  const width = Math.max(...h.flags.map(([f]) => f.length));
  return [
    `${command}: ${h.summary}`,
    '',
    `usage: eks-access-doctor ${h.usage}`,
    '',
    'Flags:',
    ...h.flags.map(([f, what]) => `  ${f.padEnd(width)}  ${what}`),
    '',
    'Example:',
    `  ${h.example}`,
    '',
  ].join('\n');
}
