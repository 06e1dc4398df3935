// The command line answers like aws, kubectl and eksctl: --help lists every command, <command> --help says
// what it does with every flag and an example, and an unknown command exits 2 with the list — never a stack.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { runCli } from '../../electron/cli.js';
import { COMMAND_HELP } from '../../electron/cli/catalog.js';
import { cleanEnv, run } from '../helpers/run.js';
import { tempAwsHome } from '../app/support.js';

const BIN = path.resolve(__dirname, '../../bin/eks-access-doctor.cjs');

async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('CLI help', () => {
  it('--help lists every command with one line each, on stdout, exit 0', async () => {
    const r = await run(BIN, ['--help'], cleanEnv());
    expect(r.code).toBe(0);
    for (const [name, help] of Object.entries(COMMAND_HELP)) expect(r.stdout).toMatch(new RegExp(`^  ${name} +${help.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect(r.stdout).toMatch(/Run "eks-access-doctor <command> --help"/);
  });

  for (const name of Object.keys(COMMAND_HELP)) {
    it(`${name} --help says what it does, every flag of its usage, and an example`, async () => {
      const r = await cli([name, '--help']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      const help = COMMAND_HELP[name as keyof typeof COMMAND_HELP];
      expect(r.stdout.split('\n')[0]).toBe(`${name}: ${help.summary}`);
      const flagSection = r.stdout.slice(r.stdout.indexOf('Flags:'), r.stdout.indexOf('Example:'));
      for (const flag of help.usage.match(/--[a-z-]+/g) ?? []) expect(flagSection, flag).toMatch(new RegExp(`^  ${flag}\\b`, 'm'));
      expect(r.stdout).toMatch(/Example:\n {2}eks-access-doctor /);
    });
  }

  it('an unknown command exits 2 with one line naming every command, prototype names included, no stack trace', async () => {
    const list = `commands: ${Object.keys(COMMAND_HELP).join(', ')}; see eks-access-doctor --help`;
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'get-svc']) {
      const r = await cli([name]);
      expect(r.code, name).toBe(2);
      expect(r.stderr).toBe(`error: unknown command "${name}" (${list})\n`);
    }
    const none = await cli([]);
    expect(none).toMatchObject({ code: 2, stderr: `error: a command is required (${list})\n` });
  });

  it('a bad flag exits 2 with one line that quotes the usage from the same table', async () => {
    const r = await cli(['diagnose', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`usage: ${COMMAND_HELP.diagnose.usage}`);
  });

  it('profiles without --json prints a header row and the words of the Profiles page', async () => {
    const { env } = tempAwsHome({ config: '[profile keys]\nregion = eu-west-1\n', credentials: '[keys]\naws_access_key_id = AKIA0000000000000001\naws_secret_access_key = verySecret\n' });
    const r = await cli(['profiles'], env);
    expect(r.code).toBe(0);
    const [header, row] = r.stdout.split('\n');
    expect(header).toMatch(/^PROFILE\s+STATUS\s+TYPE\s+REGION\s+IDENTITY OR PROBLEM$/);
    expect(row).toMatch(/^keys\s+Error\s+Access keys\s+eu-west-1\s+\S/);
    expect(r.stdout).not.toMatch(/\bstatic\b|verySecret/);
  });
});
