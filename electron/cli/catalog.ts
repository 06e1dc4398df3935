// Every command of the CLI as a person reads it in `--help`: one line of what it does, its usage, each flag,
// and an example. The command modules take their usage line from here, so help and errors say the same thing.
// Loaded by every start of the CLI: data only, no imports.

export interface CommandHelp {
  summary: string;
  usage: string;
  flags: [flag: string, what: string][];
  example: string;
}

const PROFILE: [string, string] = ['--profile P', 'the AWS profile (a name from ~/.aws/config or ~/.aws/credentials)'];
const CLUSTER: [string, string] = ['--cluster NAME', 'the EKS cluster name'];
const REGION: [string, string] = ['--region R', "the cluster's region (default: the profile's region)"];
const JSON_FLAG: [string, string] = ['--json', 'print JSON for scripts instead of text'];

export const COMMAND_HELP = {
  contexts: {
    summary: 'what your kubectl does, context by context: the identity it really signs in as, and whether it gets in',
    usage: 'contexts [--json]',
    flags: [JSON_FLAG],
    example: 'eks-access-doctor contexts',
  },
  profiles: {
    summary: 'every AWS profile, the identity it really is, and whether it works',
    usage: 'profiles [--json]',
    flags: [JSON_FLAG],
    example: 'eks-access-doctor profiles',
  },
  matrix: {
    summary: 'every profile against every cluster the profiles can find: who gets in where',
    usage: 'matrix [--profiles a,b] [--regions r1,r2 | --all-regions] [--concurrency N] [--aws-concurrency N] [--timeout-ms N] [--json]',
    flags: [
      ['--profiles a,b', 'only these profiles (default: all)'],
      ['--regions r1,r2', 'only these regions (default: the profiles’ regions)'],
      ['--all-regions', 'every region EKS runs in'],
      ['--concurrency N', 'Kubernetes checks at once'],
      ['--aws-concurrency N', 'AWS calls at once'],
      ['--timeout-ms N', 'how long one check may take'],
      JSON_FLAG,
    ],
    example: 'eks-access-doctor matrix --regions us-east-1 --json',
  },
  diagnose: {
    summary: 'why a profile cannot use a cluster: the causes with their evidence, and the fixes',
    usage: 'diagnose --profile P --cluster NAME [--region R] [--json]',
    flags: [PROFILE, CLUSTER, REGION, JSON_FLAG],
    example: 'eks-access-doctor diagnose --profile developer --cluster prod',
  },
  fix: {
    summary: 'applies a fix that diagnose offered (a preview without --yes), then checks again with kubectl',
    usage: 'fix --profile P --cluster NAME --fix ID [--region R] [--admin-profile Q] [--group G]... [--policy NAME] [--namespace NS]... [--repair-invalid] [--switch-mode] [--yes] [--json]',
    flags: [
      PROFILE,
      CLUSTER,
      ['--fix ID', 'the fix id diagnose printed'],
      REGION,
      ['--admin-profile Q', 'a profile allowed to change who has access (for grants)'],
      ['--group G', 'a Kubernetes group for a new aws-auth mapping (repeatable)'],
      ['--policy NAME', 'access for an access entry: view, edit, admin or cluster-admin'],
      ['--namespace NS', 'limit the access policy to this namespace (repeatable)'],
      ['--repair-invalid', 'allow rewriting an aws-auth entry that does not parse'],
      ['--switch-mode', 'allow switching the cluster to access entries (one way)'],
      ['--yes', 'apply; without it only the preview is printed'],
      JSON_FLAG,
    ],
    example: 'eks-access-doctor fix --profile developer --cluster prod --fix create-access-entry --admin-profile admin --policy view --yes',
  },
  'update-kubeconfig': {
    summary: 'writes kubectl’s entry for a cluster as `aws eks update-kubeconfig` does, with a preview and a backup',
    usage: 'update-kubeconfig --profile P --cluster NAME [--region R] [--role-arn ARN] [--alias A] [--user-alias U] [--kubeconfig FILE] [--pin-profile] [--keep-current-context] [--use-app-token] [--dry-run] [--json]',
    flags: [
      PROFILE,
      CLUSTER,
      REGION,
      ['--role-arn ARN', 'kubectl assumes this role to get its token'],
      ['--alias A', 'the context name (default: the cluster ARN)'],
      ['--user-alias U', 'the user entry name (default: the cluster ARN)'],
      ['--kubeconfig FILE', 'the file to write (default: the first file of KUBECONFIG, or ~/.kube/config)'],
      ['--pin-profile', 'also pass --profile to the token command, so AWS_* keys in your shell cannot replace the profile'],
      ['--keep-current-context', "add or replace the entry without changing kubectl's current context"],
      ['--use-app-token', "kubectl gets its token from this app's token command (no aws CLI needed)"],
      ['--dry-run', 'print the change, write nothing'],
      JSON_FLAG,
    ],
    example: 'eks-access-doctor update-kubeconfig --profile developer --cluster prod --dry-run',
  },
  restore: {
    summary: 'undoes one change the app made (an aws-auth edit, an access-entry grant or a kubeconfig write) from its backup',
    usage: 'restore --backup ID [--yes] [--json]',
    flags: [
      ['--backup ID', 'the backup id that fix or update-kubeconfig printed'],
      ['--yes', 'restore; without it only the preview is printed'],
      JSON_FLAG,
    ],
    example: 'eks-access-doctor restore --backup kubeconfig-2026-12-07T00-31-02-123Z-a1b2c3 --yes',
  },
  token: {
    summary: 'prints a token for kubectl, as `aws eks get-token` does (cached until a minute before it expires)',
    usage: 'token [--profile P] --cluster NAME [--region R] [--role-arn ARN] [--no-cache]',
    flags: [
      ['--profile P', 'the AWS profile (default: AWS_PROFILE, then "default", as the aws CLI picks it)'],
      CLUSTER,
      REGION,
      ['--role-arn ARN', 'assume this role first'],
      ['--no-cache', 'sign a new token and leave the cache alone'],
    ],
    example: 'eks-access-doctor token --profile developer --cluster prod',
  },
  'decode-token': {
    summary: 'what an EKS token says (STS host, region, key id, date), without its secrets',
    usage: 'decode-token TOKEN [--json]',
    flags: [JSON_FLAG],
    example: 'eks-access-doctor decode-token k8s-aws-v1.aHR0cHM6Ly9…',
  },
} satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof COMMAND_HELP;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_HELP, name);
}

export function usageLine(command: CommandName): string {
  return `usage: ${COMMAND_HELP[command].usage}`;
}

/** The commands in one line, for an error message. */
export function commandList(): string {
  return `commands: ${Object.keys(COMMAND_HELP).join(', ')}; see eks-access-doctor --help`;
}

/** `eks-access-doctor --help`: every command, one line each. */
export function overview(): string {
  const names = Object.keys(COMMAND_HELP) as CommandName[];
  const width = Math.max(...names.map((n) => n.length));
  const lines = names.map((n) => `  ${n.padEnd(width)}  ${COMMAND_HELP[n].summary}`);
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
  const h: CommandHelp = COMMAND_HELP[command];
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
