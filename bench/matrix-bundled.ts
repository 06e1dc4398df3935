// The first scan of the app as a user runs it: `npm start` (the bundle in dist/start, no TypeScript compiler) in its
// own process against the generated world of bench/matrix.ts (20 profiles × 40 clusters, 50 ms per answer), driven
// over its HTTP API as the page drives it — the page's first list, then after the app is idle each run a click on
// "scan" (matrix.start) timed until the scan's `done` event. The app's CPU is its process group's, from /proc. The
// lower bound comes from a scan of the same world in this process before the app starts (its request counts), as
// bench/matrix.ts computes it.
//   npx tsx bench/matrix-bundled.ts [--runs 3] [--idle-ms 3000]
// BENCH_APP_NODE_ARGS: node flags for the app only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`); each run's start and
// end are then printed in µs of the clock such profiles use, to cut them to one scan.
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { generateScenarioInput } from './gen-scenario.js';
import { isolatedEnv, startSandboxProcess } from './matrix-sandbox.js';
import { followEvents } from './event-stream.js';
import { groupCpuMs, median, startUntilUrl } from './launch-demo.js';
import { busiestAccount, LATENCY_MS, lowerBound } from './matrix-bound.js';
import { runMatrix } from '../electron/cli/matrix.js';
import type { MatrixScan } from '../electron/matrix/engine.js';
import type { MatrixEventPayload, MatrixState } from '../shared/matrix-types.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'idle-ms': { type: 'string', default: '3000' } } });
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface App {
  pid: number;
  base: URL;
  token: string;
  stop(): Promise<void>;
}

/** `npm start`'s script in browser mode, as its own process group, with the sandbox's environment. */
async function startApp(env: Record<string, string>): Promise<App & { urlMs: number }> {
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const started = await startUntilUrl(process.execPath, [...nodeArgs, 'scripts/start.mjs', '--browser-mode', '--no-open'], root, env);
  const url = new URL(started.url);
  return { pid: started.pid, base: new URL('/', url), token: url.searchParams.get('token') ?? '', stop: started.stop, urlMs: started.ms };
}

