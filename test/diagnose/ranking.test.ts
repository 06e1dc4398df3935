// The ranking rules, one table row each: which cause comes first for a shape of evidence, and what its text and
// fixes must (not) say. Hand-built evidence (test/diagnose/evidence-fixture.ts), no sandbox.
import { describe, expect, it } from 'vitest';
import { matrixTable } from '../../electron/cli/matrix.js';
import { matrixJson } from '../../electron/matrix/json.js';
import type { MatrixSnapshot } from '../../electron/matrix/events.js';
import { diagnoseEvidence } from '../../electron/diagnose/diagnose.js';
import type { Diagnosis, Evidence } from '../../electron/diagnose/types.js';
import { stepCommand } from '../../electron/diagnose/fix-command.js';
import { ACCOUNT, asRole, awsAuth, baseEvidence, cell, NODES, unauthorizedEvidence } from './evidence-fixture.js';

interface Row {
  rule: string;
  evidence: () => Evidence;
  first: string;
  check?: (d: Diagnosis) => void;
}

const ROWS: Row[] = [
  {
    rule: "OK only when kubectl's own entry works too: its exec names a profile that no longer exists",
    evidence: () => {
      const e = baseEvidence();
      e.kubectl = { ...e.kubectl!, exec: { ...e.kubectl!.exec!, env: [{ name: 'AWS_PROFILE', value: 'ghost' }] }, arn: undefined, canonicalArn: undefined, failure: { kind: 'exec-failed', message: 'exec plugin exited with 255', stderr: '\nThe config profile (ghost) could not be found\n' } };
      return e;
    },
    first: 'KUBECONFIG_IDENTITY_MISMATCH',
    check: (d) => {
      expect(d.causes[0]!.detail).toContain('asks for profile ghost, which your AWS config does not define');
      expect(d.causes.map((c) => c.code)).toContain('OK');
      expect(stepCommand(d.fixes[0]!.steps[0]!)).toBe('aws eks update-kubeconfig --name shop --region us-east-1 --profile dev');
    },
  },
  {
    rule: "OK only when kubectl's own entry works too: its user entry makes tokens for another cluster",
    evidence: () => {
      const e = baseEvidence();
      e.kubectl = { ...e.kubectl!, exec: { ...e.kubectl!.exec!, args: ['--region', 'us-east-1', 'eks', 'get-token', '--cluster-name', 'billing', '--output', 'json'] } };
      return e;
    },
    first: 'KUBECONFIG_STALE',
    check: (d) => expect(d.causes[0]!.detail).toContain('its tokens name billing'),
  },
  {
    rule: "a note (no EKS API permission) on a cell that works, kubectl's entry too, never outranks OK",
    evidence: () => {
      const e = baseEvidence();
      e.ownDescribe = { ok: false, via: 'dev', failure: { code: 'AccessDeniedException', message: 'not authorized to perform: eks:DescribeCluster' } };
      return e;
    },
    first: 'OK',
    check: (d) => expect(d.causes.map((c) => c.code)).toEqual(['OK', 'NO_EKS_PERMISSION']),
  },
  {
    rule: 'an eksctl mapping shown for a role names it without its path (the profile role_arn has one)',
    evidence: () => {
      const e = asRole(baseEvidence(), 'Deployer', '/ci/');
      e.cells[0] = { ...e.cells[0]!, outcome: 'UNAUTHORIZED', message: '401 Unauthorized' };
      e.cell = e.cells[0];
      e.awsAuth = awsAuth({ mapRoles: NODES });
      delete e.kubectl;
      return e;
    },
    first: 'NOT_MAPPED',
    check: (d) => {
      const eksctl = d.fixes.flatMap((f) => f.steps).map(stepCommand).filter((c) => c.startsWith('eksctl'));
      expect(eksctl).toEqual([`eksctl create iamidentitymapping --cluster shop --region us-east-1 --arn arn:aws:iam::${ACCOUNT}:role/Deployer --username 'deployer:{{SessionName}}' --group <group> --profile admin`]);
    },
  },
  {
    rule: 'CREATOR_GONE only where nothing else restores access: in API mode a profile that may call the access-entry API adds an entry first',
    evidence: () => {
      const e = creatorGone();
      e.cluster!.authenticationMode = 'API';
      e.accessEntries = { ok: true, via: 'dev', value: [] };
      return e;
    },
    first: 'NOT_MAPPED',
    check: (d) => {
      expect(d.causes.map((c) => c.code)).not.toContain('CREATOR_GONE');
      expect(d.causes[0]!.detail).toContain('Your profile dev may call the EKS access-entry API');
      expect(d.fixes[0]!.id).toBe('create-access-entry');
      expect(stepCommand(d.fixes[0]!.steps[0]!)).toMatch(/ --profile dev$/);
    },
  },
  {
    rule: "CREATOR_GONE where nothing else can restore access: re-creating the creator names its real kind, path and name",
    evidence: () => {
      const e = creatorGone();
      e.creator = { arn: `arn:aws:iam::${ACCOUNT}:role/ops/ClusterBuilder`, source: 'cloudtrail', notes: [] };
      return e;
    },
    first: 'CREATOR_GONE',
    check: (d) => {
      expect(d.causes[0]!.detail).toContain(`Re-create the IAM role ClusterBuilder with the path /ops/ in account ${ACCOUNT}`);
      const step = d.fixes.find((f) => f.id === 'recreate-creator')!.steps[0]!;
      expect(stepCommand(step)).toBe('aws iam create-role --role-name ClusterBuilder --path /ops/ --assume-role-policy-document file://trust-policy.json');
    },
  },
  {
    rule: "a profile whose account has no such cluster, while another profile's account has it: CLUSTER_NOT_FOUND, never a grant",
    evidence: () => {
      const e = unauthorizedEvidence();
      const other = '444455556666';
      e.profileView = { ...e.profileView, identity: { arn: `arn:aws:iam::${other}:user/dev`, account: other, userId: 'AIDAOTHER', kind: 'user', canonicalArn: `arn:aws:iam::${other}:user/dev` } };
      e.profiles = [{ ...e.profiles[0]!, identityArn: `arn:aws:iam::${other}:user/dev`, account: other }, e.profiles[1]!, { name: 'ops', type: 'static', region: 'us-east-1', status: 'valid', identityArn: `arn:aws:iam::${ACCOUNT}:user/ops`, account: ACCOUNT }];
      e.ownDescribe = { ok: false, via: 'dev', failure: { code: 'ResourceNotFoundException', message: 'No cluster found for name: shop.' } };
      e.cluster = { ...e.cluster!, describedVia: 'admin' };
      delete e.kubectl;
      return e;
    },
    first: 'CLUSTER_NOT_FOUND',
    check: (d) => {
      expect(d.causes[0]!.detail).toContain(`is in account ${ACCOUNT}`);
      expect(d.causes[0]!.detail).toContain('your profiles of that account: admin, ops');
      expect(d.causes.map((c) => c.code)).not.toContain('NOT_MAPPED');
      const commands = d.fixes.flatMap((f) => f.steps).map(stepCommand).join('\n');
      expect(commands).not.toMatch(/create-access-entry|iamidentitymapping|444455556666/);
      expect(stepCommand(d.fixes[0]!.steps[0]!)).toBe('aws eks update-kubeconfig --name shop --region us-east-1 --profile admin');
    },
  },
];

