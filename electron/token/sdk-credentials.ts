// The credentials a new token gets through the AWS SDK: every kind but keys (SSO, roles, credential processes,
// web identity) through the app's one resolver, and `--role-arn`'s AssumeRole. Its own module, loaded only for
// those: the token command's CommonJS bundle requires it as a file of its own (dist/cli/sdk-credentials.cjs).
import { assumeRoleAs } from '../profiles/assume-role.js';
import type { ResolvedCredentials } from '../profiles/credentials.js';
import type { Env } from '../profiles/deps.js';
import { defaultProfilesDeps, ProfilesService } from '../profiles/service.js';

export { assumeRoleAs };

export async function profileCredentials(profile: string, env: Env): Promise<ResolvedCredentials> {
  return new ProfilesService(defaultProfilesDeps(env)).credentials(profile);
}
