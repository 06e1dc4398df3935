// The headless identity-center commands against the sandbox's IAM Identity Center, checked with the real aws CLI:
// sso-accounts, matrix --sso-session (rows for identities without a profile, no file written), and sso-profiles
// (preview, the app's block, a clash, idempotence, text outside the block byte for byte).
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli.js';
import { redact } from '../../shared/redact.js';
import { runMatrix } from '../../electron/cli/matrix.js';
import { runSsoAccounts } from '../../electron/cli/sso-accounts.js';
import { runSsoProfiles } from '../../electron/cli/sso-profiles.js';
import { runRestoreCommand } from '../../electron/cli/restore.js';
import { BEGIN_LINE, END_LINE } from '../../electron/identity-center/config-section.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { cleanEnv, run } from '../helpers/run.js';
import { ACCOUNTS, ASSIGNMENTS, identityCenterScenario, SESSION, START_URL } from './scenario.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sandbox: SandboxHandle;
let env: Record<string, string | undefined>;
let configFile: string;
// A profile of the user's own whose name the app would otherwise pick for acme-dev's EKSDeveloper.
const USER_TEXT = '# my own settings\n[profile acme-dev-EKSDeveloper]\nregion = eu-west-1\noutput = json';

beforeAll(async () => {
  sandbox = await startSandbox(identityCenterScenario());
  env = { PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: 'true', ...sandbox.env };
  configFile = sandbox.env.AWS_CONFIG_FILE!;
  // No newline at the end: the app's block must still leave these bytes as they are.
  writeFileSync(configFile, readFileSync(configFile, 'utf8') + '\n' + USER_TEXT);
});
afterAll(async () => {
  await sandbox?.stop();
});

async function runCliCaptured(argv: string[]): Promise<string> {
  let out = '';
  const code = await runCli(argv, { env, stdout: (t) => (out += t), stderr: (t) => (out += t) });
  expect(code, out).toBe(0);
  return out;
}

const snapshot = () => ({
  config: readFileSync(configFile),
  kubeconfig: readFileSync(sandbox.env.KUBECONFIG!),
  cache: readdirSync(join(sandbox.env.HOME!, '.aws', 'sso', 'cache')).map((f) => readFileSync(join(sandbox.env.HOME!, '.aws', 'sso', 'cache', f), 'utf8')),
});

