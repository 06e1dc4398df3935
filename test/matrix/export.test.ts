// The export files: CSV quoting (and spreadsheet-formula defusing) and the JSON shape of `matrix --json`.
import { describe, expect, it } from 'vitest';
import { csvField, exportMatrix, matrixCsv } from '../../electron/matrix/export.js';
import { matrixJson } from '../../electron/matrix/json.js';
import type { MatrixSnapshot } from '../../electron/matrix/events.js';

const cluster = (name: string, region: string) => ({
  name, region, arn: `arn:aws:eks:${region}:111122223333:cluster/${name}`, account: '111122223333', endpoint: `https://${name}.example`, describedBy: ['a'],
});
const snapshot: MatrixSnapshot = {
  profiles: [
    { name: 'a', type: 'static', region: 'us-east-1', status: 'valid', identityArn: 'arn:aws:iam::111122223333:user/a', account: '111122223333' },
    { name: 'b,"quoted"', type: 'sso', region: null, status: 'sso-login-needed' },
  ],
  clusters: [cluster('one', 'us-east-1'), cluster('two', 'eu-west-1')],
  cells: [
    { profile: 'a', clusterArn: cluster('one', 'us-east-1').arn, outcome: 'ADMIN', username: 'a', groups: ['system:masters', 'system:authenticated'], ms: 12, evidence: { steps: [] } },
    { profile: 'a', clusterArn: cluster('two', 'eu-west-1').arn, outcome: 'UNAUTHORIZED', message: '=HYPERLINK("x")\nsecond line', ms: 8, evidence: { steps: [] } },
    { profile: 'b,"quoted"', clusterArn: cluster('one', 'us-east-1').arn, outcome: 'NO_CREDENTIALS', message: 'no SSO sign-in', ms: 0, evidence: { steps: [] } },
  ],
  denials: [{ profile: 'a', region: 'eu-west-1', operation: 'ListClusters', code: 'AccessDeniedException', message: 'no' }],
  failures: [],
  regions: ['us-east-1', 'eu-west-1'],
  elapsedMs: 1234,
  cancelled: false,
  stats: { awsRequests: 0, kubeRequests: 0, peakKubeInFlight: 0, peakAwsInFlight: 0, probeThread: 'worker', settings: { kubeConcurrency: 1, kubeConcurrencyPerCluster: 1, awsConcurrencyPerAccount: 1, timeoutMs: 1 }, accounts: 1 },
};

describe('matrix export', () => {
  it('quotes CSV fields per RFC 4180 and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(undefined)).toBe('');
    expect(csvField(42)).toBe('42');
  });

  it('writes one line per profile × cluster, in matrix order, with NOT_PROBED for missing cells', () => {
    const lines = matrixCsv(snapshot).split('\r\n');
    expect(lines[0]).toBe('profile,profile_type,identity_arn,cluster,region,account,cluster_arn,outcome,username,groups,message,ms');
    expect(lines[1]).toBe('a,static,arn:aws:iam::111122223333:user/a,one,us-east-1,111122223333,arn:aws:eks:us-east-1:111122223333:cluster/one,ADMIN,a,system:masters system:authenticated,,12');
    expect(lines[2]).toBe(`a,static,arn:aws:iam::111122223333:user/a,two,eu-west-1,111122223333,arn:aws:eks:eu-west-1:111122223333:cluster/two,UNAUTHORIZED,,,"'=HYPERLINK(""x"")\nsecond line",8`);
    expect(lines[3]).toBe('"b,""quoted""",sso,,one,us-east-1,111122223333,arn:aws:eks:us-east-1:111122223333:cluster/one,NO_CREDENTIALS,,,no SSO sign-in,0');
    expect(lines[4]).toContain(',NOT_PROBED,');
    expect(lines[5]).toBe('');
  });

  it('names files by date and exports JSON exactly as matrix --json', () => {
    const now = new Date('2026-11-29T14:05:09.123Z');
    const csv = exportMatrix(snapshot, 'csv', now);
    expect(csv).toMatchObject({ filename: 'eks-access-matrix-20261129-140509.csv', mimeType: 'text/csv' });
    const json = exportMatrix(snapshot, 'json', now);
    expect(json).toMatchObject({ filename: 'eks-access-matrix-20261129-140509.json', mimeType: 'application/json' });
    expect(JSON.parse(json.content)).toEqual(matrixJson(snapshot));
    expect(JSON.parse(json.content).discovery.denied).toHaveLength(1);
  });

  it('masks secrets a cell message carries, in both formats', () => {
    const leaky: MatrixSnapshot = { ...snapshot, cells: [{ ...snapshot.cells[1]!, message: '401 with k8s-aws-v1.aHR0cHM6Ly9zdHM and AWS_SESSION_TOKEN=abc' }] };
    for (const format of ['csv', 'json'] as const) {
      const content = exportMatrix(leaky, format).content;
      expect(content).toContain('401 with k8s-aws-v1.**** and AWS_SESSION_TOKEN=****');
      expect(content).not.toContain('aHR0cHM6Ly9zdHM');
    }
  });
});
