// credential_process as the aws CLI runs it: the line split into words (never a shell), the JSON it prints read
// as Version 1, and a deadline that ends a helper which never answers together with everything it started.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CredentialFailure, MfaSessionStore, resolveCredentials } from '../../electron/profiles/credentials.js';
import { loadProfiles } from '../../electron/profiles/load.js';
import { defaultProfilesDeps } from '../../electron/profiles/service.js';
import { splitPosix, splitWindows } from '../../electron/process/split-command-line.js';
import { runAws } from '../helpers/aws-cli.js';
import { hangingHelper, helperGone } from '../helpers/hanging-helper.js';
import { tempAwsHome } from '../app/support.js';

const LINES = [
  'helper',
  '/opt/bin/helper --profile dev',
  'helper; touch X',
  'helper && rm -rf ~ || echo $(id) `id` > out | cat',
  `"/Program Files/helper" 'single quoted' "double \\"q\\" \\\\ \\$HOME"`,
  `a\\ b c\\\\d 'it''s' "" ''`,
  'one\ttwo   three\nfour',
  'C:\\Tools\\helper.exe --arg "C:\\Path With Space\\\\" x\\\\\\"y',
  'mix"ed quo"tes \\"escaped',
];

/** What botocore does with each line: shlex.split on POSIX, compat._windows_shell_split on Windows. */
function botocoreSplits(lines: string[]): { posix: (string[] | 'error')[]; windows: (string[] | 'error')[] } {
  const program = `
import json, shlex, sys
from botocore.compat import _windows_shell_split
def attempt(f, s):
    try: return f(s)
    except ValueError: return 'error'
lines = json.load(sys.stdin)
print(json.dumps({'posix': [attempt(shlex.split, l) for l in lines], 'windows': [attempt(_windows_shell_split, l) for l in lines]}))
`;
  // botocore is the aws CLI's own library; its python is the one `aws` runs on.
  const awsPython = readFileSync(execFileSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).trim().replace(/\n.*/s, ''), 'utf8').split('\n')[0]!;
  const python = awsPython.startsWith('#!') && !awsPython.includes('bash') && !awsPython.includes('/sh') ? awsPython.slice(2).trim().split(' ').pop()! : 'python3';
  return JSON.parse(execFileSync(python, ['-c', program], { input: JSON.stringify(lines), encoding: 'utf8' }));
}

function attempt(split: (s: string) => string[], line: string): string[] | 'error' {
  try {
    return split(line);
  } catch {
    return 'error';
  }
}

/** A helper that records the words it got, one a line, and prints credentials. */
function recordingHelper(dir: string): { script: string; log: string } {
  const script = path.join(dir, 'helper');
  const log = path.join(dir, 'argv.log');
  writeFileSync(
    script,
    `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > '${log}'\n` +
      `printf '{"Version": 1, "AccessKeyId": "AKIAPROCESS0000000001", "SecretAccessKey": "process-secret", "SessionToken": "tok", "Expiration": "2099-01-02T03:04:05Z"}'\n`,
  );
  chmodSync(script, 0o755);
  return { script, log };
}

async function resolveIn(config: string, profile: string, credentialTimeoutMs = 5000, extraEnv = {}) {
  const { home, env } = tempAwsHome({ config }, extraEnv);
  const deps = defaultProfilesDeps(env, { credentialTimeoutMs });
  const loaded = await loadProfiles(env);
  return { home, result: resolveCredentials(profile, loaded, deps, new MfaSessionStore()) };
}

/** `aws sts get-caller-identity` with the profile: it reads the credentials, then fails to reach port 9. */
function awsOn(config: string) {
  return runAws(['sts', 'get-caller-identity', '--profile', 'p'], {
    configText: config,
    endpoint: 'https://127.0.0.1:9',
    env: { AWS_MAX_ATTEMPTS: '1', AWS_RETRY_MODE: 'standard' },
  });
}

describe('splitting a credential_process line', () => {
  it('gives the words botocore gives, with POSIX and with Windows rules', () => {
    const expected = botocoreSplits(LINES);
    expect(LINES.map((l) => attempt(splitPosix, l))).toEqual(expected.posix);
    expect(LINES.map((l) => attempt(splitWindows, l))).toEqual(expected.windows);
  });

  it('refuses an unclosed quote or a trailing backslash, as shlex does', () => {
    expect(botocoreSplits(['a "b', "a 'b", 'a \\']).posix).toEqual(['error', 'error', 'error']);
    for (const line of ['a "b', "a 'b", 'a \\']) expect(() => splitPosix(line)).toThrow();
  });
});

