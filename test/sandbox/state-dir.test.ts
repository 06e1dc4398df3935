// writeStateDir: what it writes is read back by the same parsers the clients use (smithy's INI loader,
// YAML, kubectl, the aws CLI, bash) and compared with what the scenario says.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSharedConfigFiles, loadSsoSessionData } from '@smithy/shared-ini-file-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startSandbox } from '../../sandbox/index.js';
import { parseScenario } from '../../sandbox/scenario/load.js';
import { UNSET_VARIABLES, writeStateDir, type StateDir } from '../../sandbox/state-dir.js';
import { createCertificateAuthority } from '../../sandbox/tls.js';
import { World } from '../../sandbox/world/world.js';

const SCENARIO = `
name: state-dir-test
accounts:
  - id: "111122223333"
    users:
      - name: alice
      - name: rotated
        accessKeys:
          - {id: AKIAROTATEDOLD000001, secret: old-secret, status: Inactive}
          - {id: AKIAROTATEDNEW000002, secret: new-secret, status: Active}
      - name: disabled
        accessKeys:
          - {id: AKIADISABLED00000001, secret: disabled-secret, status: Inactive}
    roles:
      - name: Admin
        trustedBy: [alice]
        mfaRequired: true
profiles:
  - name: default
    user: alice
    region: eu-west-1
  - name: rotated
    user: rotated
  - name: disabled
    user: disabled
  - name: gone
    accessKeyId: AKIAGONEGONEGONE0001
    secretAccessKey: gone-secret
  - name: admin
    roleArn: arn:aws:iam::111122223333:role/Admin
    sourceProfile: default
    mfaSerial: arn:aws:iam::111122223333:mfa/alice
    roleSessionName: alice
  - name: sso-legacy
    sso: {startUrl: "https://legacy.awsapps.com/start", region: us-east-1, accountId: "111122223333", roleName: ReadOnly, loggedIn: true}
  - name: sso-new
    sso: {startUrl: "https://acme.awsapps.com/start", region: eu-west-1, accountId: "111122223333", roleName: Dev, loggedIn: true, sessionName: acme}
  - name: sso-new-2
    sso: {startUrl: "https://acme.awsapps.com/start", region: eu-west-1, accountId: "111122223333", roleName: Admin2, loggedIn: true, sessionName: acme}
  - name: sso-out
    sso: {startUrl: "https://out.awsapps.com/start", region: us-east-1, accountId: "111122223333", roleName: Dev}
  - name: sso-expired
    sso: {startUrl: "https://old.awsapps.com/start", region: us-east-1, accountId: "111122223333", roleName: Dev, loggedIn: true, expired: true, sessionName: old}
environment:
  AWS_ACCESS_KEY_ID: AKIAROTATEDOLD000001
  TRICKY: "it's \\"$HOME\\" \`id\` $(id)\\nsecond line"
clusters:
  - {name: prod, account: "111122223333", region: us-east-1}
  - {name: dev, account: "111122223333", region: eu-west-1}
  - {name: old, account: "111122223333", region: us-east-1}
kubeconfig:
  - {cluster: prod, profile: default}
  - {cluster: dev, roleArn: "arn:aws:iam::111122223333:role/Admin", execApiVersion: client.authentication.k8s.io/v1alpha1}
  - {cluster: old, profile: sso-new, stale: true}
currentContext: dev
`;

