// `fix` as a command: bad flags (exit 2, one line), an id the diagnosis does not offer (exit 2 with the ids that
// apply), the preview that changes nothing, a fix the user does (exit 1 with its steps), no profile that can grant
// (exit 1 with the commands to send the admin), only a writer that cannot grant (exit 1 with why), a writer that cannot write.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFix } from '../../electron/cli/fix.js';
import { loadScenarioFile, startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { findBinding } from '../../sandbox/k8s/rbac-store.js';
import { cleanEnv } from '../helpers/run.js';
import { openWorld, type FixWorld } from './fixture.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const oneLine = /^error: [^\n]+\n$/;

describe('fix arguments', () => {
  it.each([
    [[], '--profile is required'],
    [['--profile', 'p', '--fix', 'map-identity'], '--cluster is required'],
    [['--profile', 'p', '--cluster', 'c'], '--fix is required'],
    [['--profile', 'p', '--cluster', 'bad name!', '--fix', 'map-identity'], '--cluster: "bad name!": an EKS cluster name is letters, digits'],
    [['--profile', 'p', '--cluster', 'c', '--fix', 'map-identity', '--region', 'mars'], '--region: "mars": a region name looks like us-east-1'],
    [['--profile', 'p', '--cluster', 'c', '--fix', 'Bad Id'], '--fix: "Bad Id" must be a fix id of the diagnosis'],
    [['--profile', 'p', '--cluster', 'c', '--fix', 'map-identity', '--bogus'], "Unknown option '--bogus'"],
    [['--profile', 'p', '--cluster', 'c', '--fix', 'map-identity', 'extra'], 'positional'],
    [['--profile', 'p', '--cluster', 'c', '--fix', 'map-identity', '--yes=1'], "--yes"],
  ])('%j → exit 2: %s', async (args, message) => {
    const r = await runFix(args as string[], { env: { PATH: process.env.PATH } });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toMatch(oneLine);
  });
});

describe('fix against unmapped-user', () => {
  let w: FixWorld;
  beforeAll(async () => {
    w = await openWorld('unmapped-user');
  });
  afterAll(async () => {
    await w?.sb.stop();
  });
  const base = ['--profile', 'tom', '--cluster', 'analytics'];
  const awsAuthVersion = () => w.sb.world.clusters[0]!.configMaps.get('kube-system/aws-auth')!.resourceVersion;

  it('an id the diagnosis does not offer → exit 2 naming the ids that apply', async () => {
    const r = await w.fix([...base, '--fix', 'associate-access-policy', '--yes']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(oneLine);
    expect(r.stderr).toContain('fix "associate-access-policy" does not apply to tom on analytics (NOT_MAPPED); the fixes that apply: map-identity, create-access-entry');
  });

  it('the access entry on a CONFIG_MAP cluster needs --switch-mode: refused without it (exit 2, the flag named), nothing changed', async () => {
    const preview = await w.fix([...base, '--fix', 'create-access-entry']);
    expect(preview.exitCode).toBe(2);
    expect(preview.stderr).toMatch(oneLine);
    expect(preview.stderr).toMatch(/would be refused: .*re-run with --switch-mode to agree/);
    // No policy chosen: the narrowest, said so.
    expect(preview.stdout).toContain('Access: no access was chosen, so the narrowest that lets `kubectl get svc` work: AmazonEKSViewPolicy (read-only) for the whole cluster');
    const r = await w.fix([...base, '--fix', 'create-access-entry', '--yes']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(oneLine);
    expect(r.stderr).toMatch(/one-way.*re-run with --switch-mode to agree/);
    expect(w.sb.world.clusters[0]!.authenticationMode).toBe('CONFIG_MAP');
  });

  it('an unknown profile → exit 2', async () => {
    const r = await w.fix(['--profile', 'nobody', '--cluster', 'analytics', '--fix', 'map-identity']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: no profile named "nobody"[^\n]*\n$/);
  });

  it('without --yes: the diff and the writer, nothing written, last line says how to apply', async () => {
    const rv = awsAuthVersion();
    const kube = readFileSync(w.env.KUBECONFIG!, 'utf8');
    const r = await w.fix([...base, '--fix', 'map-identity']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('as priya');
    expect(r.stdout).toContain('+- userarn: arn:aws:iam::111122223333:user/tom');
    // No group chosen: the narrowest access that lets kubectl get svc work, said so, with the binding it creates.
    expect(r.stdout).toContain('Access: no access was chosen, so the narrowest that lets `kubectl get svc` work: read-only, group eks-access-doctor:view bound to ClusterRole view');
    expect(r.stdout).toContain('$ kubectl create clusterrolebinding eks-access-doctor-view --clusterrole=view --group=eks-access-doctor:view');
    expect(r.stdout).toContain('→ username "tom", groups [eks-access-doctor:view]');
    expect(r.stdout).not.toContain('warning: system:masters');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('re-run with --yes to apply');
    const j = await w.fix([...base, '--fix', 'map-identity', '--json']);
    const out = JSON.parse(j.stdout);
    expect(out).toMatchObject({ applied: [], outcome: 'UNAUTHORIZED', next: 're-run with --yes to apply', preview: { id: 'map-identity', writerProfile: 'priya', change: 'added', writer: { arn: 'arn:aws:iam::111122223333:user/priya' } } });
    expect(out.preview.diff).toContain('user/tom');
    expect(awsAuthVersion()).toBe(rv);
    expect(readFileSync(w.env.KUBECONFIG!, 'utf8')).toBe(kube);
    expect((await w.kubectlGetSvc()).outcome).toBe('unauthorized');
  }, 120_000);

  it('--admin-profile that cannot read aws-auth → exit 1, one line, nothing written', async () => {
    const rv = awsAuthVersion();
    const r = await w.fix([...base, '--fix', 'map-identity', '--admin-profile', 'tom', '--yes']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(oneLine);
    expect(r.stderr).toContain('profile "tom" cannot sign in to analytics (401 Unauthorized)');
    expect(awsAuthVersion()).toBe(rv);
  }, 60_000);

  it('--admin-profile that does not exist → exit 2', async () => {
    const r = await w.fix([...base, '--fix', 'map-identity', '--admin-profile', 'ghost', '--yes']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: --admin-profile: no profile named "ghost"\n');
  }, 60_000);

  it('--yes with no access choice: tom gets read-only view (the view group alone, bound to ClusterRole view) and the real kubectl lists services', async () => {
    const r = await w.fix([...base, '--fix', 'map-identity', '--yes', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.defaultAccess).toMatch(/^no access was chosen, so the narrowest .*ClusterRole view/);
    expect(out.applied[0].steps.map((s: { title: string; ok: boolean }) => [s.title.split(' (')[0], s.ok])).toEqual([['Create ClusterRoleBinding eks-access-doctor-view', true], ['Write kube-system/aws-auth', true]]);
    expect(out.verify).toMatchObject({ sameAsProfile: true, getSvc: 'ok' });
    // Read-only and nothing more: tom's mapping holds the view group alone, bound to ClusterRole view.
    const cluster = w.sb.world.clusters[0]!;
    expect(cluster.configMaps.get('kube-system/aws-auth')!.data.mapUsers).toMatch(/userarn: arn:aws:iam::111122223333:user\/tom\n\s+username: tom\n\s+groups:\n\s+- eks-access-doctor:view\n/);
    expect(findBinding(cluster, 'ClusterRoleBinding', undefined, 'eks-access-doctor-view')).toMatchObject({ roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'Group', name: 'eks-access-doctor:view' }] });
  }, 120_000);
});

/** A scenario's sandbox without one of its profiles (and that profile's expectations). */
function sandboxWithout(scenario: string, profile: string): Promise<SandboxHandle> {
  const s = loadScenarioFile(`sandbox/scenarios/${scenario}.yaml`);
  s.profiles = s.profiles.filter((p) => p.name !== profile);
  s.expect = s.expect.filter((e) => e.profile !== profile);
  return startSandbox(s);
}

describe('fix without a profile that can grant', () => {
  let sb: SandboxHandle;
  beforeAll(async () => {
    // unmapped-user without priya: tom is the only profile, and he is the one refused.
    sb = await sandboxWithout('unmapped-user', 'priya');
  });
  afterAll(async () => {
    await sb?.stop();
  });

  it('→ exit 1 with the commands to send the cluster admin', async () => {
    const r = await runFix(['--profile', 'tom', '--cluster', 'analytics', '--fix', 'map-identity', '--yes'], { env: cleanEnv(sb.env) });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(oneLine);
    expect(r.stderr).toContain('error: no profile of yours can grant access; ask the cluster admin: eksctl create iamidentitymapping --cluster analytics --region us-east-1 --arn arn:aws:iam::111122223333:user/tom');
  }, 60_000);
});

describe('fix when the only writer on offer is the refused identity itself', () => {
  let sb: SandboxHandle;
  beforeAll(async () => {
    // api-mode-ignores-aws-auth without platform-admin: developer listed the access entries, so it is the one candidate.
    sb = await sandboxWithout('api-mode-ignores-aws-auth', 'platform-admin');
  });
  afterAll(async () => {
    await sb?.stop();
  });

  it('→ exit 1 before any change, naming why it cannot grant and the flag to name a writer', async () => {
    const entries = [...sb.world.clusters[0]!.accessEntries.keys()];
    const r = await runFix(['--profile', 'developer', '--cluster', 'inventory', '--fix', 'create-access-entry', '--yes', '--json'], { env: cleanEnv(sb.env) });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(oneLine);
    expect(r.stderr).toContain('error: no profile of yours can grant access (developer cannot sign in to this cluster, so it cannot grant access); pass --admin-profile <profile>');
    expect(r.stderr).toContain('ask the cluster admin: aws eks create-access-entry --cluster-name inventory');
    expect([...sb.world.clusters[0]!.accessEntries.keys()]).toEqual(entries);
  }, 60_000);
});

describe('a fix the user does', () => {
  let w: FixWorld;
  beforeAll(async () => {
    w = await openWorld('env-keys-override');
  });
  afterAll(async () => {
    await w?.sb.stop();
  });

  it('unset-env-credentials → exit 1 with its steps', async () => {
    const r = await w.fix(['--profile', 'admin', '--cluster', 'platform-prod', '--fix', 'unset-env-credentials', '--yes']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(oneLine);
    expect(r.stderr).toMatch(/^error: this fix is done by you: unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY/);
    expect(r.stdout).toMatch(/^this fix is done by you: Or, in your own shell: remove the credential variables/);
    expect(r.stdout).toContain('$ kubectl get svc');
    const j = await w.fix(['--profile', 'admin', '--cluster', 'platform-prod', '--fix', 'unset-env-credentials', '--json']);
    expect(j.exitCode).toBe(1);
    expect(JSON.parse(j.stdout)).toMatchObject({ manual: true, applied: [], fix: { id: 'unset-env-credentials' } });
    expect(j.stdout).not.toContain('ciBotSecretKey');
  }, 60_000);
});

describe('a malformed aws-auth is repaired only with consent', () => {
  let w: FixWorld;
  beforeAll(async () => {
    w = await openWorld('aws-auth-invalid');
  });
  afterAll(async () => {
    await w?.sb.stop();
  });

  it('fix-aws-auth-item without --repair-invalid: the preview shows the bad item and exits 2 naming the flag, --yes refuses, nothing written', async () => {
    const cm = () => w.sb.world.clusters[0]!.configMaps.get('kube-system/aws-auth')!;
    const rv = cm().resourceVersion;
    const args = ['--profile', 'sre', '--cluster', 'search', '--fix', 'fix-aws-auth-item'];
    const preview = await w.fix(args);
    expect(preview.exitCode, preview.stderr).toBe(2);
    expect(preview.stderr).toMatch(oneLine);
    expect(preview.stderr).toContain('re-run with --repair-invalid');
    expect(preview.stdout).toContain('malformed key: mapRoles does not decode (item #2: groups must be a list of strings); the authenticator ignores every entry in it');
    expect(preview.stdout).toContain('re-run with --repair-invalid');
    expect(preview.stdout).not.toContain('already holds');
    const r = await w.fix([...args, '--yes']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(oneLine);
    expect(r.stderr).toContain('the app repairs it only with your consent: re-run with --repair-invalid');
    expect(cm().resourceVersion).toBe(rv);
    expect((await w.kubectlGetSvc()).outcome).toBe('unauthorized');
  }, 90_000);
});

describe('an aws-auth key that is not YAML', () => {
  let w: FixWorld;
  beforeAll(async () => {
    w = await openWorld('aws-auth-not-yaml');
  });
  afterAll(async () => {
    await w?.sb.stop();
  });

  it('diagnose names it; the grant preview says what is wrong and never "already holds"; repaired only with consent', async () => {
    const cm = () => w.sb.world.clusters[0]!.configMaps.get('kube-system/aws-auth')!;
    const d = await w.diagnoseJson('sre', 'ledger');
    expect(d.causes[0]!.code).toBe('AWS_AUTH_INVALID');
    expect(d.causes.map((c) => c.code)).not.toContain('NOT_MAPPED');
    expect(d.causes[0]!.evidence).toContain('aws-auth mapRoles is malformed and ignored as a whole: not valid YAML at line 8, column 26: Flow sequence in block collection must be sufficiently indented and end with a ]');
    expect(d.fixes[0]!.id).toBe('fix-aws-auth-item');

    const rv = cm().resourceVersion;
    const args = ['--profile', 'sre', '--cluster', 'ledger', '--fix', 'fix-aws-auth-item'];
    const preview = await w.fix(args);
    expect(preview.exitCode, preview.stderr).toBe(2);
    expect(preview.stdout).not.toContain('already holds');
    expect(preview.stdout).toContain('(nothing can be written: see "refused" below)');
    expect(preview.stdout).toContain('malformed key: mapRoles is not valid YAML at line 8, column 26');
    expect(preview.stdout).toContain('re-run with --repair-invalid');
    const refused = await w.fix([...args, '--yes']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(oneLine);
    expect(cm().resourceVersion).toBe(rv);

    const consented = await w.fix([...args, '--repair-invalid']);
    expect(consented.exitCode, consented.stderr).toBe(0);
    expect(consented.stdout).toContain('mapRoles lines 6–8 cannot be read and are taken out (they named arn:aws:iam::111122223333:role/SRE)');
    expect(consented.stdout).toContain('-  groups: [system:masters\n+  groups:\n+    - system:masters');
    expect(consented.stdout).not.toContain('refused:');
    expect(cm().resourceVersion).toBe(rv);
  }, 120_000);
});

describe('rbac-binding preview', () => {
  let w: FixWorld;
  beforeAll(async () => {
    w = await openWorld('rbac-forbidden');
  });
  afterAll(async () => {
    await w?.sb.stop();
  });

  it('shows the RoleBinding of the diagnosis, to be created by the admin profile', async () => {
    const r = await w.fix(['--profile', 'minjun', '--cluster', 'mobile-api', '--fix', 'rbac-binding', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.preview).toMatchObject({ id: 'rbac-binding', writerProfile: 'k8s-admin', roleBinding: { namespace: 'default', clusterRole: 'view', subject: { kind: 'Group', name: 'developers' } } });
    expect(out.problems).toEqual([]);
  }, 60_000);
});
