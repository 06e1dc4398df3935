// The commands the app shows to copy name its own bin script by absolute path, from the source (electron/) and from
// the bundles the app runs as (dist/start, dist/electron): one folder deeper, where a path fixed relative to the
// module pointed at dist/bin, which does not exist, and the app fell back to a command that is not on the PATH.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binScript } from '../../electron/app-commands.js';

const root = resolve('.');
const bin = join(root, 'bin', 'eks-access-doctor.cjs');

describe("the app's own command line, by path", () => {
  it('is found from the source folder and from the bundles a level deeper', () => {
    expect.hasAssertions();
    expect(binScript(join(root, 'electron'))).toBe(bin);
    expect(binScript(join(root, 'dist', 'start'))).toBe(bin);
    expect(binScript(join(root, 'dist', 'electron'))).toBe(bin);
  });

  it('is not made up where there is none', () => {
    expect.hasAssertions();
    expect(binScript('/')).toBeUndefined();
  });
});
