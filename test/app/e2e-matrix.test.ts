// The Matrix page in headless Chromium, in browser mode, on the demo sandbox (with latency so the scan can be
// watched) with its benchmark at 100 × 200 in e2e-matrix-at-scale.test.ts. Screenshots go to test-artifacts/2x-matrix-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createAppContext, type AppContext } from '../../electron/app-context.js';
import { runMatrix } from '../../electron/cli/matrix.js';
import { matrixJson } from '../../electron/matrix/json.js';
import { startWebServer, type WebServer } from '../../electron/web.js';
import { ensureRendererBuilt, RENDERER_DIST } from '../../scripts/ensure-renderer.js';
import { loadScenarioFile, startSandbox, type SandboxHandle } from '../../sandbox/index.js';
import { ARTIFACTS, argumentsCutInside, launch, probedCount, sandboxSecrets } from './e2e-harness.js';
import { sandboxEnv } from './support.js';

const DEMO = join(process.cwd(), 'sandbox', 'scenarios', 'demo.yaml');
const LATENCY_MS = 150;

/** The outcome of every rendered cell, by "profile clusterArn". */
async function renderedOutcomes(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-testid="cell"]', (els) =>
    Object.fromEntries(els.map((e) => [`${(e as HTMLElement).dataset.profile} ${(e as HTMLElement).dataset.cluster}`, (e as HTMLElement).dataset.outcome!])),
  );
}

