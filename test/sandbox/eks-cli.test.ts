// The real aws CLI (v1) — and the AWS SDK v3 clients the app uses — against the sandbox's EKS, CloudWatch Logs and CloudTrail over HTTPS:
// outputs, error messages and exit codes as a user sees them.
import { Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, GetQueryResultsCommand, StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateAccessEntryCommand, DescribeAccessEntryCommand, DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { runAws, startTestAwsEndpoint, type AwsCliResult, type TestAwsEndpoint } from '../helpers/aws-cli.js';

const ACCT = '111122223333';
const SCENARIO = `
name: eks-cli
accounts:
  - id: "${ACCT}"
    users:
      - name: alice
        accessKeys: [{id: AKIAALICE0000000001, secret: alice-secret}]
      - name: reader
        accessKeys: [{id: AKIAREADER000000001, secret: reader-secret}]
        allow: ["eks:ListClusters"]
    roles:
      - name: Admin
        path: /team/
        trustedBy: [alice]
      - name: SdkRole
        path: /team/
clusters:
  - name: prod
    account: "${ACCT}"
    region: us-east-1
    creator: alice
    authenticationMode: CONFIG_MAP
    logging: [authenticator]
  - name: modern
    account: "${ACCT}"
    region: us-east-1
    creator: alice
    authenticationMode: API_AND_CONFIG_MAP
`;

const CREDENTIALS = `[default]
aws_access_key_id = AKIAALICE0000000001
aws_secret_access_key = alice-secret

[reader]
aws_access_key_id = AKIAREADER000000001
aws_secret_access_key = reader-secret
`;
const CONFIG = `[default]
region = us-east-1
output = json

[profile reader]
region = us-east-1
output = json
`;
const ADMIN_ROLE = `arn:aws:iam::${ACCT}:role/team/Admin`;

let ep: TestAwsEndpoint;

beforeAll(async () => {
  ep = await startTestAwsEndpoint(SCENARIO);
  const prod = ep.world.findCluster(ACCT, 'us-east-1', 'prod')!;
  ep.world.logAuthenticator(
    prod,
    `time="2026-11-01T12:00:00Z" level=info msg="access granted" arn="arn:aws:iam::${ACCT}:user/alice" client="127.0.0.1:57586" groups="[system:masters]" method=POST path=/authenticate uid="aws-iam-authenticator:${ACCT}:AIDAX" username=kubernetes-admin`,
  );
  ep.world.logAuthenticator(
    prod,
    `time="2026-11-01T12:01:00Z" level=warning msg="access denied" arn="arn:aws:iam::${ACCT}:user/reader" client="127.0.0.1:57587" error="ARN is not mapped" method=POST path=/authenticate`,
  );
}, 60_000);

afterAll(async () => {
  await ep?.close();
});

function aws(args: string[], profile?: string): Promise<AwsCliResult> {
  return runAws([...args, ...(profile ? ['--profile', profile] : [])], {
    endpoint: ep.url,
    caFile: ep.caFile,
    configText: CONFIG,
    credentialsText: CREDENTIALS,
    timeoutMs: 30_000,
  });
}

function json(r: AwsCliResult): any {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('aws eks', () => {
  it('list-clusters and describe-cluster', async () => {
    expect(json(await aws(['eks', 'list-clusters']))).toEqual({ clusters: ['modern', 'prod'] });
    const d = json(await aws(['eks', 'describe-cluster', '--name', 'prod'])).cluster;
    expect(d).toMatchObject({ name: 'prod', arn: `arn:aws:eks:us-east-1:${ACCT}:cluster/prod`, status: 'ACTIVE', accessConfig: { authenticationMode: 'CONFIG_MAP' } });
    expect(d.logging.clusterLogging[0]).toEqual({ types: ['authenticator'], enabled: true });
    expect(d.identity.oidc.issuer).toMatch(/^https:\/\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
    // CLI v1 prints timestamps as it received them: epoch seconds.
    expect(d.createdAt).toBeCloseTo(ep.world.findCluster(ACCT, 'us-east-1', 'prod')!.createdAt / 1000, 2);
  }, 60_000);

  it('describe-cluster of an unknown cluster fails like EKS', async () => {
    const r = await aws(['eks', 'describe-cluster', '--name', 'nope']);
    expect(r.code).toBe(255);
    expect(r.stderr.trim()).toBe('An error occurred (ResourceNotFoundException) when calling the DescribeCluster operation: No cluster found for name: nope.');
  }, 60_000);

  it('AccessDeniedException for a caller without eks:DescribeCluster', async () => {
    expect(json(await aws(['eks', 'list-clusters'], 'reader')).clusters).toHaveLength(2);
    const r = await aws(['eks', 'describe-cluster', '--name', 'prod'], 'reader');
    expect(r.code).toBe(255);
    expect(r.stderr).toContain(
      `An error occurred (AccessDeniedException) when calling the DescribeCluster operation: User: arn:aws:iam::${ACCT}:user/reader is not authorized to perform: eks:DescribeCluster on resource: arn:aws:eks:us-east-1:${ACCT}:cluster/prod`,
    );
  }, 60_000);

  it('access entries need an API authentication mode', async () => {
    const r = await aws(['eks', 'create-access-entry', '--cluster-name', 'prod', '--principal-arn', ADMIN_ROLE]);
    expect(r.code).toBe(255);
    expect(r.stderr.trim()).toBe(
      "An error occurred (InvalidRequestException) when calling the CreateAccessEntry operation: The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.",
    );
  }, 60_000);

  it('create-access-entry, associate-access-policy, describe and list by a percent-encoded ARN with a path', async () => {
    const c = json(await aws(['eks', 'create-access-entry', '--cluster-name', 'modern', '--principal-arn', ADMIN_ROLE, '--kubernetes-groups', 'viewers']));
    expect(c.accessEntry).toMatchObject({ principalArn: ADMIN_ROLE, kubernetesGroups: ['viewers'], username: `arn:aws:sts::${ACCT}:assumed-role/Admin/{{SessionName}}`, type: 'STANDARD' });
    const dup = await aws(['eks', 'create-access-entry', '--cluster-name', 'modern', '--principal-arn', ADMIN_ROLE]);
    expect(dup.code).toBe(255);
    expect(dup.stderr).toContain('(ResourceInUseException) when calling the CreateAccessEntry operation: The specified access entry resource is already in use on this cluster.');
    const a = json(
      await aws([
        'eks',
        'associate-access-policy',
        '--cluster-name',
        'modern',
        '--principal-arn',
        ADMIN_ROLE,
        '--policy-arn',
        'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy',
        '--access-scope',
        'type=namespace,namespaces=dev,staging',
      ]),
    );
    expect(a.associatedAccessPolicy.accessScope).toEqual({ type: 'namespace', namespaces: ['dev', 'staging'] });
    const l = json(await aws(['eks', 'list-associated-access-policies', '--cluster-name', 'modern', '--principal-arn', ADMIN_ROLE]));
    expect(l).toMatchObject({ clusterName: 'modern', principalArn: ADMIN_ROLE });
    expect(l.associatedAccessPolicies.map((p: { policyArn: string }) => p.policyArn)).toEqual(['arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy']);
    const d = json(await aws(['eks', 'describe-access-entry', '--cluster-name', 'modern', '--principal-arn', ADMIN_ROLE]));
    expect(d.accessEntry.principalArn).toBe(ADMIN_ROLE);
    const entries = json(await aws(['eks', 'list-access-entries', '--cluster-name', 'modern']));
    expect(entries.accessEntries).toEqual([ADMIN_ROLE, `arn:aws:iam::${ACCT}:user/alice`]);
    const missing = await aws(['eks', 'describe-access-entry', '--cluster-name', 'modern', '--principal-arn', `arn:aws:iam::${ACCT}:role/Admin`]);
    expect(missing.code).toBe(255);
    expect(missing.stderr).toContain("(ResourceNotFoundException) when calling the DescribeAccessEntry operation: The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.");
  }, 120_000);

  it('update-cluster-config --logging, then describe-update', async () => {
    const u = json(await aws(['eks', 'update-cluster-config', '--name', 'modern', '--logging', '{"clusterLogging":[{"types":["authenticator","audit"],"enabled":true}]}']));
    expect(u.update).toMatchObject({ type: 'LoggingUpdate', status: 'Successful' });
    const du = json(await aws(['eks', 'describe-update', '--name', 'modern', '--update-id', u.update.id]));
    expect(du.update.id).toBe(u.update.id);
    const d = json(await aws(['eks', 'describe-cluster', '--name', 'modern']));
    expect(d.cluster.logging.clusterLogging[0]).toEqual({ types: ['audit', 'authenticator'], enabled: true });
    const wrong = await aws(['eks', 'update-cluster-config', '--name', 'modern', '--access-config', 'authenticationMode=CONFIG_MAP']);
    expect(wrong.code).toBe(255);
    expect(wrong.stderr).toContain('(InvalidParameterException) when calling the UpdateClusterConfig operation: Unsupported authentication mode update from API_AND_CONFIG_MAP to CONFIG_MAP');
  }, 120_000);
});

describe('aws logs', () => {
  it('filter-log-events finds the creator line', async () => {
    const r = json(await aws(['logs', 'filter-log-events', '--log-group-name', '/aws/eks/prod/cluster', '--filter-pattern', '"username=kubernetes-admin"']));
    expect(r.events).toHaveLength(1);
    expect(r.events[0].message).toContain(`arn="arn:aws:iam::${ACCT}:user/alice"`);
    expect(r.events[0].logStreamName).toMatch(/^authenticator-/);
  }, 60_000);

  it('start-query with the troubleshooting query, then get-query-results', async () => {
    const now = Math.floor(Date.now() / 1000);
    const q = json(
      await aws([
        'logs',
        'start-query',
        '--log-group-name',
        '/aws/eks/prod/cluster',
        '--start-time',
        String(now - 3600),
        '--end-time',
        String(now + 60),
        '--query-string',
        'fields @logstream, @timestamp, @message | sort @timestamp desc | filter @logStream like /authenticator/ | filter @message like "username=kubernetes-admin" | limit 50',
      ]),
    );
    let results: any;
    for (let i = 0; i < 5; i++) {
      results = json(await aws(['logs', 'get-query-results', '--query-id', q.queryId]));
      if (results.status === 'Complete') break;
    }
    expect(results.status).toBe('Complete');
    expect(results.results).toHaveLength(1);
    const row = Object.fromEntries(results.results[0].map((f: { field: string; value: string }) => [f.field, f.value]));
    expect(row['@message']).toContain('username=kubernetes-admin');
    expect(row['@logstream']).toMatch(/^authenticator-/);
    expect(row['@ptr']).toBeTruthy();
    expect(results.statistics.recordsMatched).toBe(1);
  }, 60_000);

  it('start-query with a malformed query fails with MalformedQueryException', async () => {
    const r = await aws(['logs', 'start-query', '--log-group-name', '/aws/eks/prod/cluster', '--start-time', '0', '--end-time', '1', '--query-string', 'fields @message | | limit 5']);
    expect(r.code).toBe(255);
    expect(r.stderr.trim()).toBe('An error occurred (MalformedQueryException) when calling the StartQuery operation: unexpected symbol found | at line 1 and position 18');
  }, 60_000);
});

describe('aws cloudtrail', () => {
  it('lookup-events by EventName CreateCluster names the creators', async () => {
    const r = json(await aws(['cloudtrail', 'lookup-events', '--lookup-attributes', 'AttributeKey=EventName,AttributeValue=CreateCluster']));
    expect(r.Events.map((e: { Resources: Array<{ ResourceName: string }> }) => e.Resources[0].ResourceName).sort()).toEqual(['modern', 'prod']);
    for (const e of r.Events) {
      expect(e.Username).toBe('alice');
      expect(JSON.parse(e.CloudTrailEvent).userIdentity.arn).toBe(`arn:aws:iam::${ACCT}:user/alice`);
    }
  }, 60_000);
});

describe('AWS SDK v3 clients', () => {
  const config = () => ({
    region: 'us-east-1',
    endpoint: ep.url,
    credentials: { accessKeyId: 'AKIAALICE0000000001', secretAccessKey: 'alice-secret' },
    requestHandler: { httpsAgent: new Agent({ ca: ep.caPem }) },
  });

  it('EKS: DescribeCluster dates, access entries by ARN with a path, errors with clusterName', async () => {
    const eks = new EKSClient(config());
    const d = await eks.send(new DescribeClusterCommand({ name: 'prod' }));
    expect(d.cluster?.createdAt).toBeInstanceOf(Date);
    expect(d.cluster!.createdAt!.getTime()).toBe(Math.round(ep.world.findCluster(ACCT, 'us-east-1', 'prod')!.createdAt));
    const role = `arn:aws:iam::${ACCT}:role/team/SdkRole`;
    await eks.send(new CreateAccessEntryCommand({ clusterName: 'modern', principalArn: role }));
    const e = await eks.send(new DescribeAccessEntryCommand({ clusterName: 'modern', principalArn: role }));
    expect(e.accessEntry?.principalArn).toBe(role);
    const err = await eks.send(new DescribeClusterCommand({ name: 'nope' })).catch((x: unknown) => x as any);
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe('No cluster found for name: nope.');
    expect(err.clusterName).toBe('nope');
    expect(err.$metadata.httpStatusCode).toBe(404);
  }, 60_000);

  it('CloudWatch Logs: StartQuery/GetQueryResults and MalformedQueryException.queryCompileError', async () => {
    const logs = new CloudWatchLogsClient(config());
    const now = Math.floor(Date.now() / 1000);
    const q = await logs.send(
      new StartQueryCommand({ logGroupName: '/aws/eks/prod/cluster', startTime: now - 3600, endTime: now + 60, queryString: 'filter @message like "access denied" | fields @message' }),
    );
    const r = await logs.send(new GetQueryResultsCommand({ queryId: q.queryId }));
    expect(r.status).toBe('Complete');
    expect(r.results).toHaveLength(1);
    expect(r.results![0][0]).toEqual({ field: '@message', value: expect.stringContaining('ARN is not mapped') });
    const err = await logs.send(new StartQueryCommand({ logGroupName: '/aws/eks/prod/cluster', startTime: 0, endTime: 1, queryString: 'fields |' })).catch((x: unknown) => x as any);
    expect(err.name).toBe('MalformedQueryException');
    expect(err.queryCompileError).toEqual({ location: { startCharOffset: 7, endCharOffset: 8 }, message: 'unexpected symbol found | at line 1 and position 7' });
  }, 60_000);

  it('CloudTrail: LookupEvents with the short X-Amz-Target the SDK sends', async () => {
    const ct = new CloudTrailClient(config());
    const r = await ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'prod' }] }));
    const create = r.Events?.find((e) => e.EventName === 'CreateCluster');
    expect(create?.Username).toBe('alice');
    expect(create?.EventTime).toBeInstanceOf(Date);
  }, 60_000);
});
