// Bearer tokens for kubeconfig entries of style `token`: what a user pastes from `aws eks get-token` into a
// kubeconfig, minted at start with the entry's profile's credentials (so it works for 15 minutes, then expires).
import { makeEksToken } from './k8s/presign-token.js';
import type { StaticTokens } from './state-dir-kube.js';
import type { World } from './world/world.js';

export async function mintStaticTokens(world: World, awsEndpoint: string): Promise<StaticTokens> {
  const tokens = new Map<number, string>();
  const host = new URL(awsEndpoint).host;
  for (const [index, entry] of world.scenario.kubeconfig.entries()) {
    if (entry.style !== 'token') continue;
    const profile = world.scenario.profiles.find((p) => p.name === entry.profile);
    const creds = profile && credentialsOf(world, profile);
    if (!creds) throw new Error(`kubeconfig entry for ${entry.cluster}: style token needs a profile with access keys or a role (got ${entry.profile ?? 'none'})`);
    tokens.set(index, await makeEksToken(creds, { clusterName: entry.cluster, host, region: profile.region }));
  }
  return tokens;
}

function credentialsOf(world: World, profile: World['scenario']['profiles'][number]) {
  if (profile.accessKeyId && profile.secretAccessKey) return { accessKeyId: profile.accessKeyId, secretAccessKey: profile.secretAccessKey };
  const user = world.userForProfile(profile);
  const key = user?.accessKeys.find((k) => k.status === 'Active');
  if (key) return { accessKeyId: key.id, secretAccessKey: key.secret };
  const role = profile.roleArn ? world.findPrincipal(profile.roleArn) : undefined;
  if (!role) return undefined;
  const s = world.issueSession(role, { sessionName: 'pasted-token', durationSeconds: 3600 });
  return { accessKeyId: s.accessKeyId, secretAccessKey: s.secret, sessionToken: s.sessionToken };
}