describe('Matrix page in Chromium (browser mode on the demo sandbox)', () => {
  let sandbox: SandboxHandle;
  let app: AppContext;
  let server: WebServer;
  let browser: BrowserContext;
  let page: Page;
  const received: string[] = [];

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `2x-matrix-${name}.png`) });
  const cell = (profile: string, clusterName: string) => page.locator(`[data-testid="cell"][data-profile="${profile}"][data-cluster$=":cluster/${clusterName}"]`);
  const focused = () => page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return a?.dataset.r === undefined ? null : { r: Number(a.dataset.r), c: Number(a.dataset.c), profile: a.dataset.profile, cluster: a.dataset.cluster };
  });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await ensureRendererBuilt();
    const scenario = loadScenarioFile(DEMO);
    scenario.faults.latencyMs = LATENCY_MS; // slow enough to watch the cells stream in
    sandbox = await startSandbox(scenario);
    app = createAppContext({ env: sandboxEnv(sandbox.env), mode: 'browser', demo: true });
    app.events.subscribe((_name, payload) => received.push(JSON.stringify(payload)));
    server = await startWebServer({ context: app, staticDir: RENDERER_DIST });
    browser = await launch({ width: 1440, height: 960 });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('response', async (res) => {
      if (res.url().includes('/api/call/')) received.push(await res.text().catch(() => ''));
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    app?.close();
    await sandbox?.stop();
  });

  it('streams the cells in with a progress bar, then shows the whole matrix', async () => {
    await page.goto(`${server.openUrl}#/profiles`);
    // Every change of the grid, recorded in the page: how many cells had an answer, and whether the bar was up.
    await page.evaluate(() => {
      const seen: { probed: number; progress: boolean; text: string; page: boolean }[] = [];
      (window as unknown as { seen: typeof seen }).seen = seen;
      new MutationObserver(() => {
        const probed = document.querySelectorAll('[data-testid="cell"]:not([data-outcome="PENDING"])').length;
        const bar = document.querySelector<HTMLElement>('[data-testid="matrix-progress"]');
        const text = bar?.innerText.replace(/\s+/g, ' ').trim() ?? '';
        const page = Boolean(document.querySelector('[data-testid="matrix-scan"]'));
        const last = seen.at(-1);
        if (!last || last.probed !== probed || last.progress !== Boolean(bar) || last.text !== text || last.page !== page) seen.push({ probed, progress: Boolean(bar), text, page });
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-outcome'] });
    });
    await page.getByRole('link', { name: 'Access matrix', exact: true }).click();
    const samples: { progress: boolean; probed: number }[] = [];
    let streamingShot = false;
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const progress = (await page.getByTestId('matrix-progress').count()) === 1;
      const probed = await probedCount(page);
      samples.push({ progress, probed });
      if (progress && probed > 10 && !streamingShot) {
        streamingShot = true;
        await shot('01-streaming');
      }
      if ((await page.getByTestId('matrix-summary').count()) === 1) break;
      await page.waitForTimeout(100);
    }
    expect(await page.getByTestId('matrix-summary').textContent()).toMatch(/^72 cells, 12 profiles × 6 clusters in \d/);
    // Seen mid-scan: the bar was up while some cells were in and others not yet.
    expect(samples.some((s) => s.progress && s.probed > 0 && s.probed < 72), JSON.stringify(samples)).toBe(true);
    const seen = await page.evaluate(() => (window as unknown as { seen: { probed: number; progress: boolean; text: string; page: boolean }[] }).seen);
    // The page says the scan is starting from its first frame, not once the server has answered the start.
    expect(seen.find((s) => s.page), JSON.stringify(seen.slice(0, 3))).toMatchObject({ progress: true, text: expect.stringMatching(/^Checking your profiles and looking for clusters…/) });
    // Before the first cell, the scan says what it is doing (profiles checked, clusters found), never "0%".
    const beforeFirstCell = seen.filter((s) => s.progress && s.probed === 0);
    expect(beforeFirstCell.length, JSON.stringify(seen)).toBeGreaterThan(0);
    for (const s of beforeFirstCell) expect(s.text).not.toMatch(/(^|\D)0 ?%/);
    expect(beforeFirstCell.map((s) => s.text).join(' | ')).toMatch(/clusters found so far/);
    expect(seen.some((s) => s.progress && /\d+ cells? answered/.test(s.text)), JSON.stringify(seen)).toBe(true);
    const partial = [...new Set(seen.filter((s) => s.progress && s.probed > 0 && s.probed < 72).map((s) => s.probed))];
    console.log(`[2x-matrix demo] answered-cell counts seen under the progress bar: ${partial.join(', ')}`);
    expect(partial.length, JSON.stringify(seen)).toBeGreaterThanOrEqual(3);
    expect(streamingShot).toBe(true);
    expect(await page.getByTestId('matrix-progress').count()).toBe(0);
    expect(await probedCount(page)).toBe(72);
    expect(await page.getByTestId('matrix-denied').textContent()).toContain('auditor lacks eks:ListClusters in us-east-1, eu-west-1');
    await shot('02-demo');
  });

  it('shows, cell for cell, the outcomes of the CLI\'s matrix --json on the same sandbox', async () => {
    const cli = await runMatrix(['--json'], { env: sandboxEnv(sandbox.env) });
    expect(cli.exitCode, cli.stderr).toBe(0);
    const json = JSON.parse(cli.stdout) as ReturnType<typeof matrixJson>;
    const expected = Object.fromEntries(json.cells.map((c) => [`${c.profile} ${c.clusterArn}`, c.outcome]));
    expect(Object.keys(expected)).toHaveLength(72);
    expect(await renderedOutcomes(page)).toEqual(expected);
    // And the same as the app's own scan.
    const own = app.matrix.current();
    expect(Object.fromEntries(own.cells.map((c) => [`${c.profile} ${c.clusterArn}`, c.outcome]))).toEqual(expected);
    // Words and icons, not colour alone; tooltips with username and groups.
    const admin = cell('default', 'payments-prod');
    expect(await admin.textContent()).toBe('Admin kubectl ★');
    expect(await admin.locator('svg').count()).toBe(1);
    expect(await admin.getAttribute('title')).toContain('Username: alice\nGroups: system:masters, system:authenticated');
    // AWS rejects old-ci's key: no usable credentials, with the reason — not a 401 that looks like a mapping problem.
    expect(await cell('old-ci', 'payments-prod').textContent()).toBe('No credentials');
    expect(await cell('old-ci', 'payments-prod').getAttribute('title')).toContain("AWS rejects this profile's access key (InvalidClientTokenId)");
    expect(await cell('bob', 'checkout-prod').textContent()).toBe('Forbidden kubectl');
    expect(await cell('sso-dev-admin', 'payments-prod').textContent()).toBe('No credentials');
    expect(await cell('default', 'internal-tools').textContent()).toBe('Unreachable kubectl');
    // Its name says what happened in words, not the network code.
    const unreachableName = await cell('default', 'internal-tools').getAttribute('aria-label');
    expect(unreachableName).toMatch(/Nothing answered at 127\.0\.0\.1:\d+ — the connection was refused/);
    expect(unreachableName).not.toContain('ECONNREFUSED');
    // Columns are grouped by account (with its alias, which a profile of the account read) and region.
    await expect.poll(() => page.locator('.mx-group').allInnerTexts()).toEqual([
      'acme-prod (111122223333)\neu-west-1', 'acme-prod (111122223333)\nus-east-1', 'acme-dev (444455556666)\neu-west-1', 'acme-dev (444455556666)\nus-east-1',
    ]);
  });

  it('marks the cells kubectl uses and counts the pairs nobody expects apart', async () => {
    // The kubeconfig's contexts: payments-prod (current) and internal-tools as default, checkout-prod as bob, dev-sandbox as carol,
    // data-platform as developer.
    const marked = async () => Object.fromEntries(await page.$$eval('[data-testid="cell"][data-kubectl]', (els) => els.map((e) => [`${(e as HTMLElement).dataset.profile} ${(e as HTMLElement).dataset.cluster!.split('/')[1]}`, (e as HTMLElement).dataset.kubectl])));
    await expect.poll(marked, { timeout: 30_000 }).toEqual({ 'default payments-prod': 'current', 'default internal-tools': 'context', 'bob checkout-prod': 'context', 'carol dev-sandbox': 'context', 'developer data-platform': 'context' });
    const current = cell('default', 'payments-prod');
    expect(await current.getAttribute('aria-label')).toContain("kubectl's current context (arn:aws:eks:us-east-1:111122223333:cluster/payments-prod)");
    expect(await cell('bob', 'checkout-prod').getAttribute('aria-label')).toContain('used by kubectl context arn:aws:eks:eu-west-1:111122223333:cluster/checkout-prod');
    // carol (account 444455556666) on payments-prod (111122223333): refused, nothing names her there — quiet, counted apart.
    const quiet = cell('carol', 'payments-prod');
    expect(await quiet.getAttribute('data-expected')).toBe('false');
    expect(await quiet.textContent()).toBe('Not expected');
    expect(await quiet.getAttribute('aria-label')).toMatch(/^Not expected \(.+\): carol on payments-prod .*another account's profile that nothing names or maps/);
    // carol on dev-sandbox is her own account's cluster and kubectl's: expected, whatever its outcome.
    expect(await cell('carol', 'dev-sandbox').getAttribute('data-expected')).toBe('true');
    const counted = page.getByTestId('matrix-expectation');
    const unexpected = Number(await counted.getAttribute('data-unexpected'));
    const failing = Number(await counted.getAttribute('data-failing'));
    expect(unexpected).toBe(await page.locator('[data-testid="cell"][data-expected="false"]').count());
    expect(unexpected).toBeGreaterThan(10);
    const problems = Object.values(await renderedOutcomes(page)).filter((o) => o !== 'ADMIN' && o !== 'ACCESS').length;
    expect(failing + unexpected).toBe(problems);
    expect(await counted.textContent()).toContain(`${failing} failing cells someone expects to work · ${unexpected} not expected`);
    await shot('04b-kubectl-marks');
  });

  it('opens the side panel with the evidence, a Why? that runs the diagnosis, and the CLI commands', async () => {
    await cell('default', 'payments-prod').click();
    const panel = page.getByTestId('cell-panel');
    await expect.poll(() => panel.getAttribute('data-profile')).toBe('default');
    expect(await panel.getAttribute('data-cluster')).toBe('arn:aws:eks:us-east-1:111122223333:cluster/payments-prod');
    expect(await page.getByTestId('panel-outcome').textContent()).toBe('Admin');
    expect(await page.getByTestId('panel-username').textContent()).toBe('alice');
    expect(await page.getByTestId('panel-groups').textContent()).toBe('system:masters, system:authenticated');
    expect(await page.getByTestId('panel-identity').textContent()).toBe('arn:aws:iam::111122223333:user/alice');
    expect(await page.getByTestId('panel-profile-account').textContent()).toBe('acme-prod (111122223333)');
    expect(await panel.textContent()).toContain('default on payments-prod in us-east-1, account acme-prod (111122223333)');
    const own = app.matrix.current().cells.find((c) => c.profile === 'default' && c.clusterArn.endsWith('/payments-prod'))!;
    expect(await page.getByTestId('panel-endpoint').textContent()).toBe(own.evidence.endpoint);
    expect(await page.getByTestId('panel-described-via').textContent()).toBe(own.evidence.describedVia);
    const commands = await page.getByTestId('panel-command').allTextContents();
    expect(commands).toEqual([
      'aws sts get-caller-identity --profile default',
      'aws eks update-kubeconfig --name payments-prod --region us-east-1 --profile default --kubeconfig /tmp/eks-check-payments-prod',
      'kubectl auth whoami --kubeconfig /tmp/eks-check-payments-prod',
      'kubectl get svc --kubeconfig /tmp/eks-check-payments-prod',
    ]);
    // Where the cluster looks up who may sign in, in words; the mode's name only under them.
    expect(await page.getByTestId('panel-auth-mode').textContent()).toMatch(/^(access entries|the aws-auth ConfigMap).*authentication mode: [A-Z_]+$/);
    // Each argument of a command stays whole on its line, in the narrow panel too.
    expect(await page.getByTestId('panel-command').locator('.cmd-arg').evaluateAll(argumentsCutInside)).toEqual([]);
    expect(await page.getByTestId('panel-command').locator('.cmd-arg').count()).toBeGreaterThan(10);
    expect(await page.getByTestId('panel-steps').isVisible()).toBe(false); // evidence folded until asked
    await page.getByTestId('why-button').click();
    await expect.poll(() => page.getByTestId('panel-steps').isVisible()).toBe(true);
    // "Why?" runs the diagnosis (its own e2e test covers what it says) and opens the probe evidence.
    await page.getByTestId('diagnosis').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('why-note').count()).toBe(0);
    const steps = page.getByTestId('panel-step');
    await expect.poll(() => steps.count()).toBe(own.evidence.steps.length);
    expect(await steps.filter({ hasText: /^SelfSubjectReview/ }).first().textContent()).toContain('SelfSubjectReviewstatus 201');
    expect(await steps.filter({ hasText: 'list services in default' }).first().textContent()).toContain('SelfSubjectAccessReview: list services in defaultstatus 201allowed yes');
    await page.getByTestId('panel-steps').scrollIntoViewIfNeeded();
    expect(await page.getByTestId('panel-extra').textContent()).toContain('canonicalArnarn:aws:iam::111122223333:user/alice');
    await shot('03-panel-admin');

    await cell('old-ci', 'payments-prod').click();
    await expect.poll(() => panel.getAttribute('data-profile')).toBe('old-ci');
    // AWS rejects old-ci's key: nothing is sent to the cluster, and the panel says why.
    expect(await page.getByTestId('panel-outcome').getAttribute('data-outcome')).toBe('NO_CREDENTIALS');
    expect(await page.getByTestId('panel-message').textContent()).toBe("AWS rejects this profile's access key (InvalidClientTokenId): the key or its user was deleted, or the key is inactive; every token made with it is refused.");
    // Its row says why in words, not "InvalidClientTokenId: …"; a row with an identity shows its useful end.
    expect(await page.locator('[data-testid="row-old-ci"] .mx-rowhead-arn').textContent()).toBe('Access keysAWS no longer accepts this access key — deleted or deactivated');
    expect(await page.locator('[data-testid="row-developer"] .mx-rowhead-arn').textContent()).toBe('Assume roleDeveloper (role) · 111122223333');
    expect(await page.getByTestId('row-developer').getAttribute('title')).toContain('arn:aws:sts::111122223333:assumed-role/Developer/');
    await page.getByTestId('why-button').click();
    await page.getByTestId('diagnosis').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('diagnosis-headline').getAttribute('data-code')).toBe('CREDENTIALS_INVALID');
    expect(await page.getByTestId('primary-code').textContent()).toBe('Technical name, to search for: CREDENTIALS_INVALID');
    expect(await page.getByTestId('panel-step').count()).toBe(0);
    await shot('04-panel-rejected-key');
  }, 240_000);

  it('filters: only problems, account, region, profile type and text', async () => {
    const outcomes = async () => Object.values(await renderedOutcomes(page));
    await page.getByTestId('filter-problems').locator('input').check();
    await expect.poll(async () => (await outcomes()).filter((o) => o === 'ADMIN' || o === 'ACCESS').length).toBe(0);
    expect((await outcomes()).filter((o) => o === 'UNAUTHORIZED').length).toBeGreaterThan(3);
    // Only failing cells someone expects to work stay: the cross-account pairs are blanked too.
    expect(await page.locator('[data-testid="cell"][data-expected="false"]:not([data-outcome="hidden"])').count()).toBe(0);
    expect((await outcomes()).filter((o) => o === 'hidden').length).toBeGreaterThan(0); // fine cells in rows with problems are blanked
    // Every demo profile and cluster has a problem: the toggle says why no row went, and the legend counts what stays.
    expect(await page.getByTestId('only-problems-note').textContent()).toMatch(/^Every profile and every cluster has at least one problem, so no row or column can be hidden/);
    expect(await page.getByTestId('matrix-legend').locator('[data-outcome="ADMIN"]').count()).toBe(0); // no chip of 0
    await shot('05-only-problems');
    await page.getByTestId('filter-problems').locator('input').uncheck();

    await page.getByTestId('filter-account').locator('button').first().click();
    await page.getByRole('option', { name: '444455556666' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(async () => new Set((await page.$$eval('[data-testid="cell"]', (els) => els.map((e) => (e as HTMLElement).dataset.cluster!.split(':')[4]))))).toEqual(new Set(['444455556666']));
    // The rows follow: the other account's profiles go (a profile whose account is unknown stays).
    const rowsLeft = await page.locator('[data-testid^="row-"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid));
    expect(rowsLeft).toEqual(expect.arrayContaining(['row-carol', 'row-dev-admin', 'row-devops']));
    expect(rowsLeft).not.toContain('row-default');
    expect(rowsLeft).not.toContain('row-bob');
    await page.getByTestId('filter-region').locator('button').first().click();
    await page.getByRole('option', { name: 'eu-west-1' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await page.locator('[data-testid^="col-"]').allTextContents()).map((t) => t.replace('↻', ''))).toEqual(['ml-training']);
    await shot('06-account-region');
    await page.getByTestId('filter-clear').click();
    await expect.poll(() => page.locator('[data-testid^="col-"]').count()).toBe(6);

    await page.getByTestId('filter-type').locator('button').first().click();
    await page.getByRole('option', { name: 'SSO' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid^="row-"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid))).toEqual(['row-sso-dev-admin', 'row-sso-readonly']);
    await page.getByTestId('filter-clear').click();

    await page.getByPlaceholder('Find by name').fill('payments');
    await expect.poll(() => page.locator('[data-testid^="col-"]').count()).toBe(1);
    expect(await page.locator('[data-testid^="row-"]').count()).toBe(12);
    await page.getByPlaceholder('Find by name').fill('444455556666');
    await expect.poll(() => page.locator('[data-testid^="row-"]').count()).toBe(3); // carol, dev-admin, devops
    await page.getByPlaceholder('Find by name').fill('');
    await expect.poll(() => page.locator('[data-testid="cell"]').count()).toBe(72);
  });

  it('moves the focus with the arrow keys (roving tabindex) and opens the panel with Enter', async () => {
    const grid = page.getByTestId('matrix-grid');
    expect(await grid.getAttribute('role')).toBe('grid');
    expect(await grid.getAttribute('aria-rowcount')).toBe('14');
    expect(await grid.getAttribute('aria-colcount')).toBe('7');
    const first = page.locator('[data-testid="cell"][data-r="0"][data-c="0"]');
    await first.focus();
    expect(await focused()).toMatchObject({ r: 0, c: 0 });
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toMatchObject({ r: 0, c: 1 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toMatchObject({ r: 2, c: 1 });
    await page.keyboard.press('End');
    expect(await focused()).toMatchObject({ r: 2, c: 5 });
    await page.keyboard.press('ArrowLeft');
    const at = (await focused())!;
    expect(at).toMatchObject({ r: 2, c: 4 });
    expect(await page.locator('[data-testid="cell"][tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cell-panel').getAttribute('data-cluster')).toBe(at.cluster);
    expect(await page.getByTestId('cell-panel').getAttribute('data-profile')).toBe(at.profile);
    await shot('07-keyboard');
  });

  it('exports the matrix as CSV and JSON downloads', async () => {
    const own = app.matrix.current();
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^eks-access-matrix-\d{8}-\d{6}\.csv$/);
    const csv = readFileSync((await csvDownload.path())!, 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('profile,profile_type,identity_arn,cluster,region,account,cluster_arn,outcome,username,groups,message,ms');
    expect(csv).toHaveLength(73);
    const line = csv.find((l) => l.startsWith('default,static,') && l.includes(':cluster/payments-prod,'))!;
    expect(line).toContain(',ADMIN,alice,system:masters system:authenticated,');
    const byKey = Object.fromEntries(own.cells.map((c) => [`${c.profile} ${c.clusterArn}`, c.outcome]));
    for (const l of csv.slice(1)) {
      const f = l.split(',');
      if (!l.includes('"')) expect(f[7]).toBe(byKey[`${f[0]} ${f[6]}`]);
    }

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    expect(jsonDownload.suggestedFilename()).toMatch(/^eks-access-matrix-\d{8}-\d{6}\.json$/);
    const json = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8'));
    expect(json).toEqual(JSON.parse(JSON.stringify(matrixJson(app.matrix.current()))));
    expect(Object.keys(json)).toEqual(['profiles', 'clusters', 'cells', 'elapsedMs', 'discovery']);
    expect(json.cells).toHaveLength(72);
  });

  it('re-runs one cell and shows its new outcome', async () => {
    const target = cell('default', 'payments-prod');
    const keyId = app.matrix.current().cells.find((c) => c.profile === 'default' && c.clusterArn.endsWith('/payments-prod'))!.evidence.extra!.accessKeyId![0]!;
    const keys = (sandbox.world as unknown as { longTermKeys: Map<string, { status: string }> }).longTermKeys;
    const before = Number(await target.getAttribute('data-updates'));
    const others = await renderedOutcomes(page);
    keys.get(keyId)!.status = 'Inactive'; // alice's key switched off in IAM: the cluster now answers 401
    try {
      await target.click();
      await page.getByTestId('rerun-cell').click();
      await expect.poll(() => target.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('UNAUTHORIZED');
      expect(Number(await target.getAttribute('data-updates'))).toBe(before + 1);
      expect(await page.getByTestId('panel-outcome').textContent()).toBe('401 Unauthorized');
      await shot('08-rerun-cell');
      // Only that cell was probed again.
      const after = await renderedOutcomes(page);
      for (const [k, v] of Object.entries(others)) if (!k.startsWith('default ') || !k.endsWith('/payments-prod')) expect(after[k]).toBe(v);
    } finally {
      keys.get(keyId)!.status = 'Active';
    }
    await page.getByTestId('rerun-row').click();
    await expect.poll(() => target.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('ADMIN');
    await expect.poll(() => page.locator('[data-testid="cell"][data-profile="default"][data-outcome="PENDING"]').count(), { timeout: 20_000 }).toBe(0);
  });

  it('scans again and can cancel a scan in progress', async () => {
    // The buttons sit under the sticky top bar when the page is scrolled: start from the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('matrix-scan').click();
    // Cancel as soon as it can be pressed: a scan of the demo takes only a few seconds.
    await page.getByTestId('matrix-cancel').click({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('matrix-summary').textContent(), { timeout: 20_000 }).toMatch(/^Cancelled: \d+ cells/);
    expect(app.matrix.current().cancelled).toBe(true);
    await shot('09-cancelled');
    // And a full scan again afterwards.
    await page.getByTestId('matrix-scan').click();
    await expect.poll(() => page.getByTestId('matrix-summary').textContent(), { timeout: 60_000 }).toMatch(/^72 cells/);
  });

  it('keeps the account aliases on the Profiles page and in the matrix after the scans', async () => {
    const aliased = ['acme-prod (111122223333)\neu-west-1', 'acme-prod (111122223333)\nus-east-1', 'acme-dev (444455556666)\neu-west-1', 'acme-dev (444455556666)\nus-east-1'];
    expect(await page.locator('.mx-group').allInnerTexts()).toEqual(aliased);
    expect(await page.getByTestId('row-carol').getAttribute('title')).toContain('Account acme-dev (444455556666)');
    // In a narrow window with a cell open the navigation steps aside: a person opens it with its button.
    const toProfiles = async () => {
      const link = page.getByRole('link', { name: 'Profiles', exact: true });
      if (!(await link.isVisible())) await page.getByRole('button', { name: 'Open side navigation' }).click();
      await link.click();
    };
    await page.evaluate(() => window.scrollTo(0, 0));
    await toProfiles();
    // bob may not read the alias; alice, in the same account, could: the account shows it on every row.
    await expect.poll(() => page.getByTestId('account-default').textContent()).toBe('acme-prod (111122223333)');
    expect(await page.getByTestId('account-bob').textContent()).toBe('acme-prod (111122223333)');
    expect(await page.getByTestId('account-carol').textContent()).toBe('acme-dev (444455556666)');
    for (const [width, height] of [[1440, 900], [1024, 700]] as const) {
      await page.setViewportSize({ width, height });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(ARTIFACTS, `aliases-profiles-${width}x${height}.png`) });
      await page.getByRole('link', { name: 'Access matrix', exact: true }).click();
      await expect.poll(() => page.locator('.mx-group').allInnerTexts()).toEqual(aliased);
      await page.getByTestId('matrix-grid').evaluate((el) => el.scrollTo(0, 0));
      await page.screenshot({ path: join(ARTIFACTS, `aliases-matrix-${width}x${height}.png`) });
      await toProfiles();
    }
    await page.setViewportSize({ width: 1440, height: 960 });
  });

  it('no secret reached the renderer', () => {
    const secrets = sandboxSecrets(sandbox);
    expect(secrets.length).toBeGreaterThan(10);
    expect(received.length).toBeGreaterThan(100);
    const all = received.join('\n');
    for (const secret of secrets) expect(all.includes(secret), `secret ${secret.slice(0, 4)}… leaked`).toBe(false);
  });
});
