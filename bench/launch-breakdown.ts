// Benchmark: where the time goes between opening the Profiles page and the table filled — one `npm run demo` per
// run, the page opened as soon as the URL is printed (as bench/launch.ts does), and for each run one line of times
// since opening the page: the HTML, the script and style sheet fetched, the app's first render, the profiles.list
// answer, the status events (as the page received them, and as the server sent them: the benchmark listens to the
// event stream itself from the moment the URL is printed), the rows rendered and the table filled; then the main
// thread's busy time by kind (Chromium's Performance.getMetrics) and its long tasks with what filled them (a trace).
// Run: npx tsx bench/launch-breakdown.ts
//   BENCH_RUNS=N            runs after one warm-up (3)
//   BENCH_TRACE=0           no trace (the long tasks then only with their times)
//   BENCH_VARIANTS=bundle   which start (see bench/launch.ts); the first one named is used
import { ensureCliBuilt } from '../scripts/build-cli.js';
import { ensureRendererBuilt } from '../scripts/ensure-renderer.js';
import { chosen, DEMO_PROFILES, launchBrowser, load, median, startDemo, tableFilled } from './launch-demo.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// The trace costs the page time of its own: off, the times are the page's; on, the long tasks say what filled them.
const TRACE = process.env.BENCH_TRACE !== '0';

