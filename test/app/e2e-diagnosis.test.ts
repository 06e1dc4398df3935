// The diagnosis view in headless Chromium, in browser mode, on sandbox scenarios: from a cell to the headline
// cause, the kubeconfig fix with its diff, Apply (re-probe + the real `kubectl get svc`), Undo, the refusal when
// the kubeconfig changes between preview and apply, the Markdown report without secrets, and a mapping cause.
// Screenshots go to test-artifacts/3x-diagnosis-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAUSES } from '../../shared/causes.js';
import { classifyGetSvc, run } from '../helpers/run.js';
import { ARTIFACTS, argumentsCutInside, diagnoseCell, sandboxSecrets, startHarness, stopHarness, type Harness } from './e2e-harness.js';

describe('diagnosis view on stale-kubeconfig (ivan → events)', () => {
  let h: Harness;
  const shot = (name: string) => h.page.screenshot({ path: join(ARTIFACTS, `3x-diagnosis-${name}.png`) });
  const kubeconfig = () => join(h.sandbox.env.HOME!, '.kube', 'config');
  const getSvc = () => run('kubectl', ['get', 'svc', '--request-timeout=15s'], h.env, 60_000);

  beforeAll(async () => {
    h = await startHarness('stale-kubeconfig');
  }, 120_000);
  afterAll(async () => stopHarness(h));

  it('names the stale kubeconfig as the headline, with evidence and both identities', async () => {
    // Before: the real kubectl fails against the old endpoint.
    expect(classifyGetSvc(await getSvc())).toBe('unreachable');
    await diagnoseCell(h.page, h.server.openUrl, 'ivan', 'events');
    const page = h.page;
    const headline = page.getByTestId('diagnosis-headline');
    expect(await headline.getAttribute('data-code')).toBe('KUBECONFIG_STALE');
    expect(await headline.textContent()).toBe(CAUSES.KUBECONFIG_STALE.title);
    // One sentence why in the answer; the rest of the detail only in "Why we think so".
    const why = (await page.getByTestId('primary-why').textContent())!;
    expect(why).toMatch(/^The kubeconfig entry sends kubectl to https:\/\/127\.0\.0\.1:\d+, but the cluster's endpoint is .+\.$/);
    expect(await page.getByTestId('primary-detail').textContent()).toBe('The cluster was re-created or changed; rewriting the entry with update-kubeconfig fixes it.');
    expect(await page.getByTestId('diagnosis-answer').textContent()).not.toContain('update-kubeconfig fixes it');
    await page.getByTestId('primary-evidence-section').getByRole('button').first().click();
    expect(await page.getByTestId('primary-evidence').textContent()).toContain('CA matches: false');
    expect(await page.getByTestId('kubectl-arn').textContent()).toBe('arn:aws:iam::111122223333:user/ivan');
    expect(await page.getByTestId('app-arn').textContent()).toBe('arn:aws:iam::111122223333:user/ivan');
    expect(await page.getByTestId('identity-compare').getAttribute('data-differ')).toBe('false');
    // The app's result in the matrix's words, not its code (ADMIN); the rows say what they are before the term.
    expect(await page.getByTestId('app-outcome').textContent()).toBe('Admin');
    expect(await page.getByTestId('identity-compare').textContent()).toContain('Sign-in command (exec)');
    expect(await page.getByTestId('creator').textContent()).toContain('You created this cluster');
    expect(await page.getByTestId('diagnosis-article').getByRole('link').getAttribute('href')).toBe('https://repost.aws/knowledge-center/eks-api-server-unauthorized-error');
    // The matrix cell is green (the probe uses the real endpoint): the view says the failure is kubectl's.
    expect(await page.getByTestId('probe-ok-note').textContent()).toContain("The app's own probe gets in with this profile");
    await page.getByTestId('diagnosis-evidence').getByRole('button').first().click();
    expect(await page.getByTestId('diagnosis-evidence').textContent()).toContain('server matches false');
    await page.getByTestId('diagnosis-headline').scrollIntoViewIfNeeded();
    await shot('01-stale-headline');
  }, 240_000);

  it('refuses to apply when the kubeconfig changed after the preview', async () => {
    const page = h.page;
    await page.locator('[data-testid="fix-button"][data-kind="kubeconfig"]').first().click();
    await page.getByTestId('kubeconfig-diff').waitFor({ timeout: 60_000 });
    // Someone (another tool, another terminal) edits the file between preview and apply.
    const before = readFileSync(kubeconfig(), 'utf8');
    writeFileSync(kubeconfig(), `${before}# edited by another tool\n`);
    await page.getByTestId('kubeconfig-apply').click();
    const error = page.getByTestId('kubeconfig-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-code')).toBe('KUBECONFIG_CHANGED');
    expect(await error.textContent()).toContain('Your kubeconfig changed since the preview — review the new preview');
    expect(readFileSync(kubeconfig(), 'utf8')).toBe(`${before}# edited by another tool\n`); // nothing written
    expect(await page.getByTestId('kubeconfig-apply').isDisabled()).toBe(true);
    await shot('02-concurrent-edit-refused');
    writeFileSync(kubeconfig(), before);
    await page.getByTestId('kubeconfig-repreview').click();
    await page.getByTestId('kubeconfig-diff').waitFor({ timeout: 60_000 });
  });

  it('previews the diff, applies it, re-probes green, shows kubectl get svc, and undoes', async () => {
    const page = h.page;
    const original = readFileSync(kubeconfig());
    const diff = page.getByTestId('kubeconfig-diff');
    const added = await diff.locator('[data-kind="add"]').allTextContents();
    const removed = await diff.locator('[data-kind="del"]').allTextContents();
    const endpoint = h.app.matrix.current().clusters.find((c) => c.name === 'events')!.endpoint;
    expect(added).toContain(`+    server: ${endpoint}`);
    expect(removed.some((l) => /^- {4}server: https:\/\/127\.0\.0\.1:\d+$/.test(l) && !l.endsWith(endpoint))).toBe(true);
    // Coloured and prefixed: the lines keep their +/- and get their own colours.
    const colours = await diff.evaluate((el) => ({
      add: getComputedStyle(el.querySelector('[data-kind="add"]')!).backgroundColor,
      del: getComputedStyle(el.querySelector('[data-kind="del"]')!).backgroundColor,
      ctx: getComputedStyle(el.querySelector('[data-kind="ctx"]')!).backgroundColor,
    }));
    expect(new Set([colours.add, colours.del, colours.ctx]).size).toBe(3);
    expect(await diff.textContent()).not.toMatch(/certificate-authority-data: [A-Za-z0-9+/]{20,}/);
    await shot('03-diff-preview');

    expect(await page.getByTestId('kubeconfig-entry-words').textContent()).toBe(`Replaces kubectl's entry for events in ${kubeconfig()}, so kubectl signs in to events with profile ivan.`);
    expect(await page.getByTestId('kubeconfig-context-words').textContent()).toBe("events is already kubectl's current context and stays so.");
    await page.getByTestId('kubeconfig-apply').click();
    await page.getByTestId('kubeconfig-result').waitFor({ timeout: 120_000 });
    // One sentence and a next step; what kubectl printed only in the folded details.
    expect(await page.getByTestId('kubeconfig-result').textContent()).toBe('kubectl now gets in to events with profile ivan.');
    // What changed, in plain words, with the undo next to it.
    expect(await page.getByTestId('kubeconfig-changed').textContent()).toBe(`What changed: Updated context arn:aws:eks:us-east-1:111122223333:cluster/events in ${kubeconfig()}. Undo puts the previous file back.`);
    expect(await page.getByTestId('kubeconfig-undo').isVisible()).toBe(true);
    expect(await page.getByTestId('kubectl-output').isVisible()).toBe(false);
    expect(await page.getByTestId('kubeconfig-message').textContent()).toBe(`Updated context arn:aws:eks:us-east-1:111122223333:cluster/events in ${kubeconfig()}`);
    expect(await page.getByTestId('kubeconfig-backup').textContent()).toContain('.eks-doctor-backup-');
    expect(await page.getByTestId('kubeconfig-reprobe').getAttribute('data-outcome')).toBe('ADMIN');
    expect(await page.getByTestId('kubeconfig-reprobe').textContent()).toMatch(/^The app's probe with profile ivan: Admin as /);
    expect(await page.getByTestId('kubectl-run').getAttribute('data-exit-code')).toBe('0');
    expect(await page.getByTestId('kubectl-output').textContent()).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nkubernetes\s+ClusterIP/m);
    // The user's own kubectl now works too.
    expect(classifyGetSvc(await getSvc())).toBe('ok');
    await shot('04-applied');

    await page.getByTestId('kubeconfig-undo').click();
    await page.getByTestId('kubeconfig-undone').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('kubeconfig-undone').textContent()).toContain(`Restored ${kubeconfig()}`);
    expect(readFileSync(kubeconfig()).equals(original)).toBe(true);
    await shot('05-undone');
    await page.getByTestId('kubeconfig-close').click();
  }, 240_000);

  it('exports a Markdown report with the cause and no secret values', async () => {
    const page = h.page;
    // Closing the fix window diagnosed again (the file is back as it was): the report is of that answer.
    await page.locator('[data-testid="diagnosis"][data-stale="false"]').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('diagnosis-headline').getAttribute('data-code')).toBe('KUBECONFIG_STALE');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]);
    expect(download.suggestedFilename()).toMatch(/^eks-diagnosis-ivan-events-\d{8}T\d{6}Z\.md$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('# EKS access diagnosis: ivan → events');
    expect(text).toContain(`## Primary cause: ${CAUSES.KUBECONFIG_STALE.title}`);
    expect(text).toContain('`KUBECONFIG_STALE`');
    expect(text).toContain('aws eks update-kubeconfig --name events --region us-east-1 --profile ivan');
    const secrets = sandboxSecrets(h.sandbox);
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets) expect(text).not.toContain(s);
    expect(text).not.toMatch(/k8s-aws-v1\.[A-Za-z0-9_-]{20,}/);
    expect(text).not.toMatch(/X-Amz-Signature=[0-9a-f]/i);
  });
});

