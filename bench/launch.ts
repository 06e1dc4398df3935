// Benchmark: the app's launch as a user meets it. (1) From `npm run demo` (warm: built, installed) to the printed
// URL, with the CPU its processes used until then (user + system, read from /proc: on a busy machine the wall time
// says more about the other processes). (2) From opening the Profiles page in Chromium, as soon as the URL is
// printed, to the table filled: every one of the 12 demo profiles' rows shows its status from a finished check
// against the demo sandbox (none "checking" or "unchecked"), with the time the page's main thread was busy until then
// (Chromium's TaskDuration). Whole processes, RUNS runs each after one warm-up,
// variants alternated, medians; the browser is started once.
// Run: npm run bench:launch
//   BENCH_RUNS=N                   the number of runs (7)
//   BENCH_VARIANTS=bundle,tsx      which starts to alternate (default: bundle): `bundle` is `npm run demo`; `tsx` the
//                                  same from source through tsx; `baseline` is `npm run demo` in BENCH_BASELINE, another
//                                  checkout of the project (with node_modules), to compare two versions on the same minutes
import { ensureCliBuilt } from '../scripts/build-cli.js';
import { ensureRendererBuilt } from '../scripts/ensure-renderer.js';
import { chosen, DEMO_PROFILES, launchBrowser, load, median, startDemo, tableFilled, VARIANTS } from './launch-demo.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

async function main(): Promise<void> {
  await Promise.all([ensureRendererBuilt(), ensureCliBuilt()]);
  const browser = await launchBrowser();
  console.log(`bench:launch — ${new Date().toISOString()}, load average ${load()}, ${RUNS} runs of each (after one warm-up), alternating ${chosen.join(', ')}`);
  const results = Object.fromEntries(chosen.map((v) => [v, { url: [] as number[], cpu: [] as number[], table: [] as number[], busy: [] as number[], total: [] as number[] }]));
  try {
    for (let i = 0; i <= RUNS; i++) {
      for (const variant of chosen) {
        const demo = await startDemo(variant);
        try {
          const page = await browser.newPage();
          const cdp = await page.context().newCDPSession(page);
          await cdp.send('Performance.enable');
          const opened = performance.now();
          await page.goto(`${demo.url}#/profiles`);
          await page.waitForFunction(tableFilled, DEMO_PROFILES, { timeout: 120_000, polling: 20 });
          const tableMs = performance.now() - opened;
          // The page's main thread: the time its tasks ran until then (less sensitive to other processes than the wall time).
          const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
          const busyMs = 1000 * (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN);
          await page.close();
          const r = results[variant]!;
          if (i > 0) {
            r.url.push(demo.ms);
            r.cpu.push(demo.cpuMs);
            r.table.push(tableMs);
            r.busy.push(busyMs);
            r.total.push(demo.ms + tableMs);
          }
          console.log(`run ${i || 'warm-up'} ${variant}: URL printed after ${demo.ms.toFixed(0)} ms (CPU ${demo.cpuMs} ms); Profiles table filled ${tableMs.toFixed(0)} ms after opening it, its main thread busy ${busyMs.toFixed(0)} ms (load ${load()})`);
        } finally {
          await demo.stop();
        }
      }
    }
  } finally {
    await browser.close();
  }
  const list = (xs: number[]) => xs.map((m) => m.toFixed(0)).join(', ');
  console.log('| start | to the printed URL (median) | CPU until then (median) | opening the Profiles page to the table filled, 12 profiles (median) | the page\'s main thread busy until then (median) | start to the table filled (median) |');
  console.log('|---|---|---|---|---|---|');
  for (const variant of chosen) {
    const r = results[variant]!;
    const cell = (xs: number[]) => `${median(xs).toFixed(0)} ms (${list(xs)})`;
    console.log(`| ${VARIANTS[variant].label} | ${cell(r.url)} | ${cell(r.cpu)} | ${cell(r.table)} | ${cell(r.busy)} | ${cell(r.total)} |`);
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
