import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfiles, ENV_PROFILE_NAME } from '../../electron/profiles/load.js';
import { ProfilesService, defaultProfilesDeps } from '../../electron/profiles/service.js';
import { tempAwsHome } from '../app/support.js';

const CONFIG = `
[default]
region = us-east-1

[profile base]
region = eu-west-1

[profile admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = base
mfa_serial = arn:aws:iam::111122223333:mfa/alice

[profile deep]
role_arn = arn:aws:iam::111122223333:role/Deep
source_profile = admin
region = us-west-2

[profile from-env]
role_arn = arn:aws:iam::111122223333:role/Ci
credential_source = Environment

[profile sso-new]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
region = us-east-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-central-1
sso_registration_scopes = sso:account:access

[profile sso-legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-2
sso_account_id = 444455556666
sso_role_name = ReadOnly

[profile proc]
credential_process = /usr/bin/false

[profile web]
role_arn = arn:aws:iam::111122223333:role/Web
web_identity_token_file = /var/run/token

[profile settings-only]
output = json

[profile loop-a]
role_arn = arn:aws:iam::111122223333:role/A
source_profile = loop-b

[profile loop-b]
role_arn = arn:aws:iam::111122223333:role/B
source_profile = loop-a
`;

const CREDENTIALS = `
[default]
aws_access_key_id = AKIADEFAULT000000001
aws_secret_access_key = defaultSecret

[base]
aws_access_key_id = AKIABASE000000000001
aws_secret_access_key = baseSecret
`;