function execFileText(cmd: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const p = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...listFiles(root, p));
    else out.push(p);
  }
  return out.sort();
}

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const mode = (p: string) => statSync(p).mode & 0o777;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe('writeStateDir', () => {
  let parent: string;
  let dir: string;
  let world: World;
  let result: StateDir;
  let caPem: string;
  let awsEndpoint: string;
  const stale = { endpoint: 'https://127.0.0.1:9', caData: 'U1RBTEUtQ0E=' };

  beforeAll(async () => {
    parent = mkdtempSync(path.join(tmpdir(), 'state-dir-test-'));
    dir = path.join(parent, 'state');
    world = new World(parseScenario(SCENARIO, 'state-dir-test.yaml'));
    const ca = await createCertificateAuthority('kubernetes');
    caPem = ca.certPem;
    world.clusters.forEach((c, i) => {
      c.endpoint = `https://127.0.0.1:${7000 + i}`;
      c.caData = ca.caData;
    });
    awsEndpoint = `https://127.0.0.1:${await closedPort()}`;
    result = writeStateDir(world, dir, { awsEndpoint, caPem, stale });
  });
  afterAll(() => {
    if (parent) rmSync(parent, { recursive: true, force: true });
  });

  it('writes exactly its files, all inside the state directory, secrets 0600', () => {
    expect(readdirSync(parent)).toEqual(['state']);
    expect(listFiles(dir)).toEqual(
      [
        'ca.pem',
        'env',
        'home/.aws/config',
        'home/.aws/credentials',
        `home/.aws/sso/cache/${sha1('https://legacy.awsapps.com/start')}.json`,
        `home/.aws/sso/cache/${sha1('acme')}.json`,
        `home/.aws/sso/cache/${sha1('old')}.json`,
        'home/.kube/config',
      ].sort(),
    );
    for (const f of ['env', 'home/.aws/config', 'home/.aws/credentials', 'home/.kube/config']) expect(mode(path.join(dir, f)), f).toBe(0o600);
    for (const f of readdirSync(path.join(dir, 'home/.aws/sso/cache'))) expect(mode(path.join(dir, 'home/.aws/sso/cache', f))).toBe(0o600);
    expect(readFileSync(path.join(dir, 'ca.pem'), 'utf8')).toBe(caPem);
    expect(result.envFile).toBe(path.join(dir, 'env'));
  });

  it('writes credentials and config as the SDKs parse them', async () => {
    const files = await loadSharedConfigFiles({
      filepath: result.env.AWS_SHARED_CREDENTIALS_FILE,
      configFilepath: result.env.AWS_CONFIG_FILE,
      ignoreCache: true,
    });
    const alice = world.findPrincipal('alice') as { accessKeys: Array<{ id: string; secret: string }> };
    expect(files.credentialsFile).toEqual({
      default: { aws_access_key_id: alice.accessKeys[0].id, aws_secret_access_key: alice.accessKeys[0].secret },
      rotated: { aws_access_key_id: 'AKIAROTATEDNEW000002', aws_secret_access_key: 'new-secret' },
      disabled: { aws_access_key_id: 'AKIADISABLED00000001', aws_secret_access_key: 'disabled-secret' },
      gone: { aws_access_key_id: 'AKIAGONEGONEGONE0001', aws_secret_access_key: 'gone-secret' },
    });
    expect(files.configFile).toEqual({
      default: { region: 'eu-west-1' },
      rotated: { region: 'us-east-1' },
      disabled: { region: 'us-east-1' },
      gone: { region: 'us-east-1' },
      admin: {
        role_arn: 'arn:aws:iam::111122223333:role/Admin',
        source_profile: 'default',
        mfa_serial: 'arn:aws:iam::111122223333:mfa/alice',
        role_session_name: 'alice',
        region: 'us-east-1',
      },
      'sso-legacy': {
        sso_start_url: 'https://legacy.awsapps.com/start',
        sso_region: 'us-east-1',
        sso_account_id: '111122223333',
        sso_role_name: 'ReadOnly',
        region: 'us-east-1',
      },
      'sso-new': { sso_session: 'acme', sso_account_id: '111122223333', sso_role_name: 'Dev', region: 'us-east-1' },
      'sso-new-2': { sso_session: 'acme', sso_account_id: '111122223333', sso_role_name: 'Admin2', region: 'us-east-1' },
      'sso-out': {
        sso_start_url: 'https://out.awsapps.com/start',
        sso_region: 'us-east-1',
        sso_account_id: '111122223333',
        sso_role_name: 'Dev',
        region: 'us-east-1',
      },
      'sso-expired': { sso_session: 'old', sso_account_id: '111122223333', sso_role_name: 'Dev', region: 'us-east-1' },
      'sso-session.acme': { sso_start_url: 'https://acme.awsapps.com/start', sso_region: 'eu-west-1', sso_registration_scopes: 'sso:account:access' },
      'sso-session.old': { sso_start_url: 'https://old.awsapps.com/start', sso_region: 'us-east-1', sso_registration_scopes: 'sso:account:access' },
    });
    expect(Object.keys(await loadSsoSessionData({ configFilepath: result.env.AWS_CONFIG_FILE }))).toEqual(['acme', 'old']);
    // The profile headers themselves: [default] bare, the others "profile NAME"; credentials never prefixed.
    expect(readFileSync(result.env.AWS_CONFIG_FILE, 'utf8')).toMatch(/^\[default\]\nregion = eu-west-1\n\n\[profile rotated\]\n/);
    expect(readFileSync(result.env.AWS_SHARED_CREDENTIALS_FILE, 'utf8')).not.toMatch(/\[profile /);
  });

  it('the aws CLI reads the same profiles', async () => {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...result.env };
    const region = await execFileText('aws', ['configure', 'get', 'region', '--profile', 'default'], env);
    expect(region.stdout.trim()).toBe('eu-west-1');
    const role = await execFileText('aws', ['configure', 'get', 'role_arn', '--profile', 'admin'], env);
    expect(role.stdout.trim()).toBe('arn:aws:iam::111122223333:role/Admin');
  });

  it('caches SSO sign-ins as botocore reads them, registered with the world', () => {
    const cache = path.join(dir, 'home/.aws/sso/cache');
    const legacy = JSON.parse(readFileSync(path.join(cache, `${sha1('https://legacy.awsapps.com/start')}.json`), 'utf8'));
    expect(Object.keys(legacy)).toEqual(['startUrl', 'region', 'accessToken', 'expiresAt']);
    expect(legacy).toMatchObject({ startUrl: 'https://legacy.awsapps.com/start', region: 'us-east-1' });
    expect(legacy.expiresAt).toMatch(TIMESTAMP);
    expect(Date.parse(legacy.expiresAt)).toBeGreaterThan(Date.now() + 3600_000);
    expect(world.ssoTokens.get(legacy.accessToken)?.startUrl).toBe('https://legacy.awsapps.com/start');

    const session = JSON.parse(readFileSync(path.join(cache, `${sha1('acme')}.json`), 'utf8'));
    expect(Object.keys(session).sort()).toEqual(
      ['accessToken', 'clientId', 'clientSecret', 'expiresAt', 'refreshToken', 'region', 'registrationExpiresAt', 'startUrl'].sort(),
    );
    expect(session).toMatchObject({ startUrl: 'https://acme.awsapps.com/start', region: 'eu-west-1' });
    expect(session.registrationExpiresAt).toMatch(TIMESTAMP);
    expect(Date.parse(session.registrationExpiresAt)).toBeGreaterThan(Date.parse(session.expiresAt));
    expect(world.ssoClients.get(session.clientId)?.clientSecret).toBe(session.clientSecret);
    const token = world.ssoTokens.get(session.accessToken);
    expect(token).toMatchObject({ clientId: session.clientId, refreshToken: session.refreshToken, startUrl: 'https://acme.awsapps.com/start' });

    const expired = JSON.parse(readFileSync(path.join(cache, `${sha1('old')}.json`), 'utf8'));
    expect(Date.parse(expired.expiresAt)).toBeLessThan(Date.now());
    expect(Date.parse(expired.registrationExpiresAt)).toBeLessThan(Date.now());
    expect(existsSync(path.join(cache, `${sha1('https://out.awsapps.com/start')}.json`))).toBe(false);
  });

  it('the aws CLI accepts the valid SSO token, reports the expired one and the missing one', async () => {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...result.env, AWS_MAX_ATTEMPTS: '1', AWS_RETRY_MODE: 'standard' };
    const call = (profile: string) => execFileText('aws', ['sts', 'get-caller-identity', '--profile', profile], env);
    const [valid, expired, out] = await Promise.all([call('sso-new'), call('sso-expired'), call('sso-out')]);
    // A valid cached token gets as far as calling the (closed) SSO endpoint.
    expect(valid.code).not.toBe(0);
    expect(valid.stderr).toMatch(/Could not connect to the endpoint URL/);
    expect(expired.stderr).toMatch(/Token has expired and refresh failed/);
    expect(out.stderr).toMatch(/Error loading SSO Token: Token for https:\/\/out\.awsapps\.com\/start does not exist/);
  });

  it('writes the kubeconfig update-kubeconfig would write', () => {
    const [prod, dev, old] = world.clusters;
    const text = readFileSync(result.env.KUBECONFIG, 'utf8');
    expect(parse(text)).toEqual({
      apiVersion: 'v1',
      clusters: [
        { cluster: { 'certificate-authority-data': prod.caData, server: prod.endpoint }, name: prod.arn },
        { cluster: { 'certificate-authority-data': dev.caData, server: dev.endpoint }, name: dev.arn },
        { cluster: { 'certificate-authority-data': stale.caData, server: stale.endpoint }, name: old.arn },
      ],
      contexts: [prod, dev, old].map((c) => ({ context: { cluster: c.arn, user: c.arn }, name: c.arn })),
      'current-context': dev.arn,
      kind: 'Config',
      preferences: {},
      users: [
        {
          name: prod.arn,
          user: {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1beta1',
              args: ['--region', 'us-east-1', 'eks', 'get-token', '--cluster-name', 'prod', '--output', 'json'],
              command: 'aws',
              env: [{ name: 'AWS_PROFILE', value: 'default' }],
            },
          },
        },
        {
          name: dev.arn,
          user: {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1alpha1',
              args: ['--region', 'eu-west-1', 'eks', 'get-token', '--cluster-name', 'dev', '--output', 'json', '--role', 'arn:aws:iam::111122223333:role/Admin'],
              command: 'aws',
            },
          },
        },
        {
          name: old.arn,
          user: {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1beta1',
              args: ['--region', 'us-east-1', 'eks', 'get-token', '--cluster-name', 'old', '--output', 'json'],
              command: 'aws',
              env: [{ name: 'AWS_PROFILE', value: 'sso-new' }],
            },
          },
        },
      ],
    });
    // PyYAML's block style, as the CLI writes it: sequence items not indented under their key.
    expect(text).toMatch(/^clusters:\n- cluster:\n/m);
  });

  it('kubectl reads the kubeconfig', async () => {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: result.env.HOME, KUBECONFIG: result.env.KUBECONFIG };
    const r = await execFileText('kubectl', ['config', 'view', '--raw', '-o', 'json'], env);
    expect(r.code, r.stderr).toBe(0);
    const view = JSON.parse(r.stdout);
    expect(view['current-context']).toBe(world.clusters[1].arn);
    const servers = Object.fromEntries(view.clusters.map((c: { name: string; cluster: { server: string } }) => [c.name, c.cluster.server]));
    const [prod, dev, old] = world.clusters;
    expect(servers).toEqual({ [prod.arn]: prod.endpoint, [dev.arn]: dev.endpoint, [old.arn]: stale.endpoint });
  });

  it('the env file sets exactly the returned variables and unsets inherited AWS ones', async () => {
    const inherited = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      AWS_PROFILE: 'leaked',
      AWS_SECRET_ACCESS_KEY: 'leaked',
      AWS_ENDPOINT_URL_STS: 'https://sts.amazonaws.com',
      AWS_DEFAULT_REGION: 'ap-south-1',
      KUBECONFIG: '/elsewhere',
    };
    const envAfter = async (script: string) => {
      const r = await execFileText('bash', ['-c', `${script}env -0`], inherited);
      expect(r.code, r.stderr).toBe(0);
      const seen: Record<string, string> = {};
      for (const entry of r.stdout.split('\0')) {
        const eq = entry.indexOf('=');
        if (eq > 0) seen[entry.slice(0, eq)] = entry.slice(eq + 1);
      }
      return seen;
    };
    // Whatever the machine's bash adds on its own (PWD, SHLVL, ...) is there before and after sourcing.
    const before = await envAfter('');
    const after = await envAfter(`. ${JSON.stringify(result.envFile)}; `);
    expect(before.AWS_PROFILE).toBe('leaked');
    const untouched = Object.fromEntries(Object.entries(before).filter(([k]) => !k.startsWith('AWS_') && !(k in result.env) && k !== '_'));
    delete after._;
    expect(after).toEqual({ ...untouched, ...result.env });
    expect(result.env).toEqual({
      HOME: path.join(dir, 'home'),
      AWS_CONFIG_FILE: path.join(dir, 'home/.aws/config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'home/.aws/credentials'),
      AWS_ENDPOINT_URL: awsEndpoint,
      AWS_CA_BUNDLE: path.join(dir, 'ca.pem'),
      NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'),
      AWS_EC2_METADATA_DISABLED: 'true',
      KUBECONFIG: path.join(dir, 'home/.kube/config'),
      AWS_ACCESS_KEY_ID: 'AKIAROTATEDOLD000001',
      TRICKY: 'it\'s "$HOME" `id` $(id)\nsecond line',
    });
    expect(UNSET_VARIABLES).toContain('AWS_PROFILE');
  });

  it('rewrites an existing state directory, restoring private modes', () => {
    chmodSync(path.join(dir, 'home/.aws/credentials'), 0o644);
    const again = writeStateDir(world, dir, { awsEndpoint, caPem, stale });
    expect(mode(path.join(dir, 'home/.aws/credentials'))).toBe(0o600);
    expect(again.env).toEqual(result.env);
    expect(readdirSync(parent)).toEqual(['state']);
  });
});

describe('writeStateDir in a running sandbox', () => {
  it('writes the kubeconfig byte for byte as the real `aws eks update-kubeconfig` does', async () => {
    const scenario = parseScenario(
      [
        'name: byte-for-byte',
        'accounts: [{id: "111122223333", users: [{name: alice}]}]',
        'profiles: [{name: work, user: alice, region: eu-west-1}]',
        'clusters: [{name: shop, account: "111122223333", region: eu-west-1}]',
        'kubeconfig: [{cluster: shop, profile: work}]',
      ].join('\n'),
    );
    const sandbox = await startSandbox(scenario);
    try {
      const out = path.join(sandbox.stateDir, 'from-cli');
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...sandbox.env };
      const r = await execFileText('aws', ['eks', 'update-kubeconfig', '--name', 'shop', '--region', 'eu-west-1', '--profile', 'work', '--kubeconfig', out], env);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(sandbox.env.KUBECONFIG, 'utf8')).toBe(readFileSync(out, 'utf8'));
    } finally {
      await sandbox.stop();
    }
  }, 60_000);
});
