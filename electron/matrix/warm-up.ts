// The scan's one-time costs, paid at launch instead of by the user's first scan: the Kubernetes worker started,
// and the code of the scan's AWS calls and tokens run until V8 has compiled and optimised it. A process's first
// scan otherwise runs that code cold (interpreted, then compiled while it runs): ~0.5 s more of the scan's
// thread than a later scan. Nothing here reaches the network or reads a credential: the calls are answered
// here, signed with made-up keys.
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DescribeClusterCommand, ListClustersCommand, type EKSClient } from '@aws-sdk/client-eks';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import { createScanAwsClients, type LocalAnswers } from '../clusters/aws-clients.js';
import type { Env } from '../profiles/deps.js';
import { generateTokenAs } from '../token/generate.js';
import { TOKEN_ENDPOINT_ONLY } from './scan-run.js';

/** Identities that sign nothing real (the warm-up's calls never leave the process): keys, and a session as roles give. */
const MADE_UP = [
  { accessKeyId: 'AKIAWARMUPWARMUPWARM', secretAccessKey: 'warm-up-only-never-sent' },
  { accessKeyId: 'ASIAWARMUPWARMUPWARM', secretAccessKey: 'warm-up-only-never-sent', sessionToken: 'warm-up', expiration: new Date(Date.now() + 3_600_000) },
];
const ACCOUNT = '000000000000';
/** A scan makes its clients per profile and region: the warm-up too, in a few regions. */
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1'];
/** Rounds of a scan's calls (~0.2 s of CPU in all); 60 rounds measured no better than 20. */
const ROUNDS = 20;

const cluster = (name: string) => ({
  cluster: {
    name,
    arn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/${name}`,
    endpoint: `https://${name}.warm-up.invalid`,
    certificateAuthority: { data: 'd2FybS11cA==' },
    status: 'ACTIVE',
    version: '1.32',
    accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
    resourcesVpcConfig: { endpointPublicAccess: true, endpointPrivateAccess: false },
  },
});

const IDENTITY_XML =
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
  `<Arn>arn:aws:iam::${ACCOUNT}:user/warm-up</Arn><UserId>AIDAWARMUP</UserId><Account>${ACCOUNT}</Account>` +
  '</GetCallerIdentityResult><ResponseMetadata><RequestId>warm-up</RequestId></ResponseMetadata></GetCallerIdentityResponse>';

function answer(body: string, contentType: string): { response: HttpResponse } {
  const bytes = Buffer.from(body);
  return {
    response: new HttpResponse({
      statusCode: 200,
      headers: { 'content-type': contentType, 'content-length': String(bytes.length), 'x-amzn-requestid': 'warm-up' },
      body: Readable.from([bytes]),
    }),
  };
}

/** What the scan's AWS endpoints would answer, made here: EKS's ListClusters and DescribeCluster, STS's GetCallerIdentity. */
export const localAnswers: LocalAnswers = (request: HttpRequest) => {
  if (request.hostname.includes('sts') || String(request.body ?? '').includes('Action=GetCallerIdentity')) return answer(IDENTITY_XML, 'text/xml');
  const name = /^\/clusters\/([^/]+)$/.exec(request.path)?.[1];
  return name ? answer(JSON.stringify(cluster(decodeURIComponent(name))), 'application/json') : answer(JSON.stringify({ clusters: ['warm-up-a', 'warm-up-b'] }), 'application/json');
};

/**
 * Runs the scan's AWS calls (through clients made as the scan makes them, for this env's endpoints and CA
 * bundle) and its tokens' presigning, one at a time, yielding between them so the app stays responsive. Returns
 * the rounds run (fewer when `stop` said so).
 */
export async function warmScanCode(env: Env, opts: { rounds?: number; stop?: () => boolean } = {}): Promise<number> {
  const { rounds = ROUNDS, stop = () => false } = opts;
  const aws = createScanAwsClients(env, { onRequest: () => {}, answers: localAnswers });
  // One client of each kind per region and identity, as a scan has per profile and region, used in turn.
  const clients = REGIONS.flatMap((region) => MADE_UP.map((credentials) => ({ region, credentials })));
  const made = new Map<number, { eks: EKSClient; sts: STSClient; tokens: STSClient }>();
  let i = 0;
  for (; i < rounds && !stop(); i++) {
    const k = i % clients.length;
    const { region, credentials } = clients[k]!;
    let c = made.get(k);
    if (!c) made.set(k, (c = { eks: aws.eks(region, credentials), sts: aws.sts(region, credentials), tokens: aws.sts(region, TOKEN_ENDPOINT_ONLY) }));
    await c.sts.send(new GetCallerIdentityCommand({}));
    await c.eks.send(new ListClustersCommand({ maxResults: 100 }));
    for (let j = 0; j < 3; j++) {
      await c.eks.send(new DescribeClusterCommand({ name: `warm-up-${j}` }));
      await generateTokenAs(c.tokens, credentials, `warm-up-${j}`);
    }
    await nextTurn();
  }
  return i;
}
