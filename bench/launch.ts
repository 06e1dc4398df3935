// Benchmark: the app's launch as a user meets it. (1) From `npm run demo` (warm: built, installed) to the printed
// URL, with the CPU its processes used until then (user + system, read from /proc: on a busy machine the wall time
// says more about the other processes); alternated with the same start from source through tsx, as `npm run demo`
// ran before it was bundled. (2) From opening the Profiles page in Chromium to the table filled (every row checked
// against the demo sandbox). Whole processes, RUNS runs each, medians; the browser is started once.
// Run: npm run bench:launch        (BENCH_RUNS=N to change the number of runs)
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

const VARIANTS = {
  bundle: { label: '`npm run demo` (the bundle)', cmd: 'npm', args: ['run', '--silent', 'demo', '--', '--browser-mode', '--no-open'] },
  tsx: { label: 'the same from source through tsx (as before)', cmd: process.execPath, args: ['--import', 'tsx', 'scripts/start.ts', '--demo', '--browser-mode', '--no-open'] },
};

/** Starts the demo in browser mode; resolves with the URL, the time until it was printed and the CPU used until then. */
function startDemo(variant: keyof typeof VARIANTS): Promise<{ url: string; ms: number; cpuMs: number; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const { cmd, args } = VARIANTS[variant];
    const child = spawn(cmd, args, { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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
  console.log(`bench:launch — ${new Date().toISOString()}, load average ${load()}, ${RUNS} runs of each (after one warm-up), alternating`);
  const results = { bundle: { url: [] as number[], cpu: [] as number[], table: [] as number[] }, tsx: { url: [] as number[], cpu: [] as number[], table: [] as number[] } };
  try {
    for (let i = 0; i <= RUNS; i++) {
      for (const variant of ['bundle', 'tsx'] as const) {
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
          if (i > 0) {
            results[variant].url.push(demo.ms);
            results[variant].cpu.push(demo.cpuMs);
            results[variant].table.push(tableMs);
          }
          console.log(`run ${i || 'warm-up'} ${variant}: URL printed after ${demo.ms.toFixed(0)} ms (CPU ${demo.cpuMs} ms); Profiles table filled ${tableMs.toFixed(0)} ms after opening it`);
        } finally {
          await demo.stop();
        }
      }
    }
  } finally {
    await browser.close();
  }
  const list = (xs: number[]) => xs.map((m) => m.toFixed(0)).join(', ');
  console.log('| start | to the printed URL (median) | CPU until then (median) | opening the Profiles page to the table filled, 12 profiles (median) |');
  console.log('|---|---|---|---|');
  for (const variant of ['bundle', 'tsx'] as const) {
    const r = results[variant];
    console.log(`| ${VARIANTS[variant].label} | ${median(r.url).toFixed(0)} ms (${list(r.url)}) | ${median(r.cpu).toFixed(0)} ms (${list(r.cpu)}) | ${median(r.table).toFixed(0)} ms (${list(r.table)}) |`);
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
