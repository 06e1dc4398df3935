// The import rules CI runs (.dependency-cruiser.cjs) catch what they promise on a small made-up tree: a cycle
// between rooms through a dynamic import(), the sandbox loaded lazily from app code, Electron outside the edge
// (a type-only re-export), the leaf room importing a room, and a room importing a transport.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { cruise } from 'dependency-cruiser';

const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as { forbidden: unknown[]; options: Record<string, unknown> };
const dir = mkdtempSync(path.join(tmpdir(), 'ead-depcruise-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tree: Record<string, string> = {
  'electron/alpha/a.ts': "export const a = 1;\nexport const later = () => import('../beta/b.ts');\n",
  'electron/beta/b.ts': "import { a } from '../alpha/a.ts';\nexport const b = a;\n",
  'electron/gamma/g.ts': "export const load = () => import('../../sandbox/s.ts');\n",
  'sandbox/s.ts': 'export const s = 1;\n',
  'electron/delta/d.ts': "export type { App } from 'electron';\n",
  'electron/common/c.ts': "import { b } from '../beta/b.ts';\nexport const c = b;\n",
  'electron/epsilon/e.ts': "import { web } from '../web.ts';\nexport const e = web;\n",
  'electron/web.ts': 'export const web = 1;\n',
  'electron/main.ts': "import { app } from 'electron';\nexport const m = app;\n",
  'node_modules/electron/package.json': '{ "name": "electron", "main": "index.js", "types": "index.d.ts" }\n',
  'node_modules/electron/index.js': 'exports.app = {};\n',
  'node_modules/electron/index.d.ts': 'export declare const app: object;\nexport interface App {}\n',
};

it('each rule fails on the import it forbids, dynamic and type-only imports included, and lets the edge import Electron', async () => {
  for (const [file, text] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const { tsConfig: _repoTsConfig, ...options } = config.options;
  const result = await cruise(['electron', 'sandbox'], { ...options, validate: true, baseDir: dir, ruleSet: { forbidden: config.forbidden } } as never);
  const output = result.output as { summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> } };
  const found = output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
  expect(found).toEqual(expect.arrayContaining([
    'no-module-cycle: electron/alpha/a.ts -> electron/beta/b.ts',
    'app-never-imports-the-sandbox: electron/gamma/g.ts -> sandbox/s.ts',
    'electron-only-at-the-edge: electron/delta/d.ts -> node_modules/electron/index.js',
    'common-is-a-leaf: electron/common/c.ts -> electron/beta/b.ts',
    'domain-never-imports-a-host: electron/epsilon/e.ts -> electron/web.ts',
  ]));
  expect(found.some((f) => f.startsWith('no-room-cycle: electron/alpha'))).toBe(true);
  expect(found.filter((f) => f.includes('electron/main.ts'))).toEqual([]);
});