describe('sso-accounts and matrix --sso-session', () => {
  it('sso-accounts lists every account × role with its account name and the profile that already uses it', async () => {
    const r = await runSsoAccounts(['--session', SESSION, '--json'], { env });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.session).toBe(SESSION);
    expect(out.startUrl).toBe(START_URL);
    expect(out.accounts).toEqual(ASSIGNMENTS.map((a) => ({ ...a, profile: a.accountId === ACCOUNTS.prod && a.roleName === 'EKSDeveloper' ? 'prod-dev' : null })));
  });

  it('names a missing session (exit 2) and a missing sign-in (exit 1) in one line', async () => {
    const missing = await runSsoAccounts(['--session', 'nope', '--json'], { env });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe(`error: no [sso-session nope] section in ${configFile} (sessions there: ${SESSION})\n`);
    const signedOut = await runSsoAccounts(['--session', SESSION], { env: { ...env, HOME: '/nonexistent-home' } });
    expect(signedOut.exitCode).toBe(1);
    expect(signedOut.stderr).toMatch(/^error: no sign-in is cached for IAM Identity Center session "acme": sign in again .*\n$/);
  });

  it('matrix --sso-session scans every identity as a row, matching the scenario cell for cell, and writes nothing', async () => {
    const before = snapshot();
    const r = await runMatrix(['--sso-session', SESSION, '--json', '--timeout-ms', '8000'], { env });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    const rowOf = (accountId: string, roleName: string) => out.identities.find((i: { accountId: string; roleName: string }) => i.accountId === accountId && i.roleName === roleName).profile;
    expect(out.identities).toHaveLength(ASSIGNMENTS.length);
    expect(rowOf(ACCOUNTS.prod, 'EKSDeveloper')).toBe('prod-dev');
    // The user's own profile holds the plain name, so this identity's row carries the account ID.
    expect(rowOf(ACCOUNTS.dev, 'EKSDeveloper')).toBe(`acme-dev-${ACCOUNTS.dev}-EKSDeveloper`);
    expect([...out.profiles].sort()).toEqual(['owner', 'prod-dev', 'acme-dev-EKSDeveloper', ...out.identities.filter((i: { saved: boolean }) => !i.saved).map((i: { profile: string }) => i.profile)].sort());
    // The scenario's truth: EKSDeveloper is mapped to system:masters on prod, acme-dev's EKSDeveloper has the view
    // policy on dev, the creator is admin on prod; every other identity is unknown to both clusters.
    const truth = (row: string, cluster: string): string => {
      if (row === 'acme-dev-EKSDeveloper') return 'NO_CREDENTIALS';
      if (cluster === 'prod' && (row === 'prod-dev' || row === 'owner')) return 'ADMIN';
      if (cluster === 'dev' && row === rowOf(ACCOUNTS.dev, 'EKSDeveloper')) return 'ACCESS';
      return 'UNAUTHORIZED';
    };
    expect(out.clusters.map((c: { name: string }) => c.name).sort()).toEqual(['dev', 'prod']);
    const got = out.cells.map((c: { profile: string; clusterArn: string; outcome: string }) => `${c.profile} ${c.clusterArn.split('/')[1]} ${c.outcome}`).sort();
    const want = out.profiles.flatMap((p: string) => ['dev', 'prod'].map((c) => `${p} ${c} ${truth(p, c)}`)).sort();
    expect(got).toEqual(want);
    const after = snapshot();
    expect(after.config.equals(before.config)).toBe(true);
    expect(after.kubeconfig.equals(before.kubeconfig)).toBe(true);
    expect(after.cache).toEqual(before.cache);
  });

  it('matrix --sso-session reads the session once: the config changing while the portal answers leaves rows and identities agreeing', async () => {
    const original = readFileSync(configFile, 'utf8');
    expect(original).toContain('[profile prod-dev]');
    const world = sandbox.world;
    const assignmentsFor = world.ssoAssignmentsFor.bind(world);
    // While the portal lists the accounts, someone renames prod-dev (a read of the config after that one sees no prod-dev).
    world.ssoAssignmentsFor = (startUrl) => {
      writeFileSync(configFile, original.replace('[profile prod-dev]', '[profile prod-dev-renamed]'));
      return assignmentsFor(startUrl);
    };
    try {
      // A region without clusters: the rows are the point here, not the cells.
      const r = await runMatrix(['--sso-session', SESSION, '--regions', 'ap-south-1', '--json', '--timeout-ms', '8000'], { env });
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.identities.find((i: { accountId: string; roleName: string }) => i.accountId === ACCOUNTS.prod && i.roleName === 'EKSDeveloper')).toMatchObject({ profile: 'prod-dev', saved: true });
      expect(out.profiles).toContain('prod-dev');
      expect(out.identities).toHaveLength(ASSIGNMENTS.length);
    } finally {
      world.ssoAssignmentsFor = assignmentsFor;
      writeFileSync(configFile, original);
    }
  });
});

