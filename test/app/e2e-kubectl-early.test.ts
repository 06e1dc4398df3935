// The app opens on "Your kubectl": its list of kubectl's contexts (each context's credential helper run, seconds on a
// small machine) is asked for as the app's first module runs, with the opening calls, before the rest of the code is
// evaluated and anything rendered; the page's first list takes that answer and does not ask again. In browser mode
// (over HTTP) and in the desktop app (the preload's window.api, here over the same server). Opened on another page,
// the app does not check kubectl's contexts at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '../../shared/contract.js';
import { startHarness, stopHarness, type Harness } from './e2e-harness.js';

interface Call {
  channel: string;
  rendered: boolean;
}

/** Records every contract call the page makes and whether the app had rendered anything then. */
const RECORD_FETCH = `{
  const calls = (window.eadCalls = []);
  const fetch0 = window.fetch.bind(window);
  window.fetch = (url, init) => {
    const m = /api\\/call\\/([\\w.]+)/.exec(String(url));
    if (m) calls.push({ channel: m[1], rendered: (document.getElementById('root')?.childElementCount ?? 0) > 0 });
    return fetch0(url, init);
  };
}`;

/** A window.api like the preload's, over the server instead of IPC, recording its calls. */
const desktopApi = (token: string) => `{
  const token = ${JSON.stringify(token)};
  const calls = (window.eadCalls = []);
  const api = {};
  for (const name of ${JSON.stringify(channelNames)}) {
    api[name] = async (request) => {
      calls.push({ channel: name, rendered: (document.getElementById('root')?.childElementCount ?? 0) > 0 });
      const res = await fetch('api/call/' + name, { method: 'POST', headers: { 'content-type': 'application/json', 'x-ead-token': token }, body: JSON.stringify(request ?? {}) });
      const envelope = await res.json();
      if (!envelope.ok) throw new Error(envelope.error.message);
      return envelope.result;
    };
  }
  let source;
  api.on = (name, listener) => {
    source ??= new EventSource('api/events');
    const handler = (e) => listener(JSON.parse(e.data));
    source.addEventListener(name, handler);
    return () => source.removeEventListener(name, handler);
  };
  window.api = api;
}`;

describe('Your kubectl: the contexts are asked for as the app opens', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness('demo');
  }, 120_000);
  afterAll(async () => {
    await stopHarness(h);
  });

  const calls = (page: Harness['page']) => page.evaluate(() => (window as unknown as { eadCalls: Call[] }).eadCalls);
  const FINAL = "3 of your 5 contexts fail: checkout-prod, internal-tools, data-platform. Each one's card says why, and what to do.";
  const allChecked = (page: Harness['page']) => expect.poll(() => page.getByTestId('contexts-summary').locator('p').textContent(), { timeout: 120_000 }).toBe(FINAL);

  for (const mode of ['browser', 'desktop'] as const) {
    it(`${mode}: contexts.list goes out before anything is rendered, once, and the page shows its answer`, async () => {
      expect.hasAssertions();
      const page = await h.browser.newPage();
      try {
        await page.addInitScript(mode === 'browser' ? RECORD_FETCH : desktopApi(h.server.token));
        await page.goto(h.server.openUrl);
        await allChecked(page);
        const made = await calls(page);
        const lists = made.filter((c) => c.channel === 'contexts.list');
        expect(lists).toEqual([{ channel: 'contexts.list', rendered: false }]);
        expect(await page.locator('[data-testid="context-card"]').count()).toBe(5);
        // "Check again" asks the server again.
        await page.getByTestId('contexts-refresh').click();
        await expect.poll(async () => (await calls(page)).filter((c) => c.channel === 'contexts.list').length).toBe(2);
        await expect.poll(() => page.getByTestId('contexts-summary').getAttribute('data-checking'), { timeout: 120_000 }).toBe('false');
        await allChecked(page);
      } finally {
        await page.close();
      }
    }, 240_000);
  }

  it('opened on the Profiles page, the app does not check kubectl’s contexts', async () => {
    expect.hasAssertions();
    const page = await h.browser.newPage();
    try {
      await page.addInitScript(RECORD_FETCH);
      await page.goto(`${h.server.openUrl}#/profiles`);
      await expect.poll(() => page.locator('[data-status="checking"], [data-status="unchecked"]').count(), { timeout: 60_000 }).toBe(0);
      expect((await calls(page)).map((c) => c.channel)).not.toContain('contexts.list');
    } finally {
      await page.close();
    }
  }, 120_000);
});
