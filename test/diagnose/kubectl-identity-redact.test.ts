// What the kubectl-identity evidence may show: exec env values, args and plugin stderr with secrets masked.
import { describe, expect, it } from 'vitest';
import { credentialEnvOverrides, execEnvironment, execInfo } from '../../electron/kubeconfig/exec-env.js';
import { startedFromGui } from '../../electron/diagnose/exec-login-path.js';
import { MASK, redact, redactArgs, redactBounded, redactEnvEntries } from '../../shared/redact.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('redaction', () => {
  it('masks secret env values by name or by look, keeps profile names', () => {
    expect(
      redactEnvEntries([
        { name: 'AWS_PROFILE', value: 'admin' },
        { name: 'AWS_SECRET_ACCESS_KEY', value: SECRET },
        { name: 'AWS_SESSION_TOKEN', value: 'short' },
        { name: 'SOMETHING', value: 'k8s-aws-v1.abc' },
      ]),
    ).toEqual([
      { name: 'AWS_PROFILE', value: 'admin' },
      { name: 'AWS_SECRET_ACCESS_KEY', value: MASK },
      { name: 'AWS_SESSION_TOKEN', value: MASK },
      { name: 'SOMETHING', value: `k8s-aws-v1.${MASK}` },
    ]);
  });

  it('masks the value of secret flags in args, not ARNs or names', () => {
    expect(redactArgs(['--role', 'arn:aws:iam::111122223333:role/a', '--token', 'abc', '--password=xyz', '--profile', 'p'])).toEqual([
      '--role',
      'arn:aws:iam::111122223333:role/a',
      '--token',
      MASK,
      `--password=${MASK}`,
      '--profile',
      'p',
    ]);
  });

  it('masks tokens and keys in free text, keeps error codes and key ids readable', () => {
    const text = `InvalidClientTokenId: The security token included in the request is invalid. aws_secret_access_key = ${SECRET} "SessionToken": "IQoJb3JpZ2luX2Vj" k8s-aws-v1.aHR0cHM6Ly9zdHM AKIAERINOLDKEY000001 Authorization: Bearer eyJhbGciOi.x.y`;
    const out = redact(text);
    expect(out).toContain('InvalidClientTokenId: The security token included in the request is invalid.');
    for (const secret of [SECRET, 'IQoJb3JpZ2luX2Vj', 'aHR0cHM6Ly9zdHM', 'eyJhbGciOi']) expect(out).not.toContain(secret);
    expect(out).toContain('AKIAERINOLDKEY000001');
    expect(redactBounded(`\n  ${'x'.repeat(3000)}  \n`).length).toBeLessThanOrEqual(2001);
  });
});

describe('plugin environment', () => {
  it('exec env entries win over the inherited env; PATH can be replaced; exec info is set', () => {
    const env = execEnvironment({ AWS_PROFILE: 'shell', PATH: '/gui', HOME: '/h' }, [{ name: 'AWS_PROFILE', value: 'exec' }], 'client.authentication.k8s.io/v1beta1', '/login:/gui');
    expect(env).toMatchObject({ AWS_PROFILE: 'exec', PATH: '/login:/gui', HOME: '/h', KUBERNETES_EXEC_INFO: execInfo('client.authentication.k8s.io/v1beta1') });
    expect(JSON.parse(env.KUBERNETES_EXEC_INFO!)).toEqual({ kind: 'ExecCredential', apiVersion: 'client.authentication.k8s.io/v1beta1', spec: { interactive: false } });
  });

  it('env keys override AWS_PROFILE unless the aws CLI gets --profile', () => {
    const env = { AWS_PROFILE: 'admin', AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't' };
    expect(credentialEnvOverrides(env, 'aws', ['eks', 'get-token'])).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);
    expect(credentialEnvOverrides(env, '/usr/local/bin/aws', ['eks', 'get-token', '--profile', 'admin'])).toEqual([]);
    expect(credentialEnvOverrides({ AWS_PROFILE: 'admin', AWS_ACCESS_KEY_ID: 'AKIA' }, 'aws', [])).toEqual([]);
  });

  it('guesses a GUI start from the absence of a terminal', () => {
    expect(startedFromGui({ PATH: '/usr/bin' }, 'darwin', false)).toBe(true);
    expect(startedFromGui({ TERM: 'xterm-256color' }, 'darwin', false)).toBe(false);
    expect(startedFromGui({}, 'linux', true)).toBe(false);
    expect(startedFromGui({}, 'win32', false)).toBe(false);
  });
});
