// The undo's command as the app shows it (app.info's command line: this checkout's bin script by absolute path,
// since `eks-access-doctor` is on no PATH after setup/app.sh), run as shown in bash against the sandbox: it
// restores the kubeconfig write, byte for byte.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { appCommands } from '../../electron/app-commands.js';
import { runUpdateKubeconfig } from '../../electron/cli/update-kubeconfig.js';
import { restoreCommand } from '../../renderer/src/wizards/undo-commands.js';
import { openWorld, type FixWorld } from '../fix/fixture.js';
import { run } from '../helpers/run.js';

let w: FixWorld | undefined;
afterEach(async () => {
  await w?.sb.stop();
  w = undefined;
});

describe("the undo's command line, as shown", () => {
  it('runs where no eks-access-doctor is on the PATH, and puts the kubeconfig back as it was', async () => {
    expect.hasAssertions();
    w = await openWorld('no-kubeconfig-entry');
    const file = w.env.KUBECONFIG!;
    const original = readFileSync(file);
    // Written the way the app writes (its backups under the user's home, where the command shown looks).
    const u = await runUpdateKubeconfig(['--profile', 'julia', '--cluster', 'web-prod', '--json'], { env: w.env });
    expect(u.exitCode, u.stderr).toBe(0);
    const { backupId } = JSON.parse(u.stdout) as { backupId: string };
    expect(readFileSync(file).equals(original)).toBe(false);

    expect((await run('bash', ['-c', 'command -v eks-access-doctor'], w.env)).code).not.toBe(0);
    const shown = restoreCommand(appCommands().cli, backupId);
    expect(shown).toMatch(/^\/\S+ \/\S+\/bin\/eks-access-doctor\.cjs restore --backup kubeconfig-\S+ --yes$/);
    const r = await run('bash', ['-c', shown], w.env, 120_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Restored /);
    expect(readFileSync(file).equals(original)).toBe(true);
  }, 180_000);
});