/** Runs in the page before its own scripts: notes, in epoch ms, what the page receives and when the table changes. */
function instrument(): void {
  const now = () => performance.timeOrigin + performance.now();
  const t = { calls: [] as { channel: string; start: number; end: number }[], events: [] as { at: number; status: string }[], firstRender: 0, rows: 0, filled: 0, painted: 0, longTasks: [] as { start: number; ms: number }[] };
  (window as unknown as { __ead: typeof t }).__ead = t;
  performance.mark('ead-sync');
  const plainFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const start = now();
    const res = await plainFetch(input, init);
    const channel = String(input).replace(/^.*api\/call\//, '');
    void res.clone().text().then(() => t.calls.push({ channel, start, end: now() }));
    return res;
  };
  const PlainSource = window.EventSource;
  window.EventSource = class extends PlainSource {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      this.addEventListener('profiles.status', (e) => t.events.push({ at: now(), status: (JSON.parse((e as MessageEvent<string>).data) as { status: string }).status }));
    }
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) t.longTasks.push({ start: performance.timeOrigin + e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const n = 12;
  new MutationObserver(() => {
    const at = now();
    if (!t.firstRender && document.getElementById('root')?.childElementCount) t.firstRender = at;
    if (!t.rows && document.querySelectorAll('[data-status]').length === n) t.rows = at;
    if (!t.filled && t.rows && !document.querySelector('[data-status="checking"], [data-status="unchecked"]')) {
      t.filled = at;
      requestAnimationFrame(() => setTimeout(() => (t.painted = now())));
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
}

/** The server's status events, as they leave it: read from the event stream with the run's token. */
function listen(openUrl: string): { events: { at: number; status: string }[]; stop: () => void } {
  const url = new URL(openUrl);
  const events: { at: number; status: string }[] = [];
  const abort = new AbortController();
  void (async () => {
    const res = await fetch(`${url.origin}/api/events?token=${url.searchParams.get('token')}`, { signal: abort.signal });
    let text = '';
    for await (const chunk of res.body! as unknown as AsyncIterable<Uint8Array>) {
      text += Buffer.from(chunk).toString('utf8');
      let end;
      while ((end = text.indexOf('\n\n')) >= 0) {
        const frame = text.slice(0, end);
        text = text.slice(end + 2);
        if (!frame.startsWith('event: profiles.status')) continue;
        events.push({ at: Date.now(), status: (JSON.parse(frame.split('\ndata: ')[1]!) as { status: string }).status });
      }
    }
  })().catch(() => {});
  return { events, stop: () => abort.abort() };
}

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } }

/** The page's long tasks (≥ 30 ms) on its main thread, each with the kinds of work inside it that took ≥ 10 ms. */
function longTasks(trace: TraceEvent[], syncEpoch: number): string[] {
  const sync = trace.find((e) => e.name === 'ead-sync');
  if (!sync) return ['(no trace mark)'];
  const main = trace.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === sync.pid && e.args?.name === 'CrRendererMain');
  const own = trace.filter((e) => e.pid === sync.pid && e.tid === main?.tid && e.ph === 'X' && e.dur !== undefined);
  const epoch = (ts: number) => syncEpoch + (ts - sync.ts) / 1000;
  const lines: string[] = [];
  for (const task of own.filter((e) => e.name === 'RunTask' && e.dur! >= 30_000)) {
    const inside = new Map<string, number>();
    for (const e of own) if (e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!) inside.set(e.name, (inside.get(e.name) ?? 0) + e.dur!);
    const kinds = [...inside].filter(([, d]) => d >= 10_000).sort((a, b) => b[1] - a[1]).map(([n, d]) => `${n} ${(d / 1000).toFixed(0)}`);
    lines.push(`${(epoch(task.ts)).toFixed(0)}+${(task.dur! / 1000).toFixed(0)} ms: ${kinds.join(', ')}`);
  }
  return lines;
}

async function main(): Promise<void> {
  await Promise.all([ensureRendererBuilt(), ensureCliBuilt()]);
  const browser = await launchBrowser();
  const variant = chosen[0]!;
  console.log(`bench:launch-breakdown — ${new Date().toISOString()}, load average ${load()}, ${variant}, ${RUNS} runs after one warm-up`);
  const columns = ['URL printed (ms after start)', 'html', 'js', 'css', 'first render', 'list', 'first event', 'last event', 'server: checks done', 'rows', 'filled', 'painted'];
  const figures: number[][] = [];
  try {
    for (let i = 0; i <= RUNS; i++) {
      const demo = await startDemo(variant);
      const server = listen(demo.url);
      try {
        const page = await browser.newPage();
        // tsx names functions with a helper the page does not have.
        await page.addInitScript({ content: `globalThis.__name = (f) => f; (${instrument.toString()})();` });
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        if (TRACE) await browser.startTracing(page, { categories: ['devtools.timeline', 'v8.execute', 'blink.user_timing', 'disabled-by-default-devtools.timeline'] });
        const opened = Date.now();
        await page.goto(`${demo.url}#/profiles`);
        await page.waitForFunction(tableFilled, DEMO_PROFILES, { timeout: 120_000, polling: 20 });
        await page.waitForFunction(() => (window as unknown as { __ead: { painted: number } }).__ead.painted > 0);
        const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
        const trace = TRACE ? (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }) : undefined;
        const t = await page.evaluate(() => {
          const w = window as unknown as { __ead: { calls: { channel: string; start: number; end: number }[]; events: { at: number; status: string }[]; firstRender: number; rows: number; filled: number; painted: number; longTasks: { start: number; ms: number }[] } };
          const sync = performance.getEntriesByName('ead-sync')[0]!;
          const res = (ext: string) => performance.getEntriesByType('resource').find((e) => e.name.endsWith(ext)) as PerformanceResourceTiming | undefined;
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          const o = performance.timeOrigin;
          return { ...w.__ead, syncEpoch: o + sync.startTime, html: o + nav.responseEnd, js: o + (res('.js')?.responseEnd ?? 0), css: o + (res('.css')?.responseEnd ?? 0), jsBytes: res('.js')?.transferSize, cssBytes: res('.css')?.transferSize };
        });
        await page.close();
        const rel = (at: number) => Math.round(at - opened);
        const list = t.calls.find((c) => c.channel.startsWith('profiles.list'));
        const finished = t.events.filter((e) => e.status !== 'checking');
        const serverDone = server.events.filter((e) => e.status !== 'checking').at(-1);
        const row = [demo.ms, t.html, t.js, t.css, t.firstRender, list?.end ?? 0, finished[0]?.at ?? 0, finished.at(-1)?.at ?? 0, serverDone?.at ?? 0, t.rows, t.filled, t.painted].map((v, k) => (k === 0 ? Math.round(v) : v ? rel(v) : NaN));
        if (i > 0) figures.push(row);
        const m = Object.fromEntries(metrics.map((x) => [x.name, Math.round(x.value * 1000)]));
        console.log(`\nrun ${i || 'warm-up'} (load ${load()}): ${columns.map((c, k) => `${c} ${row[k]}`).join(' · ')}`);
        console.log(`  calls: ${t.calls.sort((a, b) => a.start - b.start).map((c) => `${c.channel} ${rel(c.start)}→${rel(c.end)}`).join(', ')}`);
        console.log(`  status events in the page: ${t.events.length} (${finished.length} finished); from the server since the URL: ${server.events.map((e) => `${e.status[0]}${rel(e.at)}`).join(' ')}`);
        console.log(`  bytes: js ${t.jsBytes}, css ${t.cssBytes}; main thread until painted: script ${m.ScriptDuration} ms, style ${m.RecalcStyleDuration} ms, layout ${m.LayoutDuration} ms, all tasks ${m.TaskDuration} ms`);
        if (trace) console.log(`  long tasks (ms after opening): ${longTasks(trace.traceEvents, t.syncEpoch - opened).join(' | ')}`);
        else console.log(`  long tasks (ms after opening): ${t.longTasks.map((l) => `${rel(l.start)}+${Math.round(l.ms)}`).join(' ')}`);
      } finally {
        server.stop();
        await demo.stop();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`\nmedians of ${RUNS} runs, ms after opening the page:`);
  console.log(columns.map((c, k) => `${c}: ${median(figures.map((r) => r[k]!))}`).join(' · '));
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`error: ${err.message}`);
    process.exit(1);
  },
);
