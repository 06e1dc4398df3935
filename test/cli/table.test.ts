// The CLI is another host of the app's handlers: its commands come from one table (flags, usage, help), its
// checks are the contract's schemas (the app's words for the same mistake), and a contract error code picks the exit code.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli.js';
import { COMMANDS } from '../../electron/cli/catalog.js';
import { exitCodeOf } from '../../electron/cli/result.js';
import { dispatch } from '../../electron/dispatch.js';
import { TOKEN_OPTIONS } from '../../electron/token/cached-token.js';

async function cli(argv: string[]) {
  let stderr = '';
  const code = await runCli(argv, { env: { PATH: process.env.PATH }, stdout: () => undefined, stderr: (t) => (stderr += t) });
  return { code, stderr };
}

/** What the app's own transports answer for the same request. */
async function appMessage(channel: string, request: unknown): Promise<string> {
  const envelope = await dispatch({ [channel]: async () => ({}) }, channel, request);
  if (envelope.ok) throw new Error(`${channel} accepted ${JSON.stringify(request)}`);
  expect(envelope.error.code).toBe('INVALID_REQUEST');
  return envelope.error.message.replace(/^invalid request for [\w.]+: [\w.]+: /, '');
}

const A = 'arn:aws:eks:us-east-1:111122223333:cluster/prod';

describe('the command table', () => {
  it("token's flags are the ones its cache-hit stage parses before the table loads", () => {
    const table = Object.fromEntries(Object.entries(COMMANDS.token.flags).map(([k, f]) => [k, { type: f.type }]));
    expect(table).toEqual(TOKEN_OPTIONS);
  });

  it.each([
    [['fix', '--profile', 'p', '--cluster', 'prod', '--fix', 'map-identity', '--namespace', 'Bad_NS'], 'grant.plan', { profile: 'p', clusterArn: A, fixId: 'map-identity', adminProfile: 'a', namespaces: ['Bad_NS'] }],
    [['fix', '--profile', 'p', '--cluster', 'prod', '--fix', 'Map Identity'], 'grant.plan', { profile: 'p', clusterArn: A, fixId: 'Map Identity', adminProfile: 'a' }],
    [['matrix', '--concurrency', '0'], 'matrix.start', { concurrency: 0 }],
    [['matrix', '--regions', 'mars'], 'matrix.start', { regions: ['mars'] }],
    [['update-kubeconfig', '--profile', 'p', '--cluster', 'prod', '--role-arn', 'arn:aws:iam::1:role/x'], 'kubeconfig.plan', { profile: 'p', clusterArn: A, roleArn: 'arn:aws:iam::1:role/x' }],
    [['sso-accounts', '--session', 'a b'], 'identityCenter.identities', { session: 'a b' }],
  ])('%j is refused with the words the app uses for %s (exit 2, one line)', async (argv, channel, request) => {
    const r = await cli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    const words = (await appMessage(channel as string, request)).replace(/^\w+ (?=must )/, '');
    expect(r.stderr).toContain(words);
    expect(r.stderr).toContain(`(usage: ${argv[0]} `);
  });

  it('maps contract error codes to exit codes: the caller’s mistakes 2, the rest 1', () => {
    for (const code of ['INVALID_REQUEST', 'PROFILE_NOT_FOUND', 'FIX_NOT_APPLICABLE', 'UNKNOWN_BACKUP']) expect(exitCodeOf(code), code).toBe(2);
    for (const code of ['PLAN_FAILED', 'APPLY_FAILED', 'DIAGNOSIS_FAILED', 'INTERNAL']) expect(exitCodeOf(code), code).toBe(1);
  });
});