describe('credential_process without a shell', () => {
  it('`helper && touch X` runs the helper with "&&", "touch", "X" as its arguments and never runs touch — like the aws CLI', async () => {
    const { home } = tempAwsHome({});
    const { script, log } = recordingHelper(home);
    const marker = path.join(home, 'X');
    const config = `[profile p]\ncredential_process = ${script} && touch ${marker} | $(touch ${marker}2)\n`;

    const ours = await (await resolveIn(config, 'p')).result;
    expect(ours).toMatchObject({ accessKeyId: 'AKIAPROCESS0000000001', secretAccessKey: 'process-secret', sessionToken: 'tok' });
    expect(ours.expiration?.toISOString()).toBe('2099-01-02T03:04:05.000Z');
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(`${marker}2`)).toBe(false);
    const oursArgv = readFileSync(log, 'utf8');
    expect(oursArgv).toBe(`&&\ntouch\n${marker}\n|\n$(touch\n${marker}2)\n`);

    // The real aws CLI on the same line: the helper gets the same words, and no touch runs either.
    writeFileSync(log, '');
    const aws = await awsOn(config);
    expect(aws.stderr).not.toMatch(/credential_process|custom-process/i);
    expect(readFileSync(log, 'utf8')).toBe(oursArgv);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(`${marker}2`)).toBe(false);
  });

  it('`helper; touch X` looks for a program named "helper;" and runs nothing — like the aws CLI', async () => {
    const { home } = tempAwsHome({});
    const { script, log } = recordingHelper(home);
    const marker = path.join(home, 'X');
    const config = `[profile p]\ncredential_process = ${script}; touch ${marker}\n`;
    const err = await (await resolveIn(config, 'p')).result.catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CredentialProcessFailed', message: `credential_process of profile "p": ${script}; was not found` });
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(log)).toBe(false);
    const aws = await awsOn(config);
    expect(aws.code).not.toBe(0);
    expect(aws.stderr).toContain(`${script};`);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(log)).toBe(false);
  });

  it.each([
    ['exits 1 with a reason', `echo 'token expired, run login' >&2; exit 1`, /failed with exit code 1: token expired, run login/],
    ['prints no JSON', `echo hello`, /did not print JSON/],
    ['prints Version 2', `echo '{"Version": 2, "AccessKeyId": "a", "SecretAccessKey": "b"}'`, /Version 2; the only supported version is 1/],
    ['prints no secret key', `echo '{"Version": 1, "AccessKeyId": "a"}'`, /printed no SecretAccessKey/],
    ['prints a bad Expiration', `echo '{"Version": 1, "AccessKeyId": "a", "SecretAccessKey": "b", "Expiration": "soon"}'`, /Expiration that is not an ISO 8601 time/],
  ])('a helper that %s: one clear line naming the profile', async (_what, body, message) => {
    const { home } = tempAwsHome({});
    const script = path.join(home, 'bad-helper');
    writeFileSync(script, `#!/bin/sh\n${body}\n`);
    chmodSync(script, 0o755);
    const err = await (await resolveIn(`[profile p]\ncredential_process = ${script}\n`, 'p')).result.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialFailure);
    expect((err as CredentialFailure).message).toMatch(/^credential_process of profile "p"/);
    expect((err as CredentialFailure).message).toMatch(message);
    expect((err as CredentialFailure).message).not.toContain('\n');
  });

  it('a helper that is not there, or an unclosed quote: named, not thrown raw', async () => {
    const missing = await (await resolveIn('[profile p]\ncredential_process = /nonexistent/helper --x\n', 'p')).result.catch((e: unknown) => e);
    expect((missing as CredentialFailure).message).toBe('credential_process of profile "p": /nonexistent/helper was not found');
    const unclosed = await (await resolveIn(`[profile p]\ncredential_process = helper "--x\n`, 'p')).result.catch((e: unknown) => e);
    expect((unclosed as CredentialFailure).message).toBe('credential_process of profile "p" cannot be split into words: No closing quotation');
  });
});

describe('a credential_process that never answers', () => {
  it('fails at the deadline with "did not answer within N s", and its whole group ends', async () => {
    const h = hangingHelper();
    const started = Date.now();
    const err = await (await resolveIn(`[profile stuck]\ncredential_process = ${h.script}\n`, 'stuck', 800)).result.catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(err).toBeInstanceOf(CredentialFailure);
    expect(err).toMatchObject({ code: 'Timeout', message: `credential_process of profile "stuck" (${h.script}) did not answer within 0.8 s` });
    expect(await helperGone(h)).toBe(true);
  });

  it('as the source of a role: the role fails at the same deadline, the helper ends', async () => {
    const h = hangingHelper();
    const config = `[profile stuck]\ncredential_process = ${h.script}\n\n[profile role]\nrole_arn = arn:aws:iam::111122223333:role/R\nsource_profile = stuck\n`;
    const started = Date.now();
    const err = await (await resolveIn(config, 'role', 800)).result.catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(err).toMatchObject({ code: 'Timeout', message: expect.stringContaining('did not answer within 0.8 s') });
    expect(await helperGone(h)).toBe(true);
  });

  it('a helper waiting for an answer at a prompt gets no terminal and ends at the deadline too', async () => {
    const { home } = tempAwsHome({});
    const script = path.join(home, 'prompting-helper');
    // Like a helper asking for a passphrase: reads the terminal, or stdin when there is none, until it gets a line.
    writeFileSync(script, `#!/bin/sh\nprintf 'Passphrase: ' >&2\nwhile :; do read -r line < /dev/tty 2>/dev/null && break; sleep 1; done\necho '{}'\n`);
    chmodSync(script, 0o755);
    const started = Date.now();
    const err = await (await resolveIn(`[profile ask]\ncredential_process = ${script}\n`, 'ask', 800)).result.catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(err).toMatchObject({ code: 'Timeout', message: expect.stringContaining('did not answer within 0.8 s') });
  });
});
