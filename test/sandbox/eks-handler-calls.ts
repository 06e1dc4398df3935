// Calling the sandbox's EKS handler directly: a World built from a small scenario (clusters in each
// authentication mode, a second region), a signed context for one of its keys, and requests as the router
// hands them over.
import { eksService } from '../../sandbox/aws/eks.js';
import type { AwsRequest, AwsResponse, SignedContext } from '../../sandbox/aws/types.js';
import { parseScenario } from '../../sandbox/scenario/load.js';
import { World } from '../../sandbox/world/world.js';

export const ACCT = '111122223333';
const SCENARIO = `
name: eks-unit
accounts:
  - id: "${ACCT}"
    users:
      - name: alice
        accessKeys: [{id: AKIAALICE0000000001, secret: s1}]
      - name: reader
        accessKeys: [{id: AKIAREADER000000001, secret: s2}]
        allow: ["eks:List*"]
      - name: bob
    roles:
      - name: Admin
        path: /team/
        trustedBy: [alice]
      - name: Viewer
clusters:
  - name: legacy
    account: "${ACCT}"
    region: us-east-1
    creator: alice
    authenticationMode: CONFIG_MAP
  - name: modern
    account: "${ACCT}"
    region: us-east-1
    creator: alice
    authenticationMode: API_AND_CONFIG_MAP
    logging: [authenticator]
    tags: {team: platform}
  - name: api-only
    account: "${ACCT}"
    region: us-east-1
    authenticationMode: API
  - name: other-region
    account: "${ACCT}"
    region: eu-west-1
`;

export function setup(akid = 'AKIAALICE0000000001', region = 'us-east-1') {
  const world = new World(parseScenario(SCENARIO));
  return { world, ctx: ctxFor(world, akid, region) };
}

export function ctxFor(world: World, akid: string, region = 'us-east-1'): SignedContext {
  const k = world.lookupKey(akid);
  if (k.state !== 'active') throw new Error(`key ${akid} is ${k.state}`);
  return { world, caller: k.caller, region, requestId: 'req-1' };
}

function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

export function request(method: string, rawPath: string, body?: unknown): AwsRequest {
  const [p, q = ''] = rawPath.split('?');
  return {
    method,
    rawPath: p,
    path: safeDecode(p),
    query: new URLSearchParams(q),
    headers: {},
    body: Buffer.from(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

export async function call(ctx: SignedContext, method: string, rawPath: string, body?: unknown): Promise<{ status: number; json: any; res: AwsResponse }> {
  const res = await eksService(request(method, rawPath, body), ctx);
  return { status: res.status, json: JSON.parse(String(res.body)), res };
}

export const enc = encodeURIComponent;
export const ADMIN_ROLE = `arn:aws:iam::${ACCT}:role/team/Admin`;
export const VIEW_POLICY = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy';
