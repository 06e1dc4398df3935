// `token` against the installed aws CLI's `aws eks get-token` (awscli/customizations/eks/get_token.py), side by side:
// where the URL is signed (AWS_STS_REGIONAL_ENDPOINTS), which apiVersion answers KUBERNETES_EXEC_INFO and what is
// said on stderr, and --cluster-id. Both sign locally from keys in the environment: no network.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runToken } from '../../electron/cli/token.js';
import { cleanEnv, run } from '../helpers/run.js';

const home = mkdtempSync(path.join(tmpdir(), 'get-token-parity-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const base = {
  HOME: home,
  AWS_CONFIG_FILE: path.join(home, 'config'),
  AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_EC2_METADATA_DISABLED: 'true',
};

interface Signed { host: string; region: string; apiVersion: string; stderr: string }

function signedOf(stdout: string, stderr: string): Signed {
  const credential = JSON.parse(stdout) as { apiVersion: string; status: { token: string } };
  const url = new URL(Buffer.from(credential.status.token.slice('k8s-aws-v1.'.length), 'base64url').toString('utf8'));
  return { host: url.host, region: url.searchParams.get('X-Amz-Credential')!.split('/')[2], apiVersion: credential.apiVersion, stderr };
}

async function viaAwsCli(region: string, extra: Record<string, string>): Promise<Signed> {
  const r = await run('aws', ['eks', 'get-token', '--cluster-name', 'prod', '--region', region, '--output', 'json'], cleanEnv({ ...base, ...extra }));
  expect(r.code, r.stderr).toBe(0);
  return signedOf(r.stdout, r.stderr);
}

async function viaApp(region: string, extra: Record<string, string>, cluster = ['--cluster', 'prod']): Promise<Signed> {
  const r = await runToken([...cluster, '--region', region, '--no-cache'], { env: { ...base, ...extra } });
  expect(r.exitCode, r.stderr).toBe(0);
  return signedOf(r.stdout, r.stderr);
}

// [region, environment, what get-token does with it]
const CASES: Array<[string, Record<string, string>, string]> = [
  ['eu-west-1', { AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, 'legacy: a legacy region signs for sts.amazonaws.com in us-east-1'],
  ['ap-east-1', { AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, 'legacy: a region opened later keeps its regional endpoint'],
  ['eu-west-1', {}, 'default (regional): sts.eu-west-1.amazonaws.com'],
  ['us-east-1', { KUBERNETES_EXEC_INFO: '{"apiVersion":"client.authentication.k8s.io/v2"}' }, 'UNRECOGNIZED_MSG_TPL: falls back to v1beta1'],
  ['us-east-1', { KUBERNETES_EXEC_INFO: '{"apiVersion":"client.authentication.k8s.io/v1alpha1"}' }, 'DEPRECATION_MSG_TPL: answers v1alpha1'],
  ['us-east-1', { KUBERNETES_EXEC_INFO: '{not json' }, 'ERROR_MSG_TPL: falls back to v1beta1'],
];

describe('token signs and answers as aws eks get-token', () => {
  it('matches the installed aws CLI case by case', async () => {
    const cli = await Promise.all(CASES.map(([region, extra]) => viaAwsCli(region, extra)));
    for (const [i, [region, extra, why]] of CASES.entries()) {
      expect(await viaApp(region, extra), `${why} (${region}, ${JSON.stringify(extra)})`).toEqual(cli[i]);
    }
    // The table holds what it says it holds.
    expect(cli.slice(0, 3).map((s) => `${s.host} ${s.region}`)).toEqual([
      'sts.amazonaws.com us-east-1',
      'sts.ap-east-1.amazonaws.com ap-east-1',
      'sts.eu-west-1.amazonaws.com eu-west-1',
    ]);
    expect(cli[3]).toMatchObject({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      stderr: 'Unrecognized API version in KUBERNETES_EXEC_INFO, defaulting to client.authentication.k8s.io/v1beta1. This is likely due to an outdated AWS CLI. Please update your AWS CLI.\n',
    });
  }, 180_000);

  it('reads sts_regional_endpoints from the profile in the config file, and lets the environment variable win', async () => {
    const config = path.join(home, 'config-sts');
    writeFileSync(config, '[default]\nsts_regional_endpoints = legacy\n[profile pinned]\nsts_regional_endpoints = regional\n');
    // [environment, what get-token does with it]: the keys come from the environment; the settings from the profile.
    const cases: Array<[Record<string, string>, string]> = [
      [{ AWS_CONFIG_FILE: config }, 'sts.amazonaws.com us-east-1'],
      [{ AWS_CONFIG_FILE: config, AWS_PROFILE: 'pinned' }, 'sts.eu-west-1.amazonaws.com eu-west-1'],
      [{ AWS_CONFIG_FILE: config, AWS_STS_REGIONAL_ENDPOINTS: 'regional' }, 'sts.eu-west-1.amazonaws.com eu-west-1'],
    ];
    const cli = await Promise.all(cases.map(([extra]) => viaAwsCli('eu-west-1', extra)));
    for (const [i, [extra, expected]] of cases.entries()) {
      expect(`${cli[i].host} ${cli[i].region}`, JSON.stringify(extra)).toBe(expected);
      expect(await viaApp('eu-west-1', extra), JSON.stringify(extra)).toEqual(cli[i]);
    }
  }, 120_000);

  it('signs a local Outposts cluster by its --cluster-id, and refuses both names at once', async () => {
    const now = () => new Date('2026-12-07T10:00:00Z');
    const byId = await runToken(['--cluster-id', 'a1b2c3d4-0000-4000-8000-000000000001', '--region', 'us-west-2', '--no-cache'], { env: base, now });
    const byName = await runToken(['--cluster', 'a1b2c3d4-0000-4000-8000-000000000001', '--region', 'us-west-2', '--no-cache'], { env: base, now });
    const other = await runToken(['--cluster', 'outpost-prod', '--region', 'us-west-2', '--no-cache'], { env: base, now });
    expect(byId.exitCode, byId.stderr).toBe(0);
    expect(JSON.parse(byId.stdout).status.token).toBe(JSON.parse(byName.stdout).status.token);
    expect(JSON.parse(byId.stdout).status.token).not.toBe(JSON.parse(other.stdout).status.token);
    const both = await runToken(['--cluster', 'outpost-prod', '--cluster-id', 'a1b2', '--region', 'us-west-2'], { env: base, now });
    expect(both).toMatchObject({ exitCode: 2, stdout: '' });
    expect(both.stderr).toMatch(/^error: --cluster and --cluster-id cannot be given together \(usage: token .*\)\n$/);
  });
});
