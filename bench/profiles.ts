// Benchmark: time from launching browser mode to the Profiles table filled (every row checked),
// for the demo scenario and for a generated 200-profile config against the same sandbox.
// Run: npm run bench:profiles
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createAppContext } from '../electron/app-context.js';
import { startWebServer } from '../electron/web.js';
import { startSandbox } from '../sandbox/index.js';
import { ensureRendererBuilt, RENDERER_DIST } from '../scripts/ensure-renderer.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const root = fileURLToPath(new URL('..', import.meta.url));

/** 200 profiles: static keys of the demo users (valid and deleted) and assume-role chains. */
function generate(dir: string, credentialsText: string): { config: string; credentials: string } {
  const sections = [...credentialsText.matchAll(/^\[([^\]]+)\]\n((?:[^[\n].*\n?)+)/gm)].map((m) => ({ name: m[1]!, body: m[2]! }));
  const config: string[] = [];
  const credentials: string[] = [];
  for (let i = 0; i < 200; i++) {
    const name = `p${String(i).padStart(3, '0')}`;
    if (i % 4 === 3) {
      config.push(`[profile ${name}]\nrole_arn = arn:aws:iam::111122223333:role/Developer\nsource_profile = p000\nrole_session_name = bench${i}\nregion = us-east-1\n`);
    } else {
      const src = sections[i % sections.length]!;
      credentials.push(`[${name}]\n${src.body.trim()}\n`);
      config.push(`[profile ${name}]\nregion = us-east-1\n`);
    }
  }
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  writeFileSync(configFile, config.join('\n'));
  writeFileSync(credentialsFile, credentials.join('\n'));
  return { config: configFile, credentials: credentialsFile };
}

async function measure(label: string, env: Record<string, string | undefined>, expectedRows: number): Promise<number> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const started = performance.now();
  const context = createAppContext({ env, mode: 'browser' });
  const server = await startWebServer({ context, staticDir: RENDERER_DIST });
  const page = await browser.newPage();
  await page.goto(`${server.openUrl}#/profiles`); // the landing page is Your kubectl
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-status]').length === n && !document.querySelector('[data-status="checking"], [data-status="unchecked"]'),
    expectedRows,
    { timeout: 120_000, polling: 50 },
  );
  const ms = performance.now() - started;
  console.log(`${label}: ${expectedRows} profiles, table filled in ${Math.round(ms)} ms`);
  await browser.close();
  await server.close();
  return ms;
}

async function main() {
  await ensureRendererBuilt();
  const sandbox = await startSandbox(join(root, 'sandbox', 'scenarios', 'demo.yaml'));
  try {
    const env = { PATH: process.env.PATH, ...sandbox.env };
    await measure('demo scenario', env, sandbox.world.scenario.profiles.length);
    const dir = mkdtempSync(join(tmpdir(), 'ead-bench-'));
    const files = generate(dir, readFileSync(sandbox.env.AWS_SHARED_CREDENTIALS_FILE!, 'utf8'));
    await measure('generated config', { ...env, AWS_CONFIG_FILE: files.config, AWS_SHARED_CREDENTIALS_FILE: files.credentials }, 200);
  } finally {
    await sandbox.stop();
  }
}

main().then(() => process.exit(0), (err: Error) => {
  console.error(`error: ${err.message.split('\n')[0]}`);
  process.exit(1);
});
