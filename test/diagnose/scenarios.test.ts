// For every scenario and every `expect` entry naming a cause: `diagnose --json` (in-process, the sandbox's env,
// real HTTPS, the real aws CLI as kubectl's exec plugin) names it first, with the key evidence; no secrets leak;
// and where the first fix is a kubeconfig change, applying it with the real aws CLI makes the real kubectl work.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAUSE_CODES } from '../../shared/causes.js';
import { runDiagnose } from '../../electron/cli/diagnose.js';
import { loadScenarioFile, startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { classifyGetSvc, cleanEnv, run } from '../helpers/run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const dir = path.resolve(__dirname, '../../sandbox/scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

/** scenario/cluster/profile → what the primary cause's evidence (or detail) must say. */
const KEY_EVIDENCE: Record<string, string[]> = {
  'access-entry-no-policy/reporting/analyst': ['access entry arn:aws:iam::111122223333:role/DataAnalyst', 'no access policies, no Kubernetes groups'],
  'access-entry-stale/payments/deployer': ['access entry arn:aws:iam::111122223333:role/Deployer: username arn:aws:sts::111122223333:assumed-role/Deployer/{{SessionName}}', 'AWS verified the token as arn:aws:sts::111122223333:assumed-role/Deployer/dana'],
  'api-mode-ignores-aws-auth/inventory/developer': ['authentication mode: API', 'aws-auth entry (ignored): mapRoles arn:aws:iam::111122223333:role/Developer'],
  'aws-auth-invalid/search/sre': ['aws-auth mapRoles is malformed and ignored as a whole: does not decode (item #2: groups must be a list of strings)', 'mapRoles line 6 names this identity: - rolearn: arn:aws:iam::111122223333:role/SRE'],
  'aws-auth-not-yaml/ledger/sre': ['aws-auth mapRoles is malformed and ignored as a whole: not valid YAML at line 8, column 26', 'mapRoles line 6 names this identity: - rolearn: arn:aws:iam::111122223333:role/SRE'],
  'clock-skew/telemetry/quinn': ['AWS clock − local clock = 3'],
  'creator-gone/warehouse/olga': ['authentication mode: CONFIG_MAP', 'contractor (InvalidClientTokenId)', 'cluster creator: unknown', 'unknown: who created the cluster', 'unknown: what aws-auth maps'],
  'creator-gone/warehouse/contractor': ['InvalidClientTokenId'],
  'creator-wrong-profile/orders-prod/default': ['presents arn:aws:iam::111122223333:user/maria', 'profile cluster-admin: ADMIN as kubernetes-admin', 'cluster creator: arn:aws:iam::111122223333:user/maria-admin'],
  'deleted-key/billing/erin-old': ['InvalidClientTokenId'],
  'demo/payments-prod/sso-readonly': ['path that breaks the match: /aws-reserved/sso.amazonaws.com/us-east-1/', 'EKS matches arn:aws:iam::111122223333:role/AWSReservedSSO_ReadOnly_2b7d4e6f8a9c0d1e'],
  'demo/payments-prod/old-ci': ['InvalidClientTokenId'],
  'demo/payments-prod/auditor': ['AccessDeniedException', 'eks:DescribeCluster'],
  'demo/checkout-prod/bob': ['access entry arn:aws:iam::111122223333:user/bob', 'no access policies'],
  'demo/data-platform/developer': ['none for arn:aws:iam::111122223333:role/Developer', 'authentication mode: API'],
  'demo/internal-tools/default': ['endpointPublicAccess=false'],
  'demo/ml-training/carol': ['identity: arn:aws:iam::444455556666:user/carol', 'authentication mode: CONFIG_MAP'],
  'env-keys-override/platform-prod/admin': ['overriding the profile: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY', "token resolves to arn:aws:iam::111122223333:user/ci-bot", 'profile admin is arn:aws:iam::111122223333:user/ops-admin'],
  'expired-sso/shipping/gina-sso': ['profile gina-sso (sso)'],
  'inactive-key/fraud-detection/felix': ['InvalidClientTokenId'],
  'credential-shapes/builds/temp': ['ExpiredToken: The security token included in the request is expired'],
  'credential-shapes/builds/bare': ['profile "bare" holds no credentials'],
  'credential-shapes/builds/ci-oidc': ['AWS_PROFILE=bare', 'Unable to locate credentials'],
  'kubeconfig-shapes/web/alice': ['the exec args make tokens for cluster api, not web'],
  'mapping-near-miss/checkout-prod/developer': ['near miss: mapRoles arn:aws:iam::444455556666:role/Developer', 'names account 444455556666 instead of 111122223333'],
  'mapping-near-miss/checkout-prod/jsmith': ['near miss: mapUsers arn:aws:iam::111122223333:user/jsmtih', '2 characters away'],
  'mfa-role/core-banking/operator': ['status mfa-needed'],
  'no-eks-permission/media/paul': ['AccessDeniedException', 'profile eks-owner could describe it'],
  'no-kubeconfig-entry/web-prod/julia': ["kubectl's current context is arn:aws:eks:us-east-1:111122223333:cluster/web-staging", 'uses profile julia for other clusters'],
  'private-endpoint/treasury/lena': ['endpointPublicAccess=false'],
  'rbac-forbidden/mobile-api/minjun': ['Kubernetes user "minjun" in groups [developers', 'may list services in default: no'],
  'role-mapped-with-path/logistics/eks-admin': ['path that breaks the match: /platform/', 'aws-auth entry with path: mapRoles arn:aws:iam::111122223333:role/platform/EKSAdmin'],
  'session-arn-mapped/delivery/deployer': ['session ARN: mapRoles arn:aws:sts::111122223333:assumed-role/Deployer/jenkins'],
  'sso-role-mapped-with-path/storefront/sso-dev': ['path that breaks the match: /aws-reserved/sso.amazonaws.com/us-east-1/'],
  'stale-kubeconfig/events/ivan': ['kubeconfig server: https://127.0.0.1:', 'CA matches: false'],
  'unmapped-role/data-lake/data-engineer': ['none for arn:aws:iam::111122223333:role/DataEngineer', 'arn:aws:iam::111122223333:role/PlatformAdmin'],
  'partitions/beijing/li': ['identity: arn:aws-cn:iam::210987654321:user/li', 'arn:aws-cn:iam::210987654321:role/Deployer'],
  'unmapped-user/analytics/tom': ['identity: arn:aws:iam::111122223333:user/tom', 'arn:aws:iam::111122223333:user/sara', 'ARN is not mapped'],
  'v1alpha1-exec/legacy-batch/kevin': ['apiVersion client.authentication.k8s.io/v1alpha1'],
  // A profile that gets in where kubectl's own entry runs as another profile (kubectl's cause comes first).
  'access-entry-no-policy/reporting/eks-admin': ['AWS_PROFILE=analyst'],
  'access-entry-stale/payments/eks-admin': ['AWS_PROFILE=deployer'],
  'api-mode-ignores-aws-auth/inventory/platform-admin': ['AWS_PROFILE=developer'],
  'aws-auth-invalid/search/infra-admin': ['AWS_PROFILE=sre'],
  'aws-auth-not-yaml/ledger/viewer': ['AWS_PROFILE=sre'],
  // viewer's fix before it points the entry at viewer: whichever profile the entry names, it is named.
  'aws-auth-not-yaml/ledger/infra-admin': ['AWS_PROFILE='],
  'deleted-key/billing/erin': ['AWS_PROFILE=erin-old'],
  'demo/payments-prod/developer': ['AWS_PROFILE=default'],
  'demo/checkout-prod/developer': ['AWS_PROFILE=bob'],
  'demo/data-platform/platform-admin': ['AWS_PROFILE=developer'],
  'demo/dev-sandbox/devops': ['AWS_PROFILE=carol'],
  'demo/ml-training/dev-admin': ['No kubeconfig context talks to arn:aws:eks:'],
  'expired-sso/shipping/owner': ['AWS_PROFILE=gina-sso'],
  'healthy/payments-prod/developer': ['AWS_PROFILE=default'],
  'inactive-key/fraud-detection/sec-admin': ['AWS_PROFILE=felix'],
  'mapping-near-miss/checkout-prod/ops-lead': ['AWS_PROFILE=developer'],
  'mfa-role/core-banking/break-glass': ['AWS_PROFILE=operator'],
  'no-eks-permission/media/eks-owner': ['No kubeconfig context talks to arn:aws:eks:'],
  'rbac-forbidden/mobile-api/k8s-admin': ['AWS_PROFILE=minjun'],
  'role-mapped-with-path/logistics/jordan': ['AWS_PROFILE=eks-admin'],
  'session-arn-mapped/delivery/release-admin': ['AWS_PROFILE=deployer'],
  'sso-role-mapped-with-path/storefront/owner': ['AWS_PROFILE=sso-dev'],
  'unmapped-role/data-lake/platform-admin': ['AWS_PROFILE=data-engineer'],
  'unmapped-user/analytics/priya': ['AWS_PROFILE=tom'],
};

/** First fixes that change only the kubeconfig: applying them must make the real `kubectl get svc` work. */
const KUBECONFIG_FIXES = new Set(['NO_KUBECONFIG_ENTRY', 'KUBECONFIG_STALE', 'EXEC_PLUGIN_BROKEN', 'KUBECONFIG_IDENTITY_MISMATCH']);

interface DiagnosisJson {
  profile: string;
  cluster: { name: string; region: string; arn: string };
  identity?: { arn: string; canonicalArn: string };
  kubectlIdentity?: { arn: string; via: string };
  outcome: string;
  causes: Array<{ code: string; title: string; detail: string; evidence: string[] }>;
  fixes: Array<{ id: string; title: string; steps: Array<{ title: string; command: string }> }>;
  unknowns: Array<{ what: string; why: string; step: string }>;
}

describe.each(files)('%s', (file) => {
  const scenario = loadScenarioFile(path.join(dir, file));
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox(scenario);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  const entries = scenario.expect.filter((e) => e.cause);
  const secrets = [
    ...scenario.accounts.flatMap((a) => (a.users ?? []).flatMap((u) => (u.accessKeys ?? []).map((k) => k.secret).filter(Boolean))),
    ...scenario.profiles.map((p) => p.secretAccessKey).filter(Boolean),
    ...Object.entries(scenario.environment ?? {}).filter(([k]) => /SECRET|TOKEN/.test(k)).map(([, v]) => v),
  ] as string[];

  it.each(entries.map((e) => [e.profile ?? scenario.kubeconfig.find((k) => k.cluster === e.cluster)?.profile ?? '', e.cluster, e.cause!, e] as const))(
    'diagnose --profile %s --cluster %s → %s',
    async (profile, clusterName, cause, e) => {
      expect(profile, 'an expect entry without a profile needs a kubeconfig entry for its cluster').not.toBe('');
      const env = cleanEnv(sandbox.env);
      const r = await runDiagnose(['--profile', profile, '--cluster', clusterName, '--json'], { env });
      expect(r.exitCode, r.stderr).toBe(0);
      const d = JSON.parse(r.stdout) as DiagnosisJson;
      const cluster = scenario.clusters.find((c) => c.name === clusterName)!;
      expect(d.cluster).toEqual({ name: clusterName, region: cluster.region, arn: sandbox.world.clusters.find((c) => c.name === clusterName)!.arn });
      expect(d.cluster.arn.startsWith(`arn:${sandbox.world.partitionOf(cluster.account)}:eks:`)).toBe(true);
      expect(d.profile).toBe(profile);
      expect(d.causes.map((c) => c.code)[0], JSON.stringify(d.causes, null, 1)).toBe(cause);
      for (const c of d.causes) {
        expect(CAUSE_CODES).toContain(c.code);
        expect(c.title.length).toBeGreaterThan(5);
        expect(c.detail).toMatch(/\.\s.+\./);
        expect(c.evidence.length).toBeGreaterThan(0);
      }
      const primary = d.causes[0]!;
      const said = [primary.detail, ...primary.evidence].join('\n');
      for (const line of KEY_EVIDENCE[`${scenario.name}/${clusterName}/${profile}`] ?? []) expect(said).toContain(line);
      if (cause === 'OK') {
        expect(['ADMIN', 'ACCESS']).toContain(d.outcome);
        if (e.username) expect(said).toContain(`Kubernetes user "${e.username}"`);
      } else {
        expect(d.fixes.length, 'a failing cell comes with at least one fix').toBeGreaterThan(0);
        for (const f of d.fixes) for (const s of f.steps) expect(s.command.length).toBeGreaterThan(3);
        // Every ARN a fix names is in the cluster's partition (arn:aws-cn:… for a cluster in China).
        const partition = sandbox.world.partitionOf(cluster.account);
        for (const f of d.fixes) for (const s of f.steps) for (const m of s.command.matchAll(/\barn:([\w-]+):(?:iam|sts|eks):/g)) expect(m[1], s.command).toBe(partition);
      }
      // Each unknown is explained once, in `unknowns`: a cause's evidence names it, never repeats how to find out (nor
      // the long list of where the app looked for the creator).
      const evidence = d.causes.flatMap((c) => c.evidence).join('\n');
      for (const u of d.unknowns) expect(evidence, u.what).not.toContain(u.step);
      for (const u of d.unknowns.filter((x) => x.what === 'who created the cluster')) expect(evidence).not.toContain(u.why);
      // Nothing secret: no bearer token, no secret key, no session token.
      expect(r.stdout).not.toMatch(/k8s-aws-v1\.[A-Za-z0-9_-]{20,}/);
      for (const s of secrets) expect(r.stdout).not.toContain(s);

      if (KUBECONFIG_FIXES.has(cause)) {
        const step = d.fixes[0]!.steps[0]!;
        expect(step.command).toMatch(/^aws eks update-kubeconfig /);
        const args = step.command.split(/\s+/).slice(1);
        const applied = await run('aws', args, env);
        expect(applied.code, applied.stderr).toBe(0);
        const svc = await run('kubectl', ['get', 'svc', '--request-timeout=20s'], env, 90_000);
        expect(classifyGetSvc(svc), svc.stderr).toBe('ok');
      }
      if (cause === 'ENV_CREDENTIALS_OVERRIDE') {
        const unset = d.fixes.find((f) => f.id === 'unset-env-credentials')!.steps[0]!.command.split(/\s+/).slice(1);
        const cleaned = Object.fromEntries(Object.entries(env).filter(([k]) => !unset.includes(k)));
        const svc = await run('kubectl', ['get', 'svc', '--request-timeout=20s'], cleaned, 90_000);
        expect(classifyGetSvc(svc), svc.stderr).toBe('ok');
      }
    },
    120_000,
  );
});

describe('the key-evidence table', () => {
  it('covers every failing expectation of every scenario', () => {
    const missing: string[] = [];
    for (const file of files) {
      const s = loadScenarioFile(path.join(dir, file));
      for (const e of s.expect) {
        if (!e.cause || e.cause === 'OK') continue;
        const profile = e.profile ?? s.kubeconfig.find((k) => k.cluster === e.cluster)?.profile;
        if (!KEY_EVIDENCE[`${s.name}/${e.cluster}/${profile}`]) missing.push(`${s.name}/${e.cluster}/${profile}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
