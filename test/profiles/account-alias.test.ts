// Account aliases, on one sandbox: IAM ListAccountAliases as the real aws CLI sees it (the alias, or AccessDenied),
// then the app's reading of it — once per account, beside the checks and never inside one, sent later through the
// status event, kept across checks, read again when the profile set changes — and the installed `profiles --json`.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProfilesDeps, ProfilesService } from '../../electron/profiles/service.js';
import type { AwsClientFactory } from '../../electron/profiles/aws-clients.js';
import type { ProfileView } from '../../shared/profile-types.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { parseScenario } from '../../sandbox/scenario/load.js';
import { cleanEnv, run } from '../helpers/run.js';
import { sandboxEnv } from '../app/support.js';

// acme-prod: alice may read the alias, the auditor may not. acme-dev: only a reader who may not (the ID alone).
// acme-china: an aws-cn account (its key signs for a China region).
const SCENARIO = `
name: iam-aliases
accounts:
  - id: "111122223333"
    alias: acme-prod
    users:
      - name: alice
      - name: auditor
        allow: ["sts:GetCallerIdentity"]
  - id: "444455556666"
    alias: acme-dev
    users:
      - name: reader
        allow: ["sts:GetCallerIdentity"]
  - id: "210987654321"
    alias: acme-china
    users:
      - name: wei
profiles:
  - name: default
    user: alice
    region: eu-west-1
  - name: auditor
    user: auditor
    region: eu-west-1
  - name: reader
    user: reader
    region: eu-west-1
  - name: china
    user: wei
    region: cn-north-1
clusters: []
`;

type Read = NonNullable<AwsClientFactory['listAccountAliases']>;

describe('account aliases (sandbox IAM, the aws CLI and the app)', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox(parseScenario(SCENARIO));
  });
  afterAll(() => sandbox?.stop());

  /** A Profiles service whose alias reads go through `wrap` (to hold them back or count them) to the real request. */
  function service(wrap: (real: Read) => Read, opts: { aliasDeadlineMs?: number } = {}) {
    const deps = defaultProfilesDeps(sandboxEnv(sandbox.env));
    deps.aws = { ...deps.aws, listAccountAliases: wrap(deps.aws.listAccountAliases!) };
    const events: ProfileView[] = [];
    const svc = new ProfilesService(deps, { status: (v) => events.push(v) }, { accountAliases: true, aliasDeadlineMs: opts.aliasDeadlineMs ?? 120_000 });
    return { svc, events };
  }
  const aliasesOf = (views: ProfileView[]) => Object.fromEntries(views.map((v) => [v.name, [v.status, v.identity?.account, v.accountAlias]]));

  it('IAM answers the alias to a caller the policy allows, and AccessDenied to one it does not (aws CLI)', async () => {
    const aws = (profile: string) => run('aws', ['iam', 'list-account-aliases', '--profile', profile, '--output', 'json'], cleanEnv(sandbox.env), 60_000);
    const [allowed, denied] = await Promise.all([aws('default'), aws('auditor')]);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(JSON.parse(allowed.stdout)).toEqual({ AccountAliases: ['acme-prod'] });
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain(
      'An error occurred (AccessDenied) when calling the ListAccountAliases operation: User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: iam:ListAccountAliases on resource: *',
    );
  });

  it('a status never waits for the alias; the alias comes later through the status event, for every profile of the account', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const asked: string[] = [];
    const { svc, events } = service((real) => async (region, credentials, signal) => {
      asked.push(credentials.accessKeyId);
      await gate;
      return real(region, credentials, signal);
    });
    await svc.list();
    await svc.settled();
    // Every check is done while no alias read has answered.
    expect(aliasesOf((await svc.list()).profiles)).toEqual({
      default: ['valid', '111122223333', undefined],
      auditor: ['valid', '111122223333', undefined],
      reader: ['valid', '444455556666', undefined],
      china: ['valid', '210987654321', undefined],
    });
    // One read at a time per account: the other profiles of acme-prod wait their turn.
    expect(asked).toHaveLength(3);
    const before = events.length;
    open();
    await svc.list({ wait: true });
    // The auditor may not read it, alice may: both rows show it. Nobody of acme-dev may: the ID alone, no error.
    expect(aliasesOf(events.slice(before))).toEqual({
      default: ['valid', '111122223333', 'acme-prod'],
      auditor: ['valid', '111122223333', 'acme-prod'],
      china: ['valid', '210987654321', 'acme-china'],
    });
    expect(aliasesOf((await svc.list()).profiles).reader).toEqual(['valid', '444455556666', undefined]);
    // The auditor's refusal (when it asked first) passes the turn to alice: 3 or 4 reads, never one per profile again.
    const reads = asked.length;
    expect([3, 4]).toContain(reads);

    // A check made later carries the alias at once, and reads nothing again.
    expect((await svc.check('auditor')).accountAlias).toBe('acme-prod');
    await svc.list({ wait: true });
    expect(asked).toHaveLength(reads);

    // A changed profile set reads each account again (the alias shows meanwhile).
    appendFileSync(sandbox.env.AWS_CONFIG_FILE!, '\n[profile spare]\nregion = eu-west-1\n');
    const refreshed = await svc.list({ refresh: true });
    expect(refreshed.profiles.find((p) => p.name === 'default')?.accountAlias).toBe('acme-prod');
    await svc.list({ wait: true });
    expect(asked.length).toBeGreaterThan(reads);
    expect(aliasesOf((await svc.list()).profiles).default).toEqual(['valid', '111122223333', 'acme-prod']);
  });

  it('a read that does not answer ends at its deadline, and the rows keep their status', async () => {
    const signals: AbortSignal[] = [];
    const { svc } = service(() => (_region, _credentials, signal) => {
      signals.push(signal);
      return new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
    }, { aliasDeadlineMs: 200 });
    const list = await svc.list({ wait: true });
    expect(list.profiles.map((p) => [p.name, p.status, p.accountAlias])).toContainEqual(['default', 'valid', undefined]);
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('profiles --json (the installed command) carries accountAlias where a profile of the account may read it', async () => {
    const r = await run(path.resolve(__dirname, '../../bin/eks-access-doctor.cjs'), ['profiles', '--json'], cleanEnv(sandbox.env));
    expect(r.code, r.stderr).toBe(0);
    const profiles = (JSON.parse(r.stdout) as { profiles: { name: string; accountAlias?: string; identity?: { account: string } }[] }).profiles;
    expect(Object.fromEntries(profiles.map((p) => [p.name, [p.identity?.account, p.accountAlias]]))).toEqual({
      default: ['111122223333', 'acme-prod'],
      auditor: ['111122223333', 'acme-prod'],
      reader: ['444455556666', undefined],
      china: ['210987654321', 'acme-china'],
      spare: [undefined, undefined],
    });
  });
});
