// The scenario library loads and builds a World, says what it is about, and stays consistent with the
// reference; broken scenario files get one clear message naming file, line, field and expectation.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { generateScenario, generateScenarioInput } from '../../bench/gen-scenario.js';
import { parseAwsAuth } from '../../sandbox/k8s/aws-auth.js';
import { loadScenarioFile, parseScenario } from '../../sandbox/scenario/load.js';
import type { Scenario } from '../../sandbox/scenario/schema.js';
import { World } from '../../sandbox/world/world.js';

const dir = path.resolve(__dirname, '../../sandbox/scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const AWS_AUTH_KEYS = ['mapRoles', 'mapUsers', 'mapAccounts'] as const;

/** Some cluster of the scenario has aws-auth data. */
const hasAwsAuth = (s: Scenario) => s.clusters.some((c) => AWS_AUTH_KEYS.some((k) => c.awsAuth?.[k]));
/** What the scenario expects the invisible creator admin (kubernetes-admin) for. */
const creatorAdminExpectations = (s: Scenario) => s.expect.filter((x) => x.username === 'kubernetes-admin');

/** The root-cause catalogue (shared/causes.ts). */
const CAUSES = new Set([
  'OK', 'CREDENTIALS_MISSING', 'CREDENTIALS_INVALID', 'CREDENTIALS_EXPIRED', 'MFA_REQUIRED', 'ENV_CREDENTIALS_OVERRIDE',
  'KUBECONFIG_IDENTITY_MISMATCH', 'NO_KUBECONFIG_ENTRY', 'KUBECONFIG_STALE', 'EXEC_PLUGIN_BROKEN', 'NOT_MAPPED',
  'MAPPED_WITH_PATH', 'MAPPED_SESSION_ARN', 'MAPPING_NEAR_MISS', 'AWS_AUTH_INVALID', 'CONFIGMAP_IGNORED', 'FORBIDDEN',
  'CREATOR_GONE', 'NO_EKS_PERMISSION', 'CLUSTER_NOT_FOUND', 'ENDPOINT_UNREACHABLE', 'CLOCK_SKEW',
  'ACCESS_ENTRY_STALE',
]);

/** One scenario per branch, and the cause each one is about. */
const BRANCHES: Record<string, string | undefined> = {
  healthy: 'OK',
  'creator-wrong-profile': 'KUBECONFIG_IDENTITY_MISMATCH',
  'env-keys-override': 'ENV_CREDENTIALS_OVERRIDE',
  'unmapped-user': 'NOT_MAPPED',
  'unmapped-role': 'NOT_MAPPED',
  'role-mapped-with-path': 'MAPPED_WITH_PATH',
  'sso-role-mapped-with-path': 'MAPPED_WITH_PATH',
  'session-arn-mapped': 'MAPPED_SESSION_ARN',
  'mapping-near-miss': 'MAPPING_NEAR_MISS',
  'aws-auth-invalid': 'AWS_AUTH_INVALID',
  'aws-auth-not-yaml': 'AWS_AUTH_INVALID',
  'access-entry-no-policy': 'FORBIDDEN',
  'api-mode-ignores-aws-auth': 'CONFIGMAP_IGNORED',
  'deleted-key': 'CREDENTIALS_INVALID',
  'inactive-key': 'CREDENTIALS_INVALID',
  'expired-sso': 'CREDENTIALS_EXPIRED',
  'mfa-role': 'MFA_REQUIRED',
  'stale-kubeconfig': 'KUBECONFIG_STALE',
  'no-kubeconfig-entry': 'NO_KUBECONFIG_ENTRY',
  'v1alpha1-exec': 'EXEC_PLUGIN_BROKEN',
  'private-endpoint': 'ENDPOINT_UNREACHABLE',
  'rbac-forbidden': 'FORBIDDEN',
  'creator-gone': 'CREATOR_GONE',
  'no-eks-permission': 'NO_EKS_PERMISSION',
  'clock-skew': 'CLOCK_SKEW',
  'access-entry-stale': 'ACCESS_ENTRY_STALE',
  demo: undefined,
};

/** Scenarios whose aws-auth has a key the authenticator ignores as a whole, and which key. */
const DELIBERATELY_MALFORMED: Record<string, string[]> = { 'aws-auth-invalid': ['mapRoles'], 'aws-auth-not-yaml': ['mapRoles'] };

describe('scenario library', () => {
  it('has one file per branch', () => {
    expect(files.map((f) => f.replace(/\.yaml$/, ''))).toEqual(expect.arrayContaining(Object.keys(BRANCHES)));
  });

  it('has scenarios for the checks that apply to some only (aws-auth data, the creator admin)', () => {
    const scenarios = files.map((f) => loadScenarioFile(path.join(dir, f)));
    expect(scenarios.filter(hasAwsAuth).map((s) => s.name)).toEqual(expect.arrayContaining(['aws-auth-invalid', 'demo']));
    expect(scenarios.filter((s) => creatorAdminExpectations(s).length > 0).length).toBeGreaterThan(0);
  });

  describe.each(files)('%s', (file) => {
    const scenario = loadScenarioFile(path.join(dir, file));

    it('loads, builds a World and tells its story', () => {
      const world = new World(scenario);
      expect(scenario.name).toBe(file.replace(/\.yaml$/, ''));
      expect(scenario.description.length).toBeGreaterThan(40);
      expect(world.clusters.length).toBe(scenario.clusters.length);
      expect(scenario.expect.length).toBeGreaterThan(0);
    });

    it('expects causes from the catalogue, its own branch among them', () => {
      for (const e of scenario.expect) if (e.cause) expect(CAUSES, e.cause).toContain(e.cause);
      const branch = BRANCHES[scenario.name];
      if (branch) expect(scenario.expect.map((e) => e.cause)).toContain(branch);
    });

    // Only for the scenarios it applies to: elsewhere it would assert nothing.
    if (hasAwsAuth(scenario)) it('writes aws-auth data that is YAML lists (malformed keys are deliberate, not typos)', () => {
      for (const c of scenario.clusters) {
        const malformed = parseAwsAuth(c.awsAuth).malformed.map((m) => m.key);
        // Only these scenarios carry a malformed key, and each says so in its expectations.
        expect(malformed, c.name).toEqual(DELIBERATELY_MALFORMED[scenario.name] ?? []);
        for (const key of ['mapRoles', 'mapUsers'] as const) {
          const text = c.awsAuth?.[key];
          if (!text || malformed.includes(key)) continue;
          for (const item of parse(text) as Array<Record<string, unknown>>) {
            expect(item[key === 'mapRoles' ? 'rolearn' : 'userarn'], `${c.name} ${key}`).toMatch(/^arn:aws(-cn|-us-gov)?:(iam|sts)::\d{12}:/);
          }
        }
      }
    });

    if (creatorAdminExpectations(scenario).length > 0) it('names the creator when it expects the invisible creator admin (kubernetes-admin)', () => {
      const world = new World(scenario);
      for (const e of creatorAdminExpectations(scenario)) {
        const cluster = world.clusters.find((c) => c.name === e.cluster)!;
        expect(cluster.authenticationMode).toBe('CONFIG_MAP');
        const profileName = e.profile ?? scenario.kubeconfig.find((k) => k.cluster === e.cluster)?.profile;
        const profile = scenario.profiles.find((p) => p.name === profileName)!;
        expect(world.userForProfile(profile)?.arn).toBe(cluster.creatorArn);
      }
    });
  });
});

describe('a role deleted and re-created with the same ARN', () => {
  it('gets a new unique ID, and a stale access entry stays bound to the earlier one', () => {
    const scenario = loadScenarioFile(path.join(dir, 'access-entry-stale.yaml'));
    const arn = 'arn:aws:iam::111122223333:role/Deployer';
    const world = new World(scenario);
    const fresh = new World({ ...scenario, accounts: scenario.accounts.map((a) => ({ ...a, roles: a.roles.map((r) => ({ ...r, recreated: false })) })) });
    const role = world.principals.get(arn)!;
    expect(role.uniqueId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(role.uniqueId).not.toBe(fresh.principals.get(arn)!.uniqueId);
    const entry = world.clusters[0]!.accessEntries.get(arn)!;
    expect(entry.principalId).toBe(fresh.principals.get(arn)!.uniqueId);
    expect(fresh.clusters[0]!.accessEntries.get(arn)!.principalId).not.toBe(fresh.principals.get(arn)!.uniqueId);
  });
});

describe('scenario validation messages', () => {
  const base = [
    'name: broken',
    'accounts:',
    '  - id: "111122223333"',
    '    users:',
    '      - name: alice',
    'clusters:',
    '  - name: prod',
    '    account: "111122223333"',
    '    region: us-east-1',
    '    authenticationMode: CONFIG_MAP',
    '',
  ].join('\n');
  const message = (text: string) => {
    try {
      parseScenario(text, 'broken.yaml');
    } catch (err) {
      return (err as Error).message;
    }
    return 'no error';
  };

  it('accepts the valid base', () => {
    expect(message(base)).toBe('no error');
  });

  it('names a bad enum value, its path and line', () => {
    expect(message(base.replace('authenticationMode: CONFIG_MAP', 'authenticationMode: FOO'))).toBe(
      'broken.yaml:10: clusters[0].authenticationMode: expected one of CONFIG_MAP | API_AND_CONFIG_MAP | API (got "FOO")',
    );
  });

  it('names an unknown field at its own line', () => {
    expect(message(`${base}    colour: blue\n`)).toBe('broken.yaml:11: clusters[0]: unknown field colour');
  });

  it('names a missing required field', () => {
    expect(message(base.replace('    region: us-east-1\n', ''))).toBe('broken.yaml:7: clusters[0].region: required: expected string');
    expect(message('name: empty\n')).toBe('broken.yaml:1: accounts: required: expected array');
  });

  it('explains a badly formed value', () => {
    expect(message(base.replace('id: "111122223333"', 'id: "11112222333"'))).toBe(
      'broken.yaml:3: accounts[0].id: expected a 12-digit account ID in quotes, like "111122223333" (got "11112222333")',
    );
  });

  it('reports YAML syntax errors with their line', () => {
    expect(message(`${base}  - name: [unclosed\n`)).toBe(
      'broken.yaml:12: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    );
  });

  it('reports references to things that do not exist', () => {
    expect(message(`${base}profiles:\n  - name: dev\n    user: bobby\n`)).toBe('broken.yaml:13: profiles[0].user: no user named bobby in any account');
    expect(message(`${base}kubeconfig:\n  - cluster: staging\n`)).toBe('broken.yaml:12: kubeconfig[0].cluster: no cluster named staging');
  });
});

describe('generateScenario', () => {
  it('makes a valid scenario of the requested size with a realistic mix', () => {
    const scenario = generateScenario({ profiles: 50, clusters: 100, regions: 4, latencyMs: 25 });
    // The compact input is the same world once the schema's defaults are applied.
    expect(parseScenario(stringify(generateScenarioInput({ profiles: 50, clusters: 100, regions: 4, latencyMs: 25 })), 'generated.yaml')).toEqual(scenario);
    const world = new World(scenario);
    expect(scenario.profiles).toHaveLength(50);
    expect(world.clusters).toHaveLength(100);
    expect(new Set(scenario.clusters.map((c) => c.region))).toEqual(new Set(['us-east-1', 'eu-west-1', 'us-west-2', 'eu-central-1']));
    expect(new Set(scenario.clusters.map((c) => c.authenticationMode))).toEqual(new Set(['CONFIG_MAP', 'API_AND_CONFIG_MAP', 'API']));
    expect(scenario.accounts.length).toBeGreaterThanOrEqual(2);
    expect(scenario.faults.latencyMs).toBe(25);
    const kinds = new Set(scenario.profiles.map((p) => (p.sso ? 'sso' : p.mfaSerial ? 'mfa-role' : p.roleArn ? 'role' : 'user')));
    expect(kinds).toEqual(new Set(['sso', 'mfa-role', 'role', 'user']));
    expect(scenario.kubeconfig.length).toBeGreaterThan(0);
  });

  it('is deterministic for a seed and varies with it', () => {
    const a = generateScenario({ profiles: 20, clusters: 30, regions: 2, seed: 7 });
    expect(generateScenario({ profiles: 20, clusters: 30, regions: 2, seed: 7 })).toEqual(a);
    expect(generateScenario({ profiles: 20, clusters: 30, regions: 2, seed: 8 })).not.toEqual(a);
  });

  it('prints YAML from the command line, and rejects bad arguments with exit 2', async () => {
    const cli = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile('npx', ['tsx', 'bench/gen-scenario.ts', ...args], { cwd: path.resolve(__dirname, '../..'), timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
          resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
        });
      });
    const [ok, bad] = await Promise.all([cli(['--profiles', '12', '--clusters', '9', '--regions', '2', '--accounts', '3']), cli(['--profiles', 'many', '--clusters', '3'])]);
    expect(ok.code, ok.stderr).toBe(0);
    const scenario = parseScenario(ok.stdout, 'stdout.yaml');
    expect([scenario.profiles.length, scenario.clusters.length, scenario.accounts.length]).toEqual([12, 9, 3]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^gen-scenario: --profiles must be a whole number \(got "many"\)/);
  }, 60_000);
});
