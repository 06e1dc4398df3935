// One authentication attempt at a cluster: verify the bearer token, map the identity with the
// cluster's current aws-auth and access entries (so edits apply at once), write the authenticator log.
import { createHash } from 'node:crypto';
import type { World } from '../world/world.js';
import type { ClusterState } from '../world/types.js';
import { deniedLine, grantedLine } from './authenticator-log.js';
import { mapIdentity, type KubeUser } from './mapper.js';
import { verifyToken } from './token.js';

export type AuthnResult = { ok: true; user: KubeUser } | { ok: false; error: string };

// kube-apiserver caches webhook answers for two minutes, so the authenticator sees (and logs) one
// attempt per token and outcome in that window rather than one per kubectl request.
const LOG_WINDOW_MS = 120_000;

export class ClusterAuthenticator {
  private readonly lastLogged = new Map<string, number>();

  constructor(
    private readonly world: World,
    private readonly cluster: ClusterState,
  ) {}

  async authenticate(token: string, client: string): Promise<AuthnResult> {
    const verified = await verifyToken(this.world, this.cluster.name, token);
    let result: AuthnResult;
    let line: string;
    const now = this.world.now();
    if (!verified.ok) {
      result = { ok: false, error: verified.error };
      line = deniedLine(now, client, verified.error);
    } else {
      const mapped = mapIdentity(this.cluster, verified.identity);
      if (mapped.ok) {
        result = mapped;
        line = grantedLine(now, client, { canonicalArn: verified.identity.canonicalArn, ...mapped.user });
      } else {
        result = { ok: false, error: mapped.error };
        line = deniedLine(now, client, mapped.error, verified.identity.canonicalArn);
      }
    }
    this.log(token, result, line, now);
    return result;
  }

  private log(token: string, result: AuthnResult, line: string, now: number): void {
    const outcome = result.ok ? `ok:${result.user.username}:${result.user.groups.join(',')}` : `denied:${result.error}`;
    const key = createHash('sha256').update(token).update('\0').update(outcome).digest('hex');
    const last = this.lastLogged.get(key);
    if (last !== undefined && now - last < LOG_WINDOW_MS) return;
    if (this.lastLogged.size > 10_000) this.lastLogged.clear();
    this.lastLogged.set(key, now);
    this.world.logAuthenticator(this.cluster, line);
  }
}