describe('sso-profiles', () => {
  it('--prefix and --only save just the chosen identities, in the app block at the end of the file', async () => {
    const before = readFileSync(configFile, 'utf8');
    const r = await runSsoProfiles(['--session', SESSION, '--prefix', 'sso-', '--only', `acme-data/ReadOnly,${ACCOUNTS.sandbox}/Admin`, '--yes', '--json'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).profiles.map((p: { name: string }) => p.name)).toEqual(['sso-acme-data-ReadOnly', 'sso-acme-sandbox-Admin']);
    const text = readFileSync(configFile, 'utf8');
    expect(text.startsWith(before)).toBe(true);
    expect(text.slice(before.length)).toBe(
      `\n\n${BEGIN_LINE}\n# Written by EKS Access Doctor, which rewrites this block: edit profiles outside it to keep your changes.\n` +
        '[profile sso-acme-data-ReadOnly]\nsso_session = acme\nsso_account_id = 777788889999\nsso_role_name = ReadOnly\nregion = us-east-1\n\n' +
        `[profile sso-acme-sandbox-Admin]\nsso_session = acme\nsso_account_id = ${ACCOUNTS.sandbox}\nsso_role_name = Admin\nregion = us-east-1\n${END_LINE}\n`,
    );
    // Printed through the CLI, names stay readable (the redaction policy masks long opaque runs, not names).
    const printed = await runCliCaptured(['sso-accounts', '--session', SESSION, '--json']);
    expect(JSON.parse(printed).accounts.map((a: { accountName: string }) => a.accountName)).toContain(ACCOUNTS.unnamed);
    expect(redact(`acme-dev-${ACCOUNTS.dev}-EKSDeveloper and aB3x-9Zq_Lw2kPp7-Yt4RmN8vQe1-Ks6Jd0Hf`)).toBe(`acme-dev-${ACCOUNTS.dev}-EKSDeveloper and ****`);
    const bad = await runSsoProfiles(['--session', SESSION, '--prefix', 'a b'], { env });
    expect(bad).toMatchObject({ exitCode: 2, stderr: 'error: --prefix: "a b" may hold only letters, digits, ".", "_" and "-" (usage: sso-profiles --session NAME [--prefix P] [--only ACCOUNT/ROLE,…] [--yes] [--json])\n' });
  });
  it('previews, writes the app block (a backup first), works with the aws CLI, and a second run changes nothing', async () => {
    const original = readFileSync(configFile);
    const userText = original.toString('utf8').slice(0, original.toString('utf8').indexOf(BEGIN_LINE)).replace(/\n+$/, '');
    const preview = JSON.parse((await runSsoProfiles(['--session', SESSION, '--json'], { env })).stdout);
    expect(preview).toMatchObject({ file: configFile, written: false, backup: null, preview: true });
    expect(preview.diff).toContain(`+[profile acme-dev-${ACCOUNTS.dev}-EKSDeveloper]\n+sso_session = acme\n`);
    expect(readFileSync(configFile).equals(original)).toBe(true);

    const r = await runSsoProfiles(['--session', SESSION, '--yes', '--json'], { env });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.file).toBe(configFile);
    expect(out.written).toBe(true);
    expect(readFileSync(out.backup).equals(original)).toBe(true);
    // Its undo names the file for what it is: the AWS config, not a kubeconfig.
    const undo = JSON.parse((await runRestoreCommand(['--backup', out.backupId, '--json'], { env })).stdout);
    expect(undo.subject).toMatch(new RegExp(`^the AWS config write to ${configFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} at `));
    const written = out.profiles.filter((p: { existing?: boolean }) => !p.existing);
    // The ones --prefix saved before are named, not saved a second time.
    expect(out.profiles.filter((p: { existing?: boolean }) => p.existing).map((p: { name: string }) => p.name)).toEqual(['prod-dev', 'sso-acme-data-ReadOnly', 'sso-acme-sandbox-Admin']);
    expect(written.map((p: { name: string }) => p.name)).toEqual([
      'acme-prod-ReadOnly',
      'acme-prod-Billing',
      'acme-prod-Admin',
      `acme-dev-${ACCOUNTS.dev}-EKSDeveloper`,
      `${ACCOUNTS.unnamed}-ReadOnly`,
    ]);
    expect(out.profiles[0]).toEqual({ name: 'prod-dev', accountId: ACCOUNTS.prod, roleName: 'EKSDeveloper', existing: true });

    // Everything outside the block is byte for byte what it was; the session section was reused, not repeated.
    const text = readFileSync(configFile, 'utf8');
    const begin = text.indexOf(BEGIN_LINE);
    const end = text.indexOf(END_LINE) + END_LINE.length + 1;
    expect(text.slice(0, begin).replace(/\n+$/, '') + text.slice(end)).toBe(userText);
    expect(text.slice(begin)).not.toContain('[sso-session');

    const cliEnv = cleanEnv(sandbox.env);
    const who = await Promise.all(written.map((p: { name: string }) => run('aws', ['--profile', p.name, 'sts', 'get-caller-identity', '--output', 'json'], cliEnv, 60_000)));
    written.forEach((p: { name: string; accountId: string; roleName: string }, i: number) => {
      expect(who[i]!.stderr, p.name).toBe('');
      expect(JSON.parse(who[i]!.stdout).Arn).toMatch(new RegExp(`^arn:aws:sts::${p.accountId}:assumed-role/AWSReservedSSO_${p.roleName}_[0-9a-f]{16}/sso-user@example\\.com$`));
    });

    const again = JSON.parse((await runSsoProfiles(['--session', SESSION, '--yes', '--json'], { env })).stdout);
    expect(again).toMatchObject({ written: false, backup: null });
    expect(again.profiles.map((p: { name: string }) => p.name)).toEqual(out.profiles.map((p: { name: string }) => p.name));
    expect(readFileSync(configFile, 'utf8')).toBe(text);
    expect(existsSync(`${configFile}.lock`)).toBe(false);
  });

});
