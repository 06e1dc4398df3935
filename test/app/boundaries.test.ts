// The shipped app (electron/, shared/, renderer/) never imports the sandbox: the sandbox is a test and demo tool,
// and checks made against it must come from independent code.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : sources(p);
    return /\.(ts|tsx)$/.test(d.name) ? [p] : [];
  });
}

it('no app source imports from sandbox/', () => {
  const offenders = ['electron', 'shared', 'renderer']
    .flatMap((d) => sources(d))
    .filter((file) => /from\s+['"](\.\.\/)+sandbox\//.test(readFileSync(file, 'utf8')));
  expect(offenders).toEqual([]);
});