describe('diagnosis view on unmapped-user (tom → analytics)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('unmapped-user');
  }, 120_000);
  afterAll(async () => stopHarness(h));

  it('names the missing mapping and offers the grant wizard and the guided help', async () => {
    await diagnoseCell(h.page, h.server.openUrl, 'tom', 'analytics');
    const page = h.page;
    expect(await page.getByTestId('diagnosis').getAttribute('data-outcome')).toBe('UNAUTHORIZED');
    const headline = page.getByTestId('diagnosis-headline');
    expect(await headline.getAttribute('data-code')).toBe('NOT_MAPPED');
    expect(await headline.textContent()).toBe(CAUSES.NOT_MAPPED.title);
    expect(await page.getByTestId('creator').textContent()).toMatch(/not the cluster creator.*arn:aws:iam::111122223333:user\/priya.*your profile priya/);
    // The grant opens its wizard (test/app/e2e-wizards.test.ts drives it); the article's branches are one click away.
    const grants = await page.locator('[data-testid="fix-button"][data-kind="grant"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-fix')));
    expect(grants).toContain('map-identity');
    expect(await page.getByTestId('guided-help').textContent()).toMatch(/Use the creator's profile \(priya\).*Turn on and read the authenticator log.*Ask the cluster admin/);
    await page.getByTestId('diagnosis-headline').scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: join(ARTIFACTS, '3x-diagnosis-06-unmapped.png') });
    await page.getByTestId('fixes').scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: join(ARTIFACTS, '3x-diagnosis-07-unmapped-fixes.png') });
  });
});

