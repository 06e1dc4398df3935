// Electron security review with @doyensec/electronegativity, offline (-e pins the Electron version, and the one
// check that downloads Electron's release list is left out): no high or medium finding may stand.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { cleanEnv, run } from '../helpers/run.js';

it('electronegativity finds nothing of high or medium severity in electron/', async () => {
  const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version as string;
  const out = mkdtempSync(path.join(tmpdir(), 'eneg-'));
  try {
    const csv = path.join(out, 'findings.csv');
    const r = await run(
      process.execPath,
      ['node_modules/@doyensec/electronegativity/dist/index.js', '-i', 'electron', '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', csv],
      cleanEnv({ HOME: out }),
      180_000,
    );
    expect(r.code, r.stderr).toBe(0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
    const serious = rows.filter((row) => /,"(HIGH|MEDIUM)",/.test(row));
    expect(serious).toEqual([]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
