// Who is doing the write and where that identity's access comes from, so the lockout guard protects the right
// mapping: aws-auth (guarded), or the creator's invisible mapping / an access entry (an aws-auth edit cannot remove).
import { canonicalArnOf, parsePrincipal } from '../../shared/arn.js';
import type { AwsAuthContent } from './aws-auth-read.js';
import { simulateMapping } from './aws-auth-simulate.js';
import type { AwsAuthClient } from './kube-client.js';
import type { AuthenticationMode } from './types.js';

export interface WriterIdentity {
  arn: string;
  canonicalArn: string;
  username?: string;
  groups: string[];
  source: 'aws-auth' | 'creator-or-access-entry';
}

function render(template: string, extra: Record<string, string[]>, account: string): string {
  const session = extra.sessionname?.[0] ?? extra.sessionName?.[0] ?? '';
  const key = extra.accesskeyid?.[0] ?? extra.accessKeyId?.[0] ?? '';
  return template
    .replaceAll('{{AccountID}}', account)
    .replaceAll('{{SessionNameRaw}}', session)
    .replaceAll('{{SessionName}}', session.replaceAll('@', '-'))
    .replaceAll('{{AccessKeyID}}', key);
}

export async function identifyWriter(client: AwsAuthClient, content: AwsAuthContent, mode: AuthenticationMode): Promise<WriterIdentity> {
  const who = await client.whoAmI();
  const pick = (k: string) => who.extra[k]?.[0] ?? who.extra[k.toLowerCase()]?.[0];
  const arn = pick('arn') ?? '';
  const canonical = pick('canonicalArn') ?? canonicalArnOf(arn);
  const account = parsePrincipal(canonical)?.account ?? '';
  const m = mode === 'API' ? undefined : simulateMapping(content, canonical);
  const groups = who.groups.filter((g) => g !== 'system:authenticated');
  // aws-auth is the source when what the cluster says about us is exactly what aws-auth's entry renders to.
  const viaAwsAuth = Boolean(m && render(m.username || canonical, who.extra, account) === who.username && m.groups.every((g) => groups.includes(g)));
  return { arn, canonicalArn: canonical, ...(who.username ? { username: who.username } : {}), groups, source: viaAwsAuth ? 'aws-auth' : 'creator-or-access-entry' };
}