describe('diagnosis view on env-keys-override (admin → platform-prod)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('env-keys-override');
  }, 120_000);
  afterAll(async () => stopHarness(h));

  it('shows the two identities side by side and pins the profile in one click', async () => {
    // The user's shell (the app's env) exports the CI bot's keys: kubectl is refused.
    expect(classifyGetSvc(await run('kubectl', ['get', 'svc', '--request-timeout=15s'], h.env, 60_000))).toBe('unauthorized');
    await diagnoseCell(h.page, h.server.openUrl, 'admin', 'platform-prod');
    const page = h.page;
    expect(await page.getByTestId('diagnosis-headline').getAttribute('data-code')).toBe('ENV_CREDENTIALS_OVERRIDE');
    expect(await page.getByTestId('diagnosis-headline').textContent()).toBe(CAUSES.ENV_CREDENTIALS_OVERRIDE.title);
    expect(await page.getByTestId('identity-compare').getAttribute('data-differ')).toBe('true');
    expect(await page.getByTestId('kubectl-arn').textContent()).toBe('arn:aws:iam::111122223333:user/ci-bot');
    expect(await page.getByTestId('app-arn').textContent()).toBe('arn:aws:iam::111122223333:user/ops-admin');
    expect(await page.getByTestId('kubectl-env-overrides').textContent()).toContain('AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY');
    // The two identities are evidence: folded under "Why we think so" until asked for.
    expect(await page.getByTestId('identity-compare').isVisible()).toBe(false);
    await page.getByTestId('primary-evidence-section').getByRole('button').first().click();
    await page.getByTestId('identity-compare').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, '3x-diagnosis-08-env-override-identities.png') });
    await page.getByTestId('diagnosis-answer').scrollIntoViewIfNeeded();

    // The fix the app applies itself and that cures it comes first, as the one primary button; unsetting the
    // variables (only the user can) comes second and says so.
    const buttons = page.getByTestId('fix-button');
    expect(await buttons.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-fix')}:${e.getAttribute('data-primary')}`))).toEqual(['pin-profile:true', 'unset-env-credentials:false']);
    expect(await page.getByTestId('fixes').textContent()).toContain('Or, in your own shell: remove the credential variables');
    await page.locator('[data-testid="fix-button"][data-primary="true"]').click();
    await page.getByTestId('kubeconfig-diff').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('kubeconfig-pin').locator('input').isChecked()).toBe(true);
    const added = await page.getByTestId('kubeconfig-diff').locator('[data-kind="add"]').allTextContents();
    expect(added).toEqual(['+      - --profile', '+      - admin']);
    await page.screenshot({ path: join(ARTIFACTS, '3x-diagnosis-09-env-override-pin-diff.png') });
    await page.getByTestId('kubeconfig-apply').click();
    await page.getByTestId('kubeconfig-result').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('kubectl-run').getAttribute('data-exit-code')).toBe('0');
    expect(await page.getByTestId('kubectl-output').textContent()).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP/m);
    expect(await page.getByTestId('kubeconfig-result').textContent()).toBe('kubectl now gets in to platform-prod with profile admin.');
    expect(classifyGetSvc(await run('kubectl', ['get', 'svc', '--request-timeout=15s'], h.env, 60_000))).toBe('ok');
    await page.screenshot({ path: join(ARTIFACTS, '3x-diagnosis-10-env-override-applied.png') });
    // The panel diagnoses again by itself: the old "environment keys" answer is never left as the current one.
    await page.getByTestId('kubeconfig-close').click();
    const answer = async () => `${await page.getByTestId('diagnosis-headline').getAttribute('data-code')} stale=${await page.getByTestId('diagnosis').getAttribute('data-stale')}`;
    await expect.poll(answer, { timeout: 120_000 }).toBe('OK stale=false');
    expect(await page.getByTestId('fix-button').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, '3x-diagnosis-11-rediagnosed.png') });
  }, 240_000);
});

