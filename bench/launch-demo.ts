// What the launch benchmarks share: `npm run demo` (or another start) in browser mode as a whole process group, the
// URL it prints, the time and CPU until then, and the Chromium they open it in.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
export const DEMO_PROFILES = 12;

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system, ms) of a process group's live processes, from /proc. */
export function groupCpuMs(pgid: number): number {
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
export const VARIANTS = {
  bundle: { label: '`npm run demo` (the bundle)', cmd: 'npm', args: DEMO_ARGS, cwd: root },
  tsx: { label: 'the same from source through tsx', cmd: process.execPath, args: ['--import', 'tsx', 'scripts/start.ts', '--demo', '--browser-mode', '--no-open'], cwd: root },
  baseline: { label: `\`npm run demo\` in ${process.env.BENCH_BASELINE ?? '(BENCH_BASELINE unset)'}`, cmd: 'npm', args: DEMO_ARGS, cwd: process.env.BENCH_BASELINE ?? '' },
};
export type Variant = keyof typeof VARIANTS;
export const chosen = (process.env.BENCH_VARIANTS ?? 'bundle').split(',').map((v) => v.trim()) as Variant[];
for (const v of chosen) if (!(v in VARIANTS)) throw new Error(`BENCH_VARIANTS: unknown variant "${v}" (bundle, tsx, baseline)`);
if (chosen.includes('baseline') && !process.env.BENCH_BASELINE) throw new Error('BENCH_VARIANTS has baseline: set BENCH_BASELINE to the other checkout');

/** Starts the demo in browser mode; resolves with the URL, the time until it was printed and the CPU used until then. */
export function startDemo(variant: Variant): Promise<UrlPrinted> {
  const { cmd, args, cwd } = VARIANTS[variant];
  return startUntilUrl(cmd, args, cwd, process.env);
}

export interface UrlPrinted {
  url: string;
  ms: number;
  /** The process group's CPU until the URL was printed. */
  cpuMs: number;
  /** The process group's id (its leader's pid). */
  pid: number;
  /** Everything it has printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts a command that prints `Open <url>` as its own process group; `stop` ends the whole group. */
export function startUntilUrl(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<UrlPrinted> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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
      if (m) resolve({ url: m[1]!, ms: performance.now() - started, cpuMs: groupCpuMs(child.pid!), pid: child.pid!, output: () => out, stop });
    });
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('exit', (code) => reject(new Error(`${cmd} ${args.join(' ')} exited (${code}) before printing a URL: ${err.trim().split('\n').pop()}`)));
  });
}

/** The headless Chromium both benchmarks open the page in (as the Chromium tests start it). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The page's table is filled: every demo profile's row shows the status of a finished check. */
export const tableFilled = (n: number) =>
  document.querySelectorAll('[data-status]').length === n && !document.querySelector('[data-status="checking"], [data-status="unchecked"]');
