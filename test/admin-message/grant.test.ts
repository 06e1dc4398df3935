// "The ask-the-admin message, run by an admin identity exactly as written, grants the access": the message comes from
// the real `admin.message` channel (contract validation, ProfilesService, the matrix or DescribeCluster), its commands
// run in bash with the real `aws` CLI as the admin's profile, and the refused identity's real
// `aws eks update-kubeconfig` + `kubectl get svc` then gets in. eksctl is not installed here: its line is checked by
// how bash splits it.
import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { dispatch } from '../../electron/dispatch.js';
import type { AdminMessageResult } from '../../shared/wizard-types.js';
import { startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { sandboxEnv } from '../app/support.js';
import { classifyGetSvc, cleanEnv, run, type GetSvcOutcome } from '../helpers/run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

interface World {
  sb: SandboxHandle;
  app: AppContext;
  env: Record<string, string>;
}

let world: World | undefined;

afterEach(async () => {
  world?.app.close();
  await world?.sb.stop();
  world = undefined;
});

async function open(scenario: string): Promise<World> {
  const sb = await startSandbox(`sandbox/scenarios/${scenario}.yaml`);
  const app = createAppContext({ env: sandboxEnv(sb.env), mode: 'cli' });
  world = { sb, app, env: cleanEnv(sb.env) };
  return world;
}

async function message(w: World, req: Record<string, unknown>): Promise<AdminMessageResult> {
  const r = await dispatch(w.app.handlers, 'admin.message', req);
  if (!r.ok) throw new Error(`admin.message: ${r.error.code}: ${r.error.message}`);
  return r.result as AdminMessageResult;
}

/** The admin pastes the commands into bash, as written, signed in as `adminProfile`. */
async function runAsAdmin(w: World, adminProfile: string, commands: string[]) {
  const script = ['set -e', ...commands].join('\n');
  return run('bash', ['-c', script], { ...w.env, AWS_PROFILE: adminProfile }, 120_000);
}

async function getSvcAs(w: World, profile: string, cluster: string, region: string, namespace = 'default'): Promise<{ outcome: GetSvcOutcome; stderr: string }> {
  const u = await run('aws', ['eks', 'update-kubeconfig', '--name', cluster, '--region', region, '--profile', profile], w.env, 60_000);
  if (u.code !== 0) throw new Error(`update-kubeconfig failed: ${u.stderr}`);
  const r = await run('kubectl', ['get', 'svc', '--namespace', namespace], w.env, 60_000);
  return { outcome: classifyGetSvc(r), stderr: r.stderr };
}

/** For a profile that may not describe the cluster: the entry written by `describer`, its exec env switched to `profile`. */
async function getSvcWithEnvProfile(w: World, profile: string, describer: string, clusterArn: string): Promise<GetSvcOutcome> {
  const [, , , region, , resource] = clusterArn.split(':');
  const u = await run('aws', ['eks', 'update-kubeconfig', '--name', resource!.slice('cluster/'.length), '--region', region!, '--profile', describer], w.env, 60_000);
  if (u.code !== 0) throw new Error(`update-kubeconfig failed: ${u.stderr}`);
  const s = await run('kubectl', ['config', 'set-credentials', clusterArn, `--exec-env=AWS_PROFILE=${profile}`], w.env, 60_000);
  if (s.code !== 0) throw new Error(`set-credentials failed: ${s.stderr}`);
  return classifyGetSvc(await run('kubectl', ['get', 'svc'], w.env, 60_000));
}

/** Every secret the sandbox knows: long-term keys, issued sessions, the credentials file's secrets. */
function secretsOf(sb: SandboxHandle): string[] {
  const w = sb.world as unknown as { principals: Map<string, { accessKeys?: { secret: string }[] }>; sessions: Map<string, { secret: string; sessionToken: string }> };
  const out: string[] = [];
  for (const p of w.principals.values()) for (const k of p.accessKeys ?? []) out.push(k.secret);
  for (const s of w.sessions.values()) out.push(s.secret, s.sessionToken);
  const creds = sb.env.AWS_SHARED_CREDENTIALS_FILE;
  if (creds && existsSync(creds)) for (const m of readFileSync(creds, 'utf8').matchAll(/^\s*aws_(?:secret_access_key|session_token)\s*=\s*(\S+)/gm)) out.push(m[1]!);
  return out.filter((s) => typeof s === 'string' && s.length >= 8);
}

describe('API mode (api-mode-ignores-aws-auth): developer is refused, platform-admin is an admin', () => {
  const inventory = 'arn:aws:eks:eu-west-1:111122223333:cluster/inventory';

  it('the message with a namespace scope, run by the admin as written, lets developer list services in that namespace only', async () => {
    const w = await open('api-mode-ignores-aws-auth');
    expect((await getSvcAs(w, 'developer', 'inventory', 'eu-west-1')).outcome).toBe('unauthorized');

    const m = await message(w, { profile: 'developer', clusterArn: inventory, namespaces: ['default', 'apps'] });
    expect(m.mimeType).toBe('text/plain');
    expect(m.filename).toBe('ask-admin-inventory-Developer.txt');
    expect(m.text).toContain('IAM role: arn:aws:iam::111122223333:role/Developer');
    expect(m.text).toContain('Authentication mode: API');
    expect(m.commands).toEqual([
      'aws eks create-access-entry --cluster-name inventory --region eu-west-1 --principal-arn arn:aws:iam::111122223333:role/Developer',
      'aws eks associate-access-policy --cluster-name inventory --region eu-west-1 --principal-arn arn:aws:iam::111122223333:role/Developer --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy --access-scope type=namespace,namespaces=default,apps',
    ]);
    for (const c of m.commands) expect(m.text).toContain(c);
    for (const secret of secretsOf(w.sb)) expect(m.text).not.toContain(secret);

    const ran = await runAsAdmin(w, 'platform-admin', m.commands);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain('"principalArn": "arn:aws:iam::111122223333:role/Developer"');
    // The CLI's shorthand put both namespaces into the scope.
    const listed = await run('aws', ['eks', 'list-associated-access-policies', '--cluster-name', 'inventory', '--region', 'eu-west-1', '--principal-arn', 'arn:aws:iam::111122223333:role/Developer', '--profile', 'platform-admin', '--output', 'json'], w.env);
    expect(JSON.parse(listed.stdout).associatedAccessPolicies[0].accessScope).toEqual({ type: 'namespace', namespaces: ['default', 'apps'] });

    expect(await getSvcAs(w, 'developer', 'inventory', 'eu-west-1')).toMatchObject({ outcome: 'ok' });
    // The namespace scope holds: authenticated now, but not allowed in kube-system.
    expect((await getSvcAs(w, 'developer', 'inventory', 'eu-west-1', 'kube-system')).outcome).toBe('forbidden');
  });

  it('a profile that may not describe the cluster, before any scan: the mode is unknown and the message gives both routes; after a scan the matrix knows it is API', async () => {
    const w = await open('api-mode-ignores-aws-auth');
    const unknown = await message(w, { profile: 'devi', clusterArn: inventory, policy: 'AmazonEKSEditPolicy' });
    expect(unknown.text).toContain('Authentication mode: unknown');
    // Before a scan nothing says a profile of the user's could grant it.
    expect(unknown.granters).toEqual([]);
    expect(unknown.text).toContain('none of my own AWS profiles may change who has access to it');
    expect(unknown.commands[0]).toBe('aws eks describe-cluster --name inventory --region eu-west-1 --query cluster.accessConfig.authenticationMode --output text');
    expect(unknown.commands.some((c) => c.startsWith('eksctl create iamidentitymapping') && c.includes('--arn arn:aws:iam::111122223333:user/devi'))).toBe(true);
    expect(unknown.commands.some((c) => c.startsWith('aws eks create-access-entry'))).toBe(true);
    // The admin reads the mode with the message's first command: API, so only the access-entry commands are needed.
    const mode = await runAsAdmin(w, 'platform-admin', [unknown.commands[0]!]);
    expect(mode.stdout.trim()).toBe('API');
    expect(await getSvcWithEnvProfile(w, 'devi', 'platform-admin', inventory)).toBe('unauthorized');

    const start = await dispatch(w.app.handlers, 'matrix.start', { profiles: ['platform-admin', 'devi'] });
    expect(start.ok).toBe(true);
    for (let i = 0; i < 1200 && w.app.matrix.state().running; i++) await new Promise((r) => setTimeout(r, 50));
    const known = await message(w, { profile: 'devi', clusterArn: inventory, policy: 'AmazonEKSEditPolicy' });
    expect(known.text).toContain('Authentication mode: API');
    // The scan found platform-admin an administrator of inventory: the message does not claim that no profile can grant.
    expect(known.granters).toEqual(['platform-admin']);
    expect(known.text).not.toMatch(/none of my own AWS profiles/);
    expect(known.text).toContain('the cluster does not map my AWS identity.');
    expect(known.commands).toHaveLength(2);
    const ran = await runAsAdmin(w, 'platform-admin', known.commands);
    expect(ran.code, ran.stderr).toBe(0);
    expect(await getSvcWithEnvProfile(w, 'devi', 'platform-admin', inventory)).toBe('ok');
  });

  it('bad requests and profiles whose credentials do not work get one plain message', async () => {
    const w = await open('api-mode-ignores-aws-auth');
    const bad = await dispatch(w.app.handlers, 'admin.message', { profile: 'developer', clusterArn: inventory, namespaces: ['Not_A_Namespace'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(!bad.ok && bad.error.message).toMatch(/^invalid request for admin\.message: namespaces\.0: /);

    const missing = await dispatch(w.app.handlers, 'admin.message', { profile: 'nobody', clusterArn: inventory });
    expect(missing).toMatchObject({ ok: false, error: { code: 'PROFILE_NOT_FOUND' } });

    appendFileSync(w.sb.env.AWS_SHARED_CREDENTIALS_FILE!, '\n[broken]\naws_access_key_id = AKIAUNKNOWN000000001\naws_secret_access_key = brokenSecret0000000000000000000000000001\n');
    const broken = await dispatch(w.app.handlers, 'admin.message', { profile: 'broken', clusterArn: inventory });
    expect(broken).toMatchObject({ ok: false, error: { code: 'CREDENTIALS_NOT_WORKING' } });
    const text = !broken.ok ? broken.error.message : '';
    expect(text).toMatch(/^profile "broken" has credentials that do not work .*: fix its credentials first/);
    expect(text).not.toContain('brokenSecret');
    expect(text).not.toMatch(/\n|at .*\.ts:\d+/);
  });
});

describe('CONFIG_MAP (role-mapped-with-path): eks-admin (a role under /platform/) is refused, jordan created the cluster', () => {
  it('the access-entry route — the one-way switch, the wait, the entry with the full role ARN — run as written, lets eks-admin in; the eksctl line names the role without its path', async () => {
    const w = await open('role-mapped-with-path');
    expect((await getSvcAs(w, 'eks-admin', 'logistics', 'us-east-1')).outcome).toBe('unauthorized');

    const m = await message(w, { profile: 'eks-admin', clusterArn: 'arn:aws:eks:us-east-1:111122223333:cluster/logistics' });
    expect(m.text).toContain('Authentication mode: CONFIG_MAP');
    expect(m.text).toContain('IAM role: arn:aws:iam::111122223333:role/EKSAdmin');
    for (const secret of secretsOf(w.sb)) expect(m.text).not.toContain(secret);

    // Option A, aws-auth: eksctl is not installed on this machine; the line must name the ARN EKS compares (no path).
    const eksctl = m.commands.find((c) => c.startsWith('eksctl'))!;
    const stub = 'eksctl() { printf "%s\\n" "$@"; }';
    const argv = (await run('bash', ['-c', `${stub}\n${eksctl}`], w.env, 10_000)).stdout.trimEnd().split('\n');
    expect(argv).toEqual([
      'create', 'iamidentitymapping', '--cluster', 'logistics', '--region', 'us-east-1', '--arn', 'arn:aws:iam::111122223333:role/EKSAdmin',
      '--username', 'EKSAdmin:{{SessionName}}', '--group', 'eks-viewers', '--no-duplicate-arns',
    ]);

    // Option B, run exactly as written from the mode switch on.
    const routeB = m.commands.slice(m.commands.findIndex((c) => c.startsWith('UPDATE_ID=')));
    expect(routeB).toHaveLength(4);
    expect(routeB[2]).toBe('aws eks create-access-entry --cluster-name logistics --region us-east-1 --principal-arn arn:aws:iam::111122223333:role/platform/EKSAdmin');
    const ran = await runAsAdmin(w, 'jordan', routeB);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/update [0-9a-f-]{36}: Successful\nauthentication mode is now API_AND_CONFIG_MAP\n/);

    const mode = await run('aws', ['eks', 'describe-cluster', '--name', 'logistics', '--region', 'us-east-1', '--profile', 'jordan', '--query', 'cluster.accessConfig.authenticationMode', '--output', 'text'], w.env);
    expect(mode.stdout.trim()).toBe('API_AND_CONFIG_MAP');
    expect(await getSvcAs(w, 'eks-admin', 'logistics', 'us-east-1')).toMatchObject({ outcome: 'ok' });
  });
});
