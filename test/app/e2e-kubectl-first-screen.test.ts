// "Your kubectl" on the demo as a new user first sees it (`npm run demo`, the first page), in headless Chromium: the
// summary names each failing context as soon as its check says it fails (its cause comes later: the diagnosis is
// held here until the test lets it go); at 1024×700 a working card is one line, so the first screen shows the
// summary, the current context and the first failing card's headline and fix button; "Reach the API server" checks
// its context again in its own window and says the answer there.
// Screenshots: test-artifacts/5y-kubectl-*.png at 1440×900 and 1024×700.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, startHarness, stopHarness, type Harness } from './e2e-harness.js';

const INTERNAL_TOOLS = 'arn:aws:eks:eu-west-1:111122223333:cluster/internal-tools';
/** The demo's failing contexts, in the page's order. */
const FAILING = [
  'arn:aws:eks:eu-west-1:111122223333:cluster/checkout-prod',
  INTERNAL_TOOLS,
  'arn:aws:eks:us-east-1:111122223333:cluster/data-platform',
];
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

describe('Your kubectl on the demo: the first screen', () => {
  let h: Harness;
  let release!: () => void;
  const shot = async (name: string, size: { width: number; height: number }) => {
    await h.page.setViewportSize(size);
    await h.page.screenshot({ path: join(ARTIFACTS, `5y-kubectl-${name}-${size.width}.png`) });
  };

  beforeAll(async () => {
    h = await startHarness('demo');
    // The causes are found by the diagnosis as each context's check ends: held until the test lets it go.
    const services = await h.app.services();
    const held = new Promise<void>((resolve) => (release = resolve));
    const run = services.diagnosis.run.bind(services.diagnosis);
    services.diagnosis.run = async (req, known) => {
      await held;
      return run(req, known);
    };
  }, 120_000);
  afterAll(async () => {
    release?.();
    await stopHarness(h);
  });

  it('the summary names each failing context as its check fails, before its cause is known', async () => {
    expect.hasAssertions();
    const page = h.page;
    await page.setViewportSize(SIZES[0]);
    await page.goto(h.server.openUrl);
    try {
      // Every context checked; the causes held back.
      await page.locator('[data-testid="contexts-progress"][data-checked="5"][data-total="5"]').waitFor({ timeout: 120_000 });
      const links = page.getByTestId('summary-link');
      await expect.poll(() => links.evaluateAll((els) => els.map((el) => el.getAttribute('data-context'))), { timeout: 5_000 }).toEqual(FAILING);
      expect(await page.getByTestId('contexts-summary').getAttribute('data-checking')).toBe('true');
      expect(await page.getByTestId('contexts-summary').locator('p').textContent()).toBe(
        'So far 3 of your 5 contexts fail: checkout-prod, internal-tools, data-platform. Each card says why as soon as that is found out.',
      );
      // No cause yet: each failing card says it is finding out why.
      for (const name of FAILING) {
        const card = page.locator(`[data-testid="context-card"][data-context="${name}"]`);
        expect(await card.getAttribute('data-cause'), name).toBe('');
        expect(await card.getByTestId('context-explaining').textContent(), name).toContain('Finding out why…');
      }
      // A name goes to its card while the rest is still being found out.
      await links.and(page.locator(`[data-context="${INTERNAL_TOOLS}"]`)).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-context'))).toBe(INTERNAL_TOOLS);
      await page.evaluate(() => window.scrollTo(0, 0));
      for (const size of SIZES) await shot('checking', size);
    } finally {
      release();
    }
    await expect.poll(() => page.getByTestId('contexts-summary').getAttribute('data-checking'), { timeout: 120_000 }).toBe('false');
    expect(await page.getByTestId('contexts-summary').locator('p').textContent()).toBe(
      "3 of your 5 contexts fail: checkout-prod, internal-tools, data-platform. Each one's card says why, and what to do.",
    );
  }, 240_000);

  it('at 1024×700 a working card is one line, and the first failing card and its fix button are on the first screen', async () => {
    expect.hasAssertions();
    const page = h.page;
    await page.setViewportSize(SIZES[1]);
    await page.evaluate(() => window.scrollTo(0, 0));
    const current = page.locator('[data-testid="context-card"][data-current="true"]');
    const firstFailing = page.locator(`[data-testid="context-card"][data-context="${FAILING[0]}"]`);
    const fix = firstFailing.getByTestId('context-action');
    await fix.waitFor();
    const inView = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    };
    expect(await page.getByTestId('contexts-summary').evaluate(inView)).toBe(true);
    expect(await current.evaluate(inView)).toBe(true);
    expect(await firstFailing.getByTestId('context-title').evaluate(inView)).toBe(true);
    expect(await firstFailing.getByTestId('context-cause').evaluate(inView)).toBe(true);
    expect(await fix.evaluate(inView)).toBe(true);
    expect(await current.getByTestId('context-result').textContent()).toBe('Works — kubectl signs in as arn:aws:iam::111122223333:user/alice with full administrator rights');
    expect(await current.textContent()).toContain('Current: plain kubectl uses this');
    for (const size of SIZES) await shot('loaded', size);
    // Every detail of a working card is still there, behind its expander.
    const details = current.getByTestId('context-identity');
    expect(await details.isVisible()).toBe(false);
    await current.getByText('Details: how kubectl signs in').click();
    await expect.poll(() => details.isVisible()).toBe(true);
    expect(await details.textContent()).toContain('arn:aws:iam::111122223333:user/alice');
    expect(await current.getByTestId('context-profile').textContent()).toContain('default (AWS_PROFILE in the kubeconfig)');
    await shot('working-details', SIZES[1]);
    await current.getByText('Details: how kubectl signs in').click();
  }, 60_000);

  it('"Reach the API server" checks its context again in its own window and says the answer', async () => {
    expect.hasAssertions();
    const page = h.page;
    await page.setViewportSize(SIZES[0]);
    const card = page.locator(`[data-testid="context-card"][data-context="${INTERNAL_TOOLS}"]`);
    expect(await card.getByTestId('context-action').textContent()).toBe('Reach the API server');
    await card.getByTestId('context-action').click();
    const modal = page.getByTestId('steps-modal');
    await modal.waitFor();
    expect(await modal.getByTestId('steps-recheck-answer').count()).toBe(0);
    await modal.getByTestId('steps-recheck').click();
    // The card behind the window is checked again (its last answer shown meanwhile), and the window says so.
    await expect.poll(() => card.getAttribute('data-again'), { timeout: 30_000, interval: 50 }).toBe('true');
    expect(await modal.getByTestId('steps-rechecking').textContent()).toBe(`Checking ${INTERNAL_TOOLS} again, as kubectl would…`);
    const answer = modal.getByTestId('steps-recheck-answer');
    await answer.waitFor({ timeout: 120_000 });
    expect(await answer.getAttribute('data-outcome')).toBe('UNREACHABLE');
    expect(await answer.textContent()).toMatch(
      /^Still not reachableThe cluster's address does not answer from this computer\.What happened: Nothing answered at https:\/\/127\.0\.0\.1:\d+ — the connection was refused\.Technical detail: ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    );
    for (const size of SIZES) await shot('reach-checked', size);
    await modal.getByRole('button', { name: 'Close' }).first().click();
    await expect.poll(() => modal.count()).toBe(0);
  }, 240_000);
});