describe('profiles from the config and credentials files', () => {
  it('types every kind of profile and merges both files', async () => {
    const { env } = tempAwsHome({ config: CONFIG, credentials: CREDENTIALS });
    const loaded = await loadProfiles(env);
    const byName = Object.fromEntries(loaded.profiles.map((p) => [p.name, p]));
    expect(loaded.profiles[0]!.name).toBe('default');
    expect(byName.default!.type).toBe('static');
    expect(byName.default!.source).toBe('config+credentials');
    expect(byName.base!.type).toBe('static');
    expect(byName.base!.region).toBe('eu-west-1');
    expect(byName.admin!.type).toBe('assume-role');
    expect(byName['from-env']!.type).toBe('assume-role');
    expect(byName['sso-new']!.type).toBe('sso');
    expect(byName['sso-legacy']!.type).toBe('sso');
    expect(byName.proc!.type).toBe('credential-process');
    expect(byName.web!.type).toBe('web-identity');
    expect(byName['settings-only']!.type).toBe('unknown');
    expect(loaded.problems).toEqual([]);
  });

  it('follows source_profile chains: mfa_serial is inherited, loops are named', async () => {
    const { env } = tempAwsHome({ config: CONFIG, credentials: CREDENTIALS });
    const loaded = await loadProfiles(env);
    const deep = loaded.profiles.find((p) => p.name === 'deep')!;
    expect(deep.chain).toEqual(['admin', 'base']);
    expect(deep.mfa).toEqual({ serial: 'arn:aws:iam::111122223333:mfa/alice', profile: 'admin' });
    expect(deep.region).toBe('us-west-2');
    const loop = loaded.profiles.find((p) => p.name === 'loop-a')!;
    expect(loop.warnings.join(' ')).toContain('source_profile loop');
  });

  it('reads SSO settings from sso-session sections and legacy keys', async () => {
    const { env } = tempAwsHome({ config: CONFIG, credentials: CREDENTIALS });
    const loaded = await loadProfiles(env);
    const modern = loaded.profiles.find((p) => p.name === 'sso-new')!;
    expect(modern.sso).toMatchObject({ startUrl: 'https://corp.awsapps.com/start', region: 'eu-central-1', session: 'corp', accountId: '111122223333', roleName: 'Developer', scopes: ['sso:account:access'] });
    const legacy = loaded.profiles.find((p) => p.name === 'sso-legacy')!;
    expect(legacy.sso).toMatchObject({ startUrl: 'https://legacy.awsapps.com/start', region: 'us-east-2', accountId: '444455556666', roleName: 'ReadOnly' });
    expect(legacy.sso!.session).toBeUndefined();
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', async () => {
    const { home, env } = tempAwsHome({ config: '[profile ignored]\nregion = us-east-1\n' });
    writeFileSync(join(home, 'other-config'), '[profile elsewhere]\nregion = ap-south-1\n');
    writeFileSync(join(home, 'other-creds'), '[keys-only]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n');
    const loaded = await loadProfiles({ ...env, AWS_CONFIG_FILE: join(home, 'other-config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'other-creds') });
    expect(loaded.profiles.map((p) => p.name).sort()).toEqual(['elsewhere', 'keys-only']);
    expect(loaded.files.config).toBe(join(home, 'other-config'));
  });

  it('shows AWS_* environment credentials as their own row with a warning', async () => {
    const { env } = tempAwsHome({ config: CONFIG, credentials: CREDENTIALS }, { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'envSecret' });
    const loaded = await loadProfiles(env);
    expect(loaded.profiles[0]!.name).toBe(ENV_PROFILE_NAME);
    expect(loaded.profiles[0]!.type).toBe('environment');
    expect(loaded.profiles[0]!.warnings[0]).toMatch(/override AWS_PROFILE and every profile/);
  });

  it('names the file and line of a malformed config and still lists what parses', async () => {
    const broken = '[default]\nregion = us-east-1\n[profile half\nregion = eu-west-1\nthis line is junk\n[profile ok]\nregion = us-west-2\n[typo]\nregion = x\n';
    const { home, env } = tempAwsHome({ config: broken, credentials: 'orphan = 1\n[default]\naws_access_key_id = A\naws_secret_access_key = B\n' });
    const loaded = await loadProfiles(env);
    const cfg = join(home, '.aws', 'config');
    const creds = join(home, '.aws', 'credentials');
    expect(loaded.problems.map((p) => [p.file, p.line])).toEqual([
      [cfg, 3],
      [cfg, 4],
      [cfg, 5],
      [cfg, 8],
      [creds, 1],
    ]);
    expect(loaded.problems[0]!.message).toMatch(/not closed/);
    expect(loaded.problems[1]!.message).toBe('read as part of [default]: the header on line 3 is broken');
    expect(loaded.problems[3]!.message).toMatch(/write \[profile typo\]/);
    expect(loaded.profiles.map((p) => p.name)).toEqual(['default', 'ok']);
  });

  it('the active profile starts as AWS_PROFILE, switching never edits files', async () => {
    const { home, env } = tempAwsHome({ config: CONFIG, credentials: CREDENTIALS }, { AWS_PROFILE: 'base' });
    const service = new ProfilesService(defaultProfilesDeps(env, { checkTimeoutMs: 2000 }));
    expect((await service.active()).name).toBe('base');
    const before = (await import('node:fs')).readFileSync(join(home, '.aws', 'config'), 'utf8');
    expect((await service.setActive('deep')).name).toBe('deep');
    expect((await service.active()).name).toBe('deep');
    await expect(service.setActive('nope')).rejects.toThrow(/no profile named "nope"/);
    expect((await import('node:fs')).readFileSync(join(home, '.aws', 'config'), 'utf8')).toBe(before);
  });

  it('checks without network give named statuses and never block each other', async () => {
    const { env } = tempAwsHome({ config: CONFIG, credentials: CREDENTIALS });
    const service = new ProfilesService(defaultProfilesDeps(env, { checkTimeoutMs: 3000 }));
    const started = Date.now();
    const list = await service.list({ wait: true });
    expect(Date.now() - started).toBeLessThan(8000);
    const status = Object.fromEntries(list.profiles.map((p) => [p.name, p.status]));
    expect(status.admin).toBe('mfa-needed');
    expect(status.deep).toBe('mfa-needed');
    expect(status['sso-new']).toBe('sso-login-needed');
    expect(status['sso-legacy']).toBe('sso-login-needed');
    expect(status['settings-only']).toBe('error');
    expect(status.default).toBe('error'); // endpoint refuses connections
    const loop = list.profiles.find((p) => p.name === 'loop-a')!;
    expect(loop.error?.code).toBe('SourceProfileLoop');
    const proc = list.profiles.find((p) => p.name === 'proc')!;
    expect(proc.status).toBe('error');
  });
});
