// The logs wizard's channels through dispatch, with the real SDK against the sandbox: a cluster whose authenticator
// log is off is turned on, the update followed to Successful, the real kubectl of unmapped identities writes
// `access denied` lines and the queries return exactly the right rows; the CLI commands shown run as written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { dispatch } from '../../electron/dispatch.js';
import type { LogsEnableResult, LogsQueryResult, LogsStatusView, LogsUpdateView } from '../../shared/wizard-types.js';
import { parseScenario, startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { classifyGetSvc, cleanEnv, run } from '../helpers/run.js';
import { tempAwsHome } from '../app/support.js';
import { LOGS_OFF_SCENARIO, QUIET_ARN, TOM_ADMIN_ARN, TOM_ARN } from './logs-off-scenario.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const CLUSTER = QUIET_ARN;
const TOM = TOM_ARN;
const TOM_ADMIN = TOM_ADMIN_ARN;

type Envelope = Awaited<ReturnType<typeof dispatch>>;

describe('logs wizard channels on a cluster with the authenticator log off', () => {
  let sb: SandboxHandle;
  let env: Record<string, string>;
  let app: AppContext;
  const answers: string[] = [];
  const raw = async (name: string, req: unknown): Promise<Envelope> => {
    const r = await dispatch(app.handlers, name, req);
    answers.push(JSON.stringify(r));
    return r;
  };
  const call = async <T,>(name: string, req: unknown): Promise<T> => {
    const r = await raw(name, req);
    if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
    return r.result as T;
  };
  /** update-kubeconfig with the profile, then the real kubectl get svc. */
  const kubectlAs = async (profile: string) => {
    const u = await run('aws', ['eks', 'update-kubeconfig', '--name', 'quiet', '--region', 'us-east-1', '--profile', profile], env, 60_000);
    expect(u.code, u.stderr).toBe(0);
    return classifyGetSvc(await run('kubectl', ['get', 'svc'], env, 60_000));
  };
  const shell = (command: string) => run('bash', ['-c', command], env, 60_000);

  beforeAll(async () => {
    sb = await startSandbox(parseScenario(LOGS_OFF_SCENARIO));
    env = cleanEnv(sb.env);
    app = createAppContext({ env, mode: 'cli' });
  }, 60_000);
  afterAll(async () => {
    await sb?.stop();
  });

  it('status says off, and a query before enabling says the log group is missing', async () => {
    const status = await call<LogsStatusView>('logs.status', { profile: 'priya', clusterArn: CLUSTER });
    expect(status).toMatchObject({ logGroup: '/aws/eks/quiet/cluster', enabled: false, enabledTypes: [] });
    expect(status.command).toBe('aws eks describe-cluster --name quiet --query cluster.logging --region us-east-1 --profile priya');
    const cli = await shell(status.command);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual({ clusterLogging: [{ types: expect.arrayContaining(['authenticator']), enabled: false }] });

    const q = await raw('logs.query', { profile: 'priya', clusterArn: CLUSTER, query: 'denied' });
    expect(q).toMatchObject({ ok: false, error: { code: 'LOGGING_OFF' } });
    if (!q.ok) expect(q.error.message).toMatch(/\/aws\/eks\/quiet\/cluster does not exist.*turn it on/);
  });

  it('a profile without eks:UpdateClusterConfig gets a clear error and changes nothing', async () => {
    const r = await raw('logs.enable', { profile: 'tom', clusterArn: CLUSTER });
    expect(r).toEqual({
      ok: false,
      error: { code: 'AccessDeniedException', message: 'Profile "tom" is not allowed eks:UpdateClusterConfig on cluster quiet (us-east-1): use a profile that has it, or ask an administrator to grant it.' },
    });
    expect((await call<LogsStatusView>('logs.status', { profile: 'priya', clusterArn: CLUSTER })).enabled).toBe(false);
  });

  it('enables, the update reaches Successful, then enable again says already on', async () => {
    const enabled = await call<LogsEnableResult>('logs.enable', { profile: 'priya', clusterArn: CLUSTER });
    expect(enabled.alreadyEnabled).toBe(false);
    expect(enabled.updateId).toMatch(/^[A-Za-z0-9-]{8,64}$/);
    expect(enabled.command).toBe(
      `aws eks update-cluster-config --name quiet --region us-east-1 --logging '{"clusterLogging":[{"types":["authenticator"],"enabled":true}]}' --profile priya`,
    );

    let update: LogsUpdateView | undefined;
    for (let i = 0; i < 30; i++) {
      update = await call<LogsUpdateView>('logs.update', { profile: 'priya', clusterArn: CLUSTER, updateId: enabled.updateId });
      if (update.status !== 'InProgress') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(update).toMatchObject({ status: 'Successful', errors: [] });
    expect(update!.command).toBe(`aws eks describe-update --name quiet --update-id ${enabled.updateId} --region us-east-1 --profile priya`);
    const cli = await shell(update!.command);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout).update).toMatchObject({ id: enabled.updateId, status: 'Successful', type: 'LoggingUpdate' });

    const status = await call<LogsStatusView>('logs.status', { profile: 'priya', clusterArn: CLUSTER });
    expect(status.enabled).toBe(true);
    expect(status.enabledTypes).toEqual(['authenticator']);
    expect(await call<LogsEnableResult>('logs.enable', { profile: 'priya', clusterArn: CLUSTER })).toMatchObject({ alreadyEnabled: true });
    expect((await raw('logs.update', { profile: 'priya', clusterArn: CLUSTER, updateId: 'aaaaaaaa-0000-0000-0000-000000000000' }))).toMatchObject({
      ok: false, error: { code: 'ResourceNotFoundException' },
    });
  });

  it('after the real kubectl of unmapped identities, the queries return their access denied rows', async () => {
    expect(await kubectlAs('tom-admin')).toBe('unauthorized');
    expect(await kubectlAs('tom')).toBe('unauthorized');

    const denied = await call<LogsQueryResult>('logs.query', { profile: 'priya', clusterArn: CLUSTER, query: 'denied' });
    // kubectl retries a 401 a few times: one line per try.
    expect([...new Set(denied.rows.map((r) => r.arn))].sort()).toEqual([TOM, TOM_ADMIN]);
    for (const row of denied.rows) {
      expect(row).toMatchObject({ decision: 'denied', stream: expect.stringMatching(/^authenticator-/) });
      expect(row.message).toMatch(/msg="access denied"/);
      expect(Date.parse(row.timestamp)).not.toBeNaN();
    }

    const identity = await call<LogsQueryResult>('logs.query', { profile: 'priya', clusterArn: CLUSTER, query: 'identity', identityArn: TOM });
    // `like` also matched tom-admin's line; the wizard keeps tom's only.
    expect(identity.rows.length).toBeGreaterThan(0);
    expect(identity.rows.length).toBe(denied.rows.filter((r) => r.arn === TOM).length);
    for (const row of identity.rows) {
      expect(row).toMatchObject({ decision: 'denied', arn: TOM });
      expect(row.message).toMatch(/error="ARN is not mapped"/);
    }
    expect(identity.note).toBeUndefined();

    // The commands shown run as written: start-query, then get-query-results with the wizard's query id.
    expect(identity.commands).toHaveLength(2);
    expect(identity.commands[0]).toMatch(/^aws logs start-query --log-group-name \/aws\/eks\/quiet\/cluster --start-time \d+ --end-time \d+ --query-string '.+' --region us-east-1 --profile priya$/);
    const started = await shell(identity.commands[0]!);
    expect(started.code, started.stderr).toBe(0);
    expect(JSON.parse(started.stdout).queryId).toBeTruthy();
    const results = await shell(identity.commands[1]!);
    expect(results.code, results.stderr).toBe(0);
    const messages = (JSON.parse(results.stdout).results as { field: string; value: string }[][]).map((r) => r.find((f) => f.field === '@message')?.value);
    expect(messages).toContain(identity.rows[0]!.message);
  });

  it('creator finds no kubernetes-admin line until the creator uses kubectl', async () => {
    expect((await call<LogsQueryResult>('logs.query', { profile: 'priya', clusterArn: CLUSTER, query: 'creator' })).rows).toEqual([]);
    expect(await kubectlAs('priya')).toBe('ok');
    const creator = await call<LogsQueryResult>('logs.query', { profile: 'priya', clusterArn: CLUSTER, query: 'creator' });
    expect(creator.rows.length).toBeGreaterThan(0);
    for (const row of creator.rows) expect(row).toMatchObject({ decision: 'granted', arn: 'arn:aws:iam::111122223333:user/priya', username: 'kubernetes-admin', groups: '[system:masters]' });
  });

  it('after the log is turned off again, old lines still show with a note saying it is off', async () => {
    const off = await shell(`aws eks update-cluster-config --name quiet --region us-east-1 --logging '{"clusterLogging":[{"types":["authenticator"],"enabled":false}]}' --profile priya`);
    expect(off.code, off.stderr).toBe(0);
    const r = await call<LogsQueryResult>('logs.query', { profile: 'priya', clusterArn: CLUSTER, query: 'identity', identityArn: TOM });
    expect(r.rows.length).toBeGreaterThan(0);
    expect(r.note).toMatch(/does not log the authenticator now.*turn it on/);
  });

  it('never answers with a secret', () => {
    const w = sb.world as unknown as { principals: Map<string, { accessKeys?: { secret: string }[] }> };
    const secrets = [...w.principals.values()].flatMap((p) => (p.accessKeys ?? []).map((k) => k.secret));
    expect(secrets.length).toBeGreaterThan(2);
    const all = answers.join('\n');
    expect(answers.length).toBeGreaterThan(10);
    for (const secret of secrets) expect(all).not.toContain(secret);
  });

  it('a profile without logs:StartQuery, or one that does not exist, gets a clear error', async () => {
    expect(await raw('logs.query', { profile: 'tom', clusterArn: CLUSTER, query: 'denied' })).toEqual({
      ok: false,
      error: { code: 'AccessDeniedException', message: 'Profile "tom" is not allowed logs:StartQuery on cluster quiet (us-east-1): use a profile that has it, or ask an administrator to grant it.' },
    });
    expect(await raw('logs.status', { profile: 'ghost', clusterArn: CLUSTER })).toMatchObject({ ok: false, error: { code: 'PROFILE_NOT_FOUND' } });
    expect(await raw('logs.status', { profile: 'priya', clusterArn: 'arn:aws:eks:us-east-1:111122223333:cluster/nope' })).toMatchObject({
      ok: false, error: { code: 'ResourceNotFoundException', message: 'Cluster nope was not found in us-east-1 with profile "priya".' },
    });
  });

  it('rejects bad requests with INVALID_REQUEST naming the field', async () => {
    const bad: Array<[string, unknown, RegExp]> = [
      ['logs.status', { profile: 'priya', clusterArn: 'quiet' }, /clusterArn: clusterArn must be an EKS cluster ARN/],
      ['logs.enable', { profile: '', clusterArn: CLUSTER }, /profile: profile name must not be empty/],
      ['logs.update', { profile: 'priya', clusterArn: CLUSTER, updateId: 'x; rm -rf /' }, /updateId: updateId must be the id logs.enable returned/],
      ['logs.query', { profile: 'priya', clusterArn: CLUSTER, query: 'identity' }, /identityArn: the identity query needs identityArn/],
      ['logs.query', { profile: 'priya', clusterArn: CLUSTER, query: 'everything' }, /query: query must be identity, creator or denied/],
      ['logs.query', { profile: 'priya', clusterArn: CLUSTER, query: 'identity', identityArn: 'tom' }, /identityArn must be an IAM or STS ARN/],
      ['logs.status', { profile: 'priya', clusterArn: CLUSTER, extra: 1 }, /invalid request for logs.status/],
    ];
    for (const [name, req, message] of bad) {
      const r = await raw(name, req);
      expect(r.ok, name).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_REQUEST');
        expect(r.error.message).toMatch(message);
      }
    }
  });
});

describe('logs wizard channels when AWS cannot be reached', () => {
  it('answers with one plain line naming the call, never a stack trace', async () => {
    const { env } = tempAwsHome({ config: '[profile dev]\nregion = us-east-1\n', credentials: '[dev]\naws_access_key_id = AKIAEXAMPLE000000001\naws_secret_access_key = not-a-real-secret\n' });
    const app = createAppContext({ env, mode: 'cli' });
    const r = await dispatch(app.handlers, 'logs.status', { profile: 'dev', clusterArn: QUIET_ARN });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).not.toBe('INTERNAL');
      expect(r.error.message).toMatch(/^eks:DescribeCluster failed with profile "dev": .*127\.0\.0\.1:9/);
      expect(r.error.message).not.toMatch(/\n|not-a-real-secret/);
    }
    app.close();
  }, 60_000);
});
