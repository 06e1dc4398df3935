// Credentials that need no call to AWS: a profile's access keys, or the environment's. The `token` command
// signs with these without loading any AWS client; every other kind goes through resolveCredentials.
import type { ResolvedCredentials } from './credential-failure.js';
import { envCredentials, type Env } from './deps.js';
import type { ProfileDescriptor } from './load.js';

/** The keys of a `static` or `environment` profile, or undefined when it has none (or is another kind). */
export function localCredentials(d: ProfileDescriptor, env: Env): ResolvedCredentials | undefined {
  if (d.type === 'static') {
    const s = d.settings;
    if (!s.aws_access_key_id || !s.aws_secret_access_key) return undefined;
    return { accessKeyId: s.aws_access_key_id, secretAccessKey: s.aws_secret_access_key, sessionToken: s.aws_session_token || undefined };
  }
  if (d.type === 'environment') {
    const e = envCredentials(env);
    return e && { ...e, expiration: e.expiration ? new Date(e.expiration) : undefined };
  }
  return undefined;
}
