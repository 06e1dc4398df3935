// Whether kubectl is there and how old it is, as the "Your kubectl" page reports it.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kubectlTool } from '../../electron/contexts/kubectl-tool.js';

const dir = mkdtempSync(join(tmpdir(), 'kubectl-tool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kubectlTool', () => {
  it('finds the installed kubectl and its version', async () => {
    const tool = await kubectlTool({ PATH: process.env.PATH });
    expect(tool).toMatchObject({ found: true, version: expect.stringMatching(/^v1\.\d+\.\d+/) });
    expect(tool.tooOld).toBeUndefined();
  });

  it('says not found when no kubectl is on the PATH', async () => {
    expect(await kubectlTool({ PATH: dir })).toEqual({ found: false });
  });

  it('calls a kubectl older than any supported EKS version too old', async () => {
    const old = join(dir, 'old');
    writeFileSync(join(dir, 'kubectl'), `#!/bin/sh\necho '{"clientVersion":{"gitVersion":"v1.21.14"}}'\n`);
    chmodSync(join(dir, 'kubectl'), 0o755);
    expect(await kubectlTool({ PATH: `${dir}:${old}` })).toEqual({ found: true, version: 'v1.21.14', tooOld: true });
  });
});
