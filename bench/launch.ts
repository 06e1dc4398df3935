// Benchmark: the app's launch as a user meets it. (1) From `npm run demo` (warm: built, installed) to the printed
// URL, with the CPU its processes used until then (user + system, read from /proc: on a busy machine the wall time
// says more about the other processes). (2) From opening the Profiles page in Chromium, as soon as the URL is
// printed, to the table filled: every one of the 12 demo profiles' rows shows its status from a finished check
// against the demo sandbox (none "checking" or "unchecked"). Whole processes, RUNS runs each after one warm-up,
// variants alternated, medians; the browser is started once.
// Run: npm run bench:launch
//   BENCH_RUNS=N                   the number of runs (7)
//   BENCH_VARIANTS=bundle,tsx      which starts to alternate (default: bundle): `bundle` is `npm run demo`; `tsx` the
//                                  same from source through tsx; `baseline` is `npm run demo` in BENCH_BASELINE, another
//                                  checkout of the project (with node_modules), to compare two versions on the same minutes
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system, ms) of a process group's live processes, from /proc. */
function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      // After the name: state(0) ppid(1) pgrp(2) … utime(11) stime(12)
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks * TICK_MS;
}

const DEMO_ARGS = ['run', '--silent', 'demo', '--', '--browser-mode', '--no-open'];
const VARIANTS = {
  bundle: { label: '`npm run demo` (the bundle)', cmd: 'npm', args: DEMO_ARGS, cwd: root },
  tsx: { label: 'the same from source through tsx', cmd: process.execPath, args: ['--import', 'tsx', 'scripts/start.ts', '--demo', '--browser-mode', '--no-open'], cwd: root },
  baseline: { label: `\`npm run demo\` in ${process.env.BENCH_BASELINE ?? '(BENCH_BASELINE unset)'}`, cmd: 'npm', args: DEMO_ARGS, cwd: process.env.BENCH_BASELINE ?? '' },
};
type Variant = keyof typeof VARIANTS;
const chosen = (process.env.BENCH_VARIANTS ?? 'bundle').split(',').map((v) => v.trim()) as Variant[];
for (const v of chosen) if (!(v in VARIANTS)) throw new Error(`BENCH_VARIANTS: unknown variant "${v}" (bundle, tsx, baseline)`);
if (chosen.includes('baseline') && !process.env.BENCH_BASELINE) throw new Error('BENCH_VARIANTS has baseline: set BENCH_BASELINE to the other checkout');

/** Starts the demo in browser mode; resolves with the URL, the time until it was printed and the CPU used until then. */
function startDemo(variant: Variant): Promise<{ url: string; ms: number; cpuMs: number; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const { cmd, args, cwd } = VARIANTS[variant];
    const child = spawn(cmd, args, { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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
      if (m) resolve({ url: m[1]!, ms: performance.now() - started, cpuMs: groupCpuMs(child.pid!), stop });
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
  console.log(`bench:launch — ${new Date().toISOString()}, load average ${load()}, ${RUNS} runs of each (after one warm-up), alternating ${chosen.join(', ')}`);
  const results = Object.fromEntries(chosen.map((v) => [v, { url: [] as number[], cpu: [] as number[], table: [] as number[], total: [] as number[] }]));
  try {
    for (let i = 0; i <= RUNS; i++) {
      for (const variant of chosen) {
        const demo = await startDemo(variant);
        try {
          const page = await browser.newPage();
          const opened = performance.now();
          await page.goto(`${demo.url}#/profiles`);
          await page.waitForFunction(
            (n) => document.querySelectorAll('[data-status]').length === n && !document.querySelector('[data-status="checking"], [data-status="unchecked"]'),
            DEMO_PROFILES,
            { timeout: 120_000, polling: 20 },
          );
          const tableMs = performance.now() - opened;
          await page.close();
          const r = results[variant]!;
          if (i > 0) {
            r.url.push(demo.ms);
            r.cpu.push(demo.cpuMs);
            r.table.push(tableMs);
            r.total.push(demo.ms + tableMs);
          }
          console.log(`run ${i || 'warm-up'} ${variant}: URL printed after ${demo.ms.toFixed(0)} ms (CPU ${demo.cpuMs} ms); Profiles table filled ${tableMs.toFixed(0)} ms after opening it (load ${load()})`);
        } finally {
          await demo.stop();
        }
      }
    }
  } finally {
    await browser.close();
  }
  const list = (xs: number[]) => xs.map((m) => m.toFixed(0)).join(', ');
  console.log('| start | to the printed URL (median) | CPU until then (median) | opening the Profiles page to the table filled, 12 profiles (median) | start to the table filled (median) |');
  console.log('|---|---|---|---|---|');
  for (const variant of chosen) {
    const r = results[variant]!;
    const cell = (xs: number[]) => `${median(xs).toFixed(0)} ms (${list(xs)})`;
    console.log(`| ${VARIANTS[variant].label} | ${cell(r.url)} | ${cell(r.cpu)} | ${cell(r.table)} | ${cell(r.total)} |`);
  }
  console.log(`load average after: ${load()}`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`error: ${err.message}`);
    process.exit(1);
  },
);