/** The primary fix's button lies inside the window, without scrolling anything. */
async function primaryFixInView(page: Harness['page'], size: { width: number; height: number }): Promise<void> {
  const box = await page.locator('[data-testid="fix-button"][data-primary="true"]').boundingBox();
  expect(box, 'a primary fix button').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(size.height);
  expect(await page.locator('[data-testid="fix-button"][data-primary="true"]').count()).toBe(1);
}

describe('answer first, and the kubeconfig fix in words (no-kubeconfig-entry: julia → web-prod)', () => {
  let h: Harness;
  const kubeconfig = () => join(h.sandbox.env.HOME!, '.kube', 'config');
  beforeAll(async () => {
    h = await startHarness('no-kubeconfig-entry');
  }, 120_000);
  afterAll(async () => stopHarness(h));

  for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
    it(`shows what is wrong, why, and the fix to try first without scrolling at ${size.width}×${size.height}`, async () => {
      await h.page.setViewportSize(size);
      await diagnoseCell(h.page, h.server.openUrl, 'julia', 'web-prod');
      const page = h.page;
      expect(await page.getByTestId('diagnosis-headline').getAttribute('data-code')).toBe('NO_KUBECONFIG_ENTRY');
      await primaryFixInView(page, size);
      // Plain words: no catalogue code or capitalised enum word in the answer's sentences (the badge carries the code).
      const prose = [await page.getByTestId('diagnosis-headline').textContent(), await page.getByTestId('primary-why').textContent(), ...(await page.getByTestId('fix-button').allTextContents())].join(' ');
      expect(prose).not.toMatch(/\b[A-Z]{2,}_[A-Z_]+\b|\bUNAUTHORIZED\b|\bADMIN\b/);
      expect(prose).not.toContain('…');
      // The code is a line to search for, not a badge; the main fix shows the command its button runs, whole arguments per line.
      expect(await page.getByTestId('primary-code').textContent()).toBe('Technical name, to search for: NO_KUBECONFIG_ENTRY');
      const commands = page.getByTestId('primary-fix-command').getByTestId('fix-command');
      expect(await commands.allTextContents()).toContainEqual(expect.stringMatching(/^aws eks update-kubeconfig --name web-prod --region [a-z0-9-]+ --profile julia\b/));
      expect(await commands.locator('.cmd-arg').count()).toBeGreaterThan(5);
      expect(await commands.locator('.cmd-arg').evaluateAll(argumentsCutInside)).toEqual([]);
      // Evidence, the creator, the unknowns are folded.
      expect(await page.getByTestId('primary-evidence').isVisible()).toBe(false);
      expect(await page.getByTestId('creator-detail').isVisible()).toBe(false);
      await page.screenshot({ path: join(ARTIFACTS, `3x-diagnosis-12-answer-first-${size.width}x${size.height}.png`) });
    });
  }

  it('says which entry is added and that the current context would change, and can keep it', async () => {
    const page = h.page;
    await page.setViewportSize({ width: 1440, height: 900 });
    const before = readFileSync(kubeconfig(), 'utf8');
    expect(before).toMatch(/current-context: \S*web-staging$/m);
    await page.locator('[data-testid="fix-button"][data-primary="true"]').click();
    await page.getByTestId('kubeconfig-diff').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('kubeconfig-entry-words').textContent()).toBe(`Adds an entry for web-prod in ${kubeconfig()}, so kubectl signs in to web-prod with profile julia.`);
    const contextWords = page.getByTestId('kubeconfig-context-words');
    expect(await contextWords.textContent()).toBe("kubectl's current context changes from web-staging to web-prod: plain kubectl commands then go to web-prod instead of web-staging.");
    expect(await contextWords.getAttribute('data-changes')).toBe('true');
    await page.screenshot({ path: join(ARTIFACTS, '3x-diagnosis-13-kubeconfig-words.png') });

    await page.getByTestId('kubeconfig-keep-current').locator('input').check();
    await expect.poll(() => contextWords.getAttribute('data-changes'), { timeout: 60_000 }).toBe('false');
    expect(await contextWords.textContent()).toBe(
      "kubectl's current context stays web-staging: plain kubectl commands keep going there; use kubectl --context arn:aws:eks:us-east-1:111122223333:cluster/web-prod for web-prod.",
    );
    expect((await page.getByTestId('kubeconfig-diff').locator('[data-kind="add"]').allTextContents()).join('\n')).not.toContain('current-context');
    await page.getByTestId('kubeconfig-apply').click();
    await page.getByTestId('kubeconfig-result').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('kubeconfig-result').textContent()).toBe('kubectl now gets in to web-prod with profile julia.');
    expect(await page.getByTestId('kubectl-run').getAttribute('data-exit-code')).toBe('0');
    const after = readFileSync(kubeconfig(), 'utf8');
    expect(after).toMatch(/current-context: \S*web-staging$/m);
    expect(after).toContain('cluster/web-prod');
    // The user's plain kubectl still talks to web-staging, and web-prod answers with --context.
    expect(classifyGetSvc(await run('kubectl', ['get', 'svc', '--request-timeout=15s'], h.env, 60_000))).toBe('ok');
    expect(classifyGetSvc(await run('kubectl', ['--context', 'arn:aws:eks:us-east-1:111122223333:cluster/web-prod', 'get', 'svc', '--request-timeout=15s'], h.env, 60_000))).toBe('ok');
    await page.screenshot({ path: join(ARTIFACTS, '3x-diagnosis-14-kubeconfig-kept-context.png') });
    await page.getByTestId('kubeconfig-undo').click();
    await page.getByTestId('kubeconfig-undone').waitFor({ timeout: 30_000 });
    expect(readFileSync(kubeconfig(), 'utf8')).toBe(before);
  }, 240_000);
});