/** Nobody gets in (CONFIG_MAP, aws-auth maps only the nodes) and the creator no longer signs in. */
function creatorGone(): Evidence {
  const e = unauthorizedEvidence();
  e.cells[1] = cell('admin', 'UNAUTHORIZED', { message: '401 Unauthorized' });
  e.creator = { arn: `arn:aws:iam::${ACCOUNT}:user/contractor`, source: 'cloudtrail', notes: [] };
  e.logs = { ok: true, via: 'dev', value: { identityLines: [], creatorLines: [] } };
  delete e.kubectl;
  return e;
}

describe('ranking', () => {
  it.each(ROWS.map((r) => [r.rule, r] as const))('%s', (_rule, r) => {
    const d = diagnoseEvidence(r.evidence());
    expect(d.causes[0]!.code, JSON.stringify(d.causes.map((c) => c.code))).toBe(r.first);
    r.check?.(d);
  });
});

describe('a wrong clock', () => {
  // AWS's own answer when the request was signed an hour before AWS's time.
  const aws = (now: Date) => {
    const stamp = (d: Date) => d.toISOString().replace(/[-:]|\.\d{3}/g, '');
    return `Signature expired: ${stamp(now)} is now earlier than ${stamp(new Date(now.getTime() + 3300_000))} (${stamp(new Date(now.getTime() + 3600_000))} - 5 min.)`;
  };

  it('the matrix says the clock is off, quoting AWS, not "no clusters found"', () => {
    const message = aws(new Date());
    const m: MatrixSnapshot = {
      profiles: [{ name: 'quinn', type: 'static', region: 'us-east-1', status: 'invalid', error: { code: 'SignatureDoesNotMatch', message } }],
      clusters: [],
      cells: [],
      denials: [],
      failures: [],
      regions: ['us-east-1'],
      elapsedMs: 900,
      cancelled: false,
      stats: { awsRequests: 1, kubeRequests: 0, peakKubeInFlight: 0, peakAwsInFlight: 1, probeThread: 'main', settings: { kubeConcurrency: 1, kubeConcurrencyPerCluster: 1, awsConcurrencyPerAccount: 1, timeoutMs: 1 }, accounts: 0 },
    };
    const text = matrixTable(m);
    expect(text).toContain("this machine's clock is 60 min behind AWS's clock: AWS refuses every signed call");
    expect(text).toContain(`"${message}"`);
    expect(text).not.toContain('no clusters found');
    expect(matrixJson(m).discovery.clockSkew).toEqual({ seconds: expect.closeTo(3600, -1), message });
  });

  it("the diagnosis' evidence quotes AWS's own message", () => {
    const e = baseEvidence();
    const message = aws(new Date());
    e.profileView = { ...e.profileView, status: 'invalid', identity: undefined, error: { code: 'SignatureDoesNotMatch', message } };
    e.clockSkewSeconds = 3600;
    const d = diagnoseEvidence(e);
    expect(d.causes[0]!.code).toBe('CLOCK_SKEW');
    expect(d.causes[0]!.evidence).toContain(`AWS clock − local clock = 3600 s, from AWS's own answer: "${message}"`);
  });
});
