// Entry points that resolve credentials on their own (the profile check, `token`) with a helper that never answers:
// each ends on time with one clear line, and the helper's whole group is gone after.
import { describe, expect, it } from 'vitest';
import { runToken } from '../../electron/cli/token.js';
import { defaultProfilesDeps, ProfilesService } from '../../electron/profiles/service.js';
import { tempAwsHome } from '../app/support.js';
import { hangingHelper, helperGone, type HangingHelper } from '../helpers/hanging-helper.js';

function stuckHome(h: HangingHelper, extraEnv: Record<string, string> = {}) {
  return tempAwsHome({ config: `[profile stuck]\ncredential_process = ${h.script}\nregion = us-east-1\n` }, extraEnv);
}

describe('a credential_process that never answers', () => {
  it('the profile check says so at its timeout and ends the helper', async () => {
    const h = hangingHelper();
    const { env } = stuckHome(h);
    const service = new ProfilesService(defaultProfilesDeps(env, { checkTimeoutMs: 800, credentialTimeoutMs: 30_000 }));
    const started = Date.now();
    const view = await service.check('stuck');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(view).toMatchObject({ status: 'error', error: { code: 'Timeout', message: 'the check did not answer within 0.8 s' } });
    expect(await helperGone(h)).toBe(true);
  });

  it('`token` fails with one line naming the helper, at the deadline from EAD_CREDENTIAL_TIMEOUT_MS', async () => {
    const h = hangingHelper();
    const { env } = stuckHome(h, { EAD_CREDENTIAL_TIMEOUT_MS: '900' });
    const started = Date.now();
    const r = await runToken(['--profile', 'stuck', '--cluster', 'prod'], { env });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r).toMatchObject({ exitCode: 1, stdout: '' });
    expect(r.stderr).toBe(`error: Timeout: credential_process of profile "stuck" (${h.script}) did not answer within 0.9 s\n`);
    expect(await helperGone(h)).toBe(true);
  });
});
