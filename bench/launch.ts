// Benchmark: the app's launch as a user meets it. (1) From `npm run demo` (warm: built, installed) to the printed
// URL; (2) from opening its Profiles page in Chromium to the table filled (every row checked against the demo
// sandbox). Whole processes, RUNS runs each, medians; the browser is started once, before the runs.
// Run: npm run bench:launch        (BENCH_RUNS=N to change the number of runs)
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureCliBuilt } from '../scripts/build-cli.js';
import { ensureRendererBuilt } from '../scripts/ensure-renderer.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const DEMO_PROFILES = 12;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Starts `npm run demo` in browser mode; resolves with the URL and the time until it was printed. */
function startDemo(): Promise<{ url: string; ms: number; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('npm', ['run', '--silent', 'demo', '--', '--browser-mode', '--no-open'], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        process.kill(-child.pid!, 'SIGTERM'); // npm, and the app under it
      });
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      const m = /Open (http\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, ms: performance.now() - started, stop });
    });
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('exit', (code) => reject(new Error(`npm run demo exited (${code}) before printing a URL: ${err.trim().split('\n').pop()}`)));
  });
}

async function main(): Promise<void> {
  await Promise.all([ensureRendererBuilt(), ensureCliBuilt()]);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  console.log(`bench:launch — ${new Date().toISOString()}, load average ${load()}, ${RUNS} runs (after one warm-up)`);
  const toUrl: number[] = [];
  const toTable: number[] = [];
  try {
    for (let i = 0; i <= RUNS; i++) {
      const demo = await startDemo();
      try {
        const page = await browser.newPage();
        const opened = performance.now();
        await page.goto(`${demo.url}#/profiles`);
        await page.waitForFunction(
          (n) => document.querySelectorAll('[data-status]').length === n && !document.querySelector('[data-status="checking"], [data-status="unchecked"]'),
          DEMO_PROFILES,
          { timeout: 60_000, polling: 20 },
        );
        const tableMs = performance.now() - opened;
        await page.close();
        if (i > 0) {
          toUrl.push(demo.ms);
          toTable.push(tableMs);
        }
        console.log(`run ${i || 'warm-up'}: URL printed after ${demo.ms.toFixed(0)} ms; Profiles table filled ${tableMs.toFixed(0)} ms after opening it`);
      } finally {
        await demo.stop();
      }
    }
  } finally {
    await browser.close();
  }
  console.log('| step | median | runs |');
  console.log('|---|---|---|');
  console.log(`| \`npm run demo\` to the printed URL | ${median(toUrl).toFixed(0)} ms | ${toUrl.map((m) => m.toFixed(0)).join(', ')} |`);
  console.log(`| opening the page to the Profiles table filled (${DEMO_PROFILES} profiles) | ${median(toTable).toFixed(0)} ms | ${toTable.map((m) => m.toFixed(0)).join(', ')} |`);
  console.log(`load average after: ${load()}`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`error: ${err.message}`);
    process.exit(1);
  },
);
