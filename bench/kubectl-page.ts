// Benchmark: the app's first page, "Your kubectl", as a user meets it. `npm run demo` is started (warm) and its URL
// opened in Chromium at once (the page opens on "Your kubectl"); the benchmark follows the page's contexts.progress
// events on the app's event stream and prints, from opening the page: every context checked (its credential helper
// run as kubectl runs it, the cluster's answer) and every failing context's cause found. Then, on the same demo, what
// the user would run instead: `kubectl auth whoami --context <ctx>` for each of the demo's contexts, one after the
// other (it tells works / does not, not why). Whole processes, RUNS runs after one warm-up, variants alternated, medians.
// Run: npm run bench:kubectl-page
//   BENCH_RUNS=N          the number of runs (5)
//   BENCH_VARIANTS=bundle,baseline with BENCH_BASELINE=<another checkout>: two versions on the same minutes
import { spawnSync } from 'node:child_process';
import { ensureCliBuilt } from '../scripts/build-cli.js';
import { ensureRendererBuilt } from '../scripts/ensure-renderer.js';
import type { ContextsProgress, KubectlContextView } from '../shared/contexts-types.js';
import { outcomeWorks } from '../shared/matrix-types.js';
import { followEvents } from './event-stream.js';
import { parseEnvFile } from './matrix-sandbox.js';
import { chosen, launchBrowser, load, median, startDemo, VARIANTS } from './launch-demo.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface PageTimes {
  /** ms after opening the page */
  checked: number;
  /** The first context's card on the screen (the page's first list, its contexts not yet checked). */
  cards?: number;
  causes: number;
  contexts: number;
  failing: number;
}

/** Follows contexts.progress on the app's event stream; resolves once every context is checked and every failing one explained. */
function followContexts(url: URL, opened: () => number): { done: Promise<PageTimes>; stop: () => void } {
  const views = new Map<string, KubectlContextView>();
  let checkedAt = NaN;
  let close: (() => void) | undefined;
  const done = new Promise<PageTimes>((resolve, reject) => {
    followEvents(url, url.searchParams.get('token') ?? '', 'contexts.progress', (data) => {
      for (const view of (data as ContextsProgress).contexts) views.set(view.name, view);
      const eks = [...views.values()].filter((v) => v.eks);
      const failing = eks.filter((v) => v.outcome && !outcomeWorks(v.outcome));
      if (Number.isNaN(checkedAt) && eks.length && eks.every((v) => v.outcome)) checkedAt = opened();
      if (!Number.isNaN(checkedAt) && failing.every((v) => v.cause)) resolve({ checked: checkedAt, causes: opened(), contexts: eks.length, failing: failing.length });
    }).then((c) => (close = c), reject);
  });
  return { done, stop: () => close?.() };
}

/** `kubectl auth whoami --context X` for each context, one after the other, on the demo's sandbox: the total wall time. */
function manualRound(envFile: string, contexts: string[]): number {
  const env = { PATH: process.env.PATH ?? '', ...parseEnvFile(envFile) };
  const started = performance.now();
  for (const context of contexts) spawnSync('kubectl', ['auth', 'whoami', '--context', context], { env, stdio: 'ignore', timeout: 60_000 });
  return performance.now() - started;
}

async function main(): Promise<void> {
  await Promise.all([ensureRendererBuilt(), ensureCliBuilt()]);
  const browser = await launchBrowser();
  console.log(`bench:kubectl-page — ${new Date().toISOString()}, load average ${load()}, ${RUNS} runs of each (after one warm-up), alternating ${chosen.join(', ')}`);
  const results = Object.fromEntries(chosen.map((v) => [v, { cards: [] as number[], checked: [] as number[], causes: [] as number[], manual: [] as number[] }]));
  try {
    for (let i = 0; i <= RUNS; i++) {
      for (const variant of chosen) {
        const demo = await startDemo(variant);
        try {
          const url = new URL(demo.url);
          const page = await browser.newPage();
          let openedAt = 0;
          const follow = followContexts(url, () => performance.now() - openedAt);
          openedAt = performance.now();
          await page.goto(demo.url);
          await page.locator('[data-testid="context-card"]').first().waitFor({ timeout: 120_000 });
          const cardsMs = performance.now() - openedAt;
          const times = { ...(await Promise.race([follow.done, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 120 s')), 120_000))])), cards: cardsMs };
          follow.stop();
          await page.close();
          // "Demo sandbox running. To use aws and kubectl on it in a terminal: . <env file>"
          const envFile = /terminal: \. (\S+)/.exec(demo.output())?.[1];
          if (!envFile) throw new Error(`the demo did not say where its env file is: ${demo.output()}`);
          const contexts = spawnSync('kubectl', ['config', 'get-contexts', '-o', 'name'], { env: { PATH: process.env.PATH ?? '', ...parseEnvFile(envFile) }, encoding: 'utf8' }).stdout.trim().split('\n');
          const manualMs = manualRound(envFile, contexts);
          const r = results[variant]!;
          if (i > 0) {
            r.cards.push(times.cards);
            r.checked.push(times.checked);
            r.causes.push(times.causes);
            r.manual.push(manualMs);
          }
          console.log(
            `run ${i || 'warm-up'} ${variant}: the first card ${times.cards.toFixed(0)} ms, ${times.contexts} contexts checked ${times.checked.toFixed(0)} ms after opening the page, ` +
              `${times.failing} causes found ${times.causes.toFixed(0)} ms; kubectl auth whoami × ${contexts.length} one after the other ${manualMs.toFixed(0)} ms (load ${load()})`,
          );
        } finally {
          await demo.stop();
        }
      }
    }
  } finally {
    await browser.close();
  }
  const list = (xs: number[]) => xs.map((m) => m.toFixed(0)).join(', ');
  console.log('| start | opening the page → the first card (median) | → every context checked (median) | → every cause found (median) | `kubectl auth whoami` for each context, one after the other (median) |');
  console.log('|---|---|---|---|---|');
  for (const variant of chosen) {
    const r = results[variant]!;
    console.log(`| ${VARIANTS[variant].label} | ${median(r.cards).toFixed(0)} ms (${list(r.cards)}) | ${median(r.checked).toFixed(0)} ms (${list(r.checked)}) | ${median(r.causes).toFixed(0)} ms (${list(r.causes)}) | ${median(r.manual).toFixed(0)} ms (${list(r.manual)}) |`);
  }
  console.log(`load average after: ${load()}`);
}

main().catch((err: Error) => {
  console.error(`bench:kubectl-page: ${err.message}`);
  process.exit(1);
});