function call<T>(app: App, channel: string, body: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(`api/call/${channel}`, app.base), { method: 'POST', headers: { 'content-type': 'application/json', 'x-ead-token': app.token } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d));
      res.on('end', () => {
        const envelope = JSON.parse(text) as { ok: boolean; result?: T; error?: { message: string } };
        if (envelope.ok) resolve(envelope.result as T);
        else reject(new Error(`${channel}: ${envelope.error?.message}`));
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** The page's event stream: every `matrix.event` to `onMatrix`. */
function listen(app: App, onMatrix: (event: MatrixEventPayload['event']) => void): Promise<() => void> {
  return followEvents(app.base, app.token, 'matrix.event', (data) => onMatrix((data as MatrixEventPayload).event));
}

interface Run {
  ms: number;
  firstEventMs: number;
  cpuMs: number;
  sandboxCpuMs: number;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'bench-matrix-bundled-'));
  const input = generateScenarioInput({ profiles: 20, clusters: 40, regions: 4, latencyMs: LATENCY_MS });
  const file = path.join(work, 'matrix-20x40.yaml');
  writeFileSync(file, stringify(input, { lineWidth: 0 }));
  const sandbox = await startSandboxProcess(file, path.join(work, 'state'));
  const env = isolatedEnv(sandbox.env);
  try {
    console.log(`scenario: ${input.profiles!.length} profiles × ${input.clusters!.length} clusters, latency ${LATENCY_MS} ms per answer; ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    // The same world scanned once in this process first: its request counts give the lower bound, its cells are
    // compared with the app's, and the sandbox has served each kind of request once — as AWS's and the clusters'
    // servers have — so that the app's first scan pays for its own first time only, not the sandbox's as well.
    let scan: MatrixScan | undefined;
    const r = await runMatrix(['--json'], { env, onScan: (x) => (scan = x) });
    if (r.exitCode !== 0) throw new Error(`matrix exited ${r.exitCode}: ${r.stderr.trim()}`);
    const reference = scan!.snapshot();
    const count = (cells: { outcome: string }[]) => JSON.stringify(Object.entries(cells.reduce<Record<string, number>>((o, c) => ((o[c.outcome] = (o[c.outcome] ?? 0) + 1), o), {})).sort());
    const app = await startApp(env);
    const runs: Run[] = [];
    let state: MatrixState;
    try {
      let pending: { started: number; first?: number; resolve: () => void; reject: (e: Error) => void } | undefined;
      const unlisten = await listen(app, (event) => {
        if (!pending) return;
        pending.first ??= performance.now() - pending.started;
        if (event.type === 'done') pending.resolve();
        if (event.type === 'failed') pending.reject(new Error(`the scan failed: ${event.message}`));
      });
      const listed = performance.now();
      await call(app, 'profiles.list', { refresh: false });
      console.log(`the app (npm start's bundle, pid ${app.pid}): URL after ${app.urlMs.toFixed(0)} ms; the page's first list answered after ${(performance.now() - listed).toFixed(0)} ms; then ${values['idle-ms']} ms idle (the rooms and the worker load a second after that list)`);
      await new Promise((r) => setTimeout(r, Number(values['idle-ms'])));
      for (let i = 0; i < Number(values.runs); i++) {
        const cpu0 = groupCpuMs(app.pid);
        const sandboxCpu0 = sandbox.cpuMs();
        const started = performance.now();
        const t0 = process.hrtime.bigint() / 1000n;
        const ended = new Promise<void>((resolve, reject) => (pending = { started, resolve, reject }));
        await call(app, 'matrix.start', {});
        await ended;
        const ms = performance.now() - started;
        runs.push({ ms, firstEventMs: pending!.first ?? NaN, cpuMs: groupCpuMs(app.pid) - cpu0, sandboxCpuMs: sandbox.cpuMs() - sandboxCpu0 });
        pending = undefined;
        if (process.env.BENCH_APP_NODE_ARGS) console.log(`window ${i + 1}: ${t0} ${process.hrtime.bigint() / 1000n}`);
      }
      state = await call<MatrixState>(app, 'matrix.snapshot', {});
      unlisten();
    } finally {
      await app.stop();
    }

    const cells = state.matrix?.cells ?? [];
    if (count(cells) !== count(reference.cells)) throw new Error(`the app's cells ${count(cells)} differ from the in-process scan's ${count(reference.cells)}`);
    const lb = lowerBound(reference.stats);
    const times = runs.map((x) => x.ms);
    const mid = median(times);
    console.log(`app (matrix.start through the bundled app's HTTP API): runs ${times.map(s).join(', ')}; median ${s(mid)}; ${cells.length} cells ${count(cells)}`);
    console.log(`  first scan event after ${runs.map((x) => `${x.firstEventMs.toFixed(0)} ms`).join(', ')} (goal ≤ 300 ms)`);
    console.log(`  CPU per run: app ${runs.map((x) => s(x.cpuMs)).join(', ')}; sandbox ${runs.map((x) => s(x.sandboxCpuMs)).join(', ')}; load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`lower bound ${s(lb.bound)} (AWS ${reference.stats.awsRequests} calls × ${LATENCY_MS} ms ÷ ${lb.awsSlots} slots = ${s(lb.aws)}; Kubernetes ${s(lb.kube)}; chain ${s(lb.chain)})`);
    console.log(`the process's first scan ÷ lower bound: ${(times[0]! / lb.bound).toFixed(2)}× (goal ≤ 1.5×); median ÷ lower bound: ${(mid / lb.bound).toFixed(2)}×`);
    const busiest = busiestAccount(reference.stats);
    if (busiest) console.log(`  (not the goal's formula) the busiest account's own floor ${s(busiest.ms)} → first scan ÷ that ${(times[0]! / busiest.ms).toFixed(2)}×`);
  } finally {
    await sandbox.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
