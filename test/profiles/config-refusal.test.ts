// Config files as the real aws CLI reads them, against the sandbox: a duplicate section makes the aws CLI refuse
// the whole file, so the app shows that error on every row, in the matrix, and the diagnosis says the credentials
// are missing;
// a profile named with non-ASCII letters is accepted by the aws CLI, and listed and usable in the app.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { runAws } from '../helpers/aws-cli.js';
import { sandboxEnv } from '../app/support.js';

let sandbox: SandboxHandle;
let configFile: string;
let credentialsFile: string;
let originalConfig: string;
let originalCredentials: string;

beforeAll(async () => {
  sandbox = await startSandbox('sandbox/scenarios/no-kubeconfig-entry.yaml');
  configFile = sandbox.env.AWS_CONFIG_FILE!;
  credentialsFile = sandbox.env.AWS_SHARED_CREDENTIALS_FILE!;
  originalConfig = readFileSync(configFile, 'utf8');
  originalCredentials = readFileSync(credentialsFile, 'utf8');
});
afterEach(() => {
  writeFileSync(configFile, originalConfig);
  writeFileSync(credentialsFile, originalCredentials);
});
afterAll(async () => {
  await sandbox?.stop();
});

const env = () => sandboxEnv({ ...sandbox.env, LANG: 'C.UTF-8' });

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { env: env(), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** The real aws CLI, in the sandbox's state directory. */
const aws = (args: string[]) => runAws(args, { home: sandbox.env.HOME!, env: { ...env(), AWS_PAGER: '' } as Record<string, string> });

type ProfileRow = { name: string; status: string; error?: string; identity?: { arn: string } };

/** julia's static keys from the sandbox's credentials file. */
function juliaKeys(): string {
  const section = /\[julia\]\n([^[]*)/.exec(originalCredentials)?.[1];
  expect(section).toMatch(/aws_access_key_id = AKIA/);
  return section!.trim();
}

describe('a file the aws CLI refuses', () => {
  const cases = [
    { file: 'config' as const, edit: () => writeFileSync(configFile, `${originalConfig}\n[profile julia]\nregion = eu-west-1\n`), header: 'profile julia' },
    { file: 'credentials' as const, edit: () => writeFileSync(credentialsFile, `${originalCredentials}\n[web-admin]\naws_access_key_id = AKIAOTHER0000000001\n`), header: 'web-admin' },
  ];
  for (const c of cases) {
    it(`a duplicate section in the ${c.file} file: every row shows the aws CLI's error, with the line and the section`, async () => {
      // Before: the profiles are valid.
      const fine = JSON.parse((await cli(['profiles', '--json'])).stdout) as { profiles: ProfileRow[] };
      expect(fine.profiles.map((p) => [p.name, p.status])).toEqual([['julia', 'valid'], ['web-admin', 'valid']]);

      c.edit();
      const path = c.file === 'config' ? configFile : credentialsFile;
      const text = readFileSync(path, 'utf8').split('\n');
      const first = text.indexOf(`[${c.header}]`) + 1;
      const again = text.lastIndexOf(`[${c.header}]`) + 1;
      expect(again).toBeGreaterThan(first);

      // The real aws CLI refuses the whole file, for every profile.
      for (const profile of ['julia', 'web-admin']) {
        const real = await aws(['sts', 'get-caller-identity', '--profile', profile]);
        expect(real.code).not.toBe(0);
        expect(real.stderr).toContain(`Unable to parse config file: ${path}`);
      }

      const r = await cli(['profiles', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { profiles: ProfileRow[]; problems: Array<{ file: string; line: number; message: string }> };
      expect(out.profiles.map((p) => p.name)).toEqual(['julia', 'web-admin']);
      const error = `ConfigParseError: Unable to parse config file: ${path}, line ${again}: section [${c.header}] already exists (first on line ${first}). The aws CLI refuses every profile until this is fixed`;
      for (const p of out.profiles) expect(p, p.name).toMatchObject({ status: 'error', error });
      expect(out.problems).toContainEqual(expect.objectContaining({ file: path, line: again, message: `section [${c.header}] already exists (first on line ${first}): the aws CLI refuses the whole file` }));

      // The matrix says why it found nothing: every profile's credentials failed, with the file's error.
      const m = await cli(['matrix', '--regions', 'us-east-1', '--json']);
      expect(m.code, m.stderr).toBe(0);
      const matrix = JSON.parse(m.stdout) as { cells: unknown[]; discovery: { profileErrors: Array<{ profile: string; status: string; code: string; message: string }> } };
      expect(matrix.cells).toEqual([]);
      expect(matrix.discovery.profileErrors.map((e) => [e.profile, `${e.code}: ${e.message}`])).toEqual([['julia', error], ['web-admin', error]]);

      // The diagnosis of a cell: credentials missing, with the reason — not a valid profile.
      const d = await cli(['diagnose', '--profile', 'julia', '--cluster', 'web-prod', '--region', 'us-east-1', '--json']);
      expect(d.code, d.stderr).toBe(0);
      const diagnosis = JSON.parse(d.stdout) as { causes: Array<{ code: string; detail: string }> };
      expect(diagnosis.causes[0]).toMatchObject({ code: 'CREDENTIALS_MISSING', detail: expect.stringContaining(`Unable to parse config file: ${path}, line ${again}`) });
    }, 120_000);
  }

  it('a duplicate key is refused the same way; a key repeated in another section is not', async () => {
    writeFileSync(configFile, `${originalConfig}\n[profile extra]\nregion = us-east-1\nREGION = us-west-2\n`);
    const real = await aws(['sts', 'get-caller-identity', '--profile', 'julia']);
    expect(real.stderr).toContain(`Unable to parse config file: ${configFile}`);
    const out = JSON.parse((await cli(['profiles', '--json'])).stdout) as { profiles: ProfileRow[] };
    for (const p of out.profiles) expect(p.error, p.name).toMatch(/^ConfigParseError: .*: region is set twice in \[profile extra\] \(first on line \d+\)/);

    writeFileSync(configFile, `${originalConfig}\n[profile extra]\nregion = us-east-1\n`);
    expect((await aws(['sts', 'get-caller-identity', '--profile', 'julia'])).code).toBe(0);
    const fine = JSON.parse((await cli(['profiles', '--json'])).stdout) as { profiles: ProfileRow[] };
    expect(fine.profiles.find((p) => p.name === 'julia')).toMatchObject({ status: 'valid' });
  }, 120_000);
});

describe('profile names with non-ASCII letters', () => {
  it('are listed and usable, as the aws CLI uses them', async () => {
    writeFileSync(configFile, `${originalConfig}\n[profile café]\nregion = us-east-1\n${juliaKeys()}\n\n[profile 开发]\nregion = us-east-1\n`);
    writeFileSync(credentialsFile, `${originalCredentials}\n[开发]\n${juliaKeys()}\n`);
    for (const profile of ['café', '开发']) {
      const real = await aws(['sts', 'get-caller-identity', '--profile', profile, '--output', 'json']);
      expect(real.code, real.stderr).toBe(0);
      expect(JSON.parse(real.stdout).Arn).toBe('arn:aws:iam::111122223333:user/julia');
    }
    const r = await cli(['profiles', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { profiles: ProfileRow[] };
    const by = Object.fromEntries(out.profiles.map((p) => [p.name, p]));
    for (const name of ['café', '开发']) expect(by[name], name).toMatchObject({ status: 'valid', identity: { arn: 'arn:aws:iam::111122223333:user/julia' } });
    const token = await cli(['token', '--profile', 'café', '--cluster', 'web-prod', '--region', 'us-east-1']);
    expect(token.code, token.stderr).toBe(0);
    expect(JSON.parse(token.stdout).status.token).toMatch(/^k8s-aws-v1\./);
  }, 120_000);
});
