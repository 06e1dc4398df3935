// The aws-auth grant as a newcomer meets it, in Chromium (unmapped-user: tom is refused by analytics, a CONFIG_MAP
// cluster; priya administers it): read-only access is chosen already and says it is the default; the preview says
// each step in plain words with its command — the ClusterRoleBinding's too, and the aws-auth edit with kubectl, eksctl
// only as an alternative; after Verify passes, Close closes without asking. Screenshots: test-artifacts/4x-grant-plain-*.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { ARTIFACTS, launch, startHarness, stopHarness, type Harness } from './e2e-harness.js';
import { kubectl, next, openGrantWizard } from './e2e-wizard-steps.js';

/** Kubernetes' own names: on a secondary line at most, never the main words. */
const JARGON = /\bRBAC\b|ClusterRole|\bmap(Users|Roles)\b|\b403\b|resourceVersion|ConfigMap|system:masters|eks-access-doctor:view/;

let browser: BrowserContext;
let h: Harness | undefined;
beforeAll(async () => {
  browser = await launch({ width: 1440, height: 900 });
}, 60_000);
afterAll(async () => {
  await stopHarness(h);
  await browser?.close();
});

/** The radio choices' labels (their main words; each description is a line of its own). */
const radioLabels = (group: Locator) =>
  group.locator('input[type="radio"]').evaluateAll((inputs) => inputs.map((i) => document.getElementById(i.getAttribute('aria-labelledby') ?? '')?.textContent ?? ''));

async function shots(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: join(ARTIFACTS, `4x-grant-plain-${name}-1440x900.png`) });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: join(ARTIFACTS, `4x-grant-plain-${name}-1024x700.png`) });
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('the aws-auth grant in plain words (unmapped-user: tom → analytics)', () => {
  it('starts on read-only access, the default, and says so; no Kubernetes names as the choices\' words', async () => {
    expect.hasAssertions();
    h = await startHarness('unmapped-user', { browser, backupDir: join(mkdtempSync(join(tmpdir(), 'grant-plain-')), 'backups') });
    const wizard = await openGrantWizard(h.page, h.server.openUrl, 'tom', 'analytics', 'map-identity');
    await next(h.page, 'grant-wizard', 1);
    await next(h.page, 'grant-wizard', 2);
    const groups = wizard.getByTestId('grant-groups');
    expect(await groups.locator('input[type="radio"][value="eks-access-doctor:view"]').isChecked()).toBe(true);
    const labels = await radioLabels(groups);
    expect(labels[0]).toBe('Read-only access to everything in the cluster (the default)');
    expect(labels).toContain('Full administrator of the cluster');
    for (const label of labels) expect(label).not.toMatch(JARGON);
    expect(await wizard.getByTestId('wizard-step-2').locator('label').first().textContent()).toBe('What access to give');
    // Chosen already: the preview needs no choice first.
    expect(await wizard.getByTestId('grant-preview-button').isDisabled()).toBe(false);
    expect(await wizard.getByTestId('grant-choice-blocker').count()).toBe(0);
  }, 300_000);

  it('warns of the full administrator in plain words first, the Kubernetes terms on the grey line under them', async () => {
    expect.hasAssertions();
    const page = h!.page;
    const wizard = page.getByTestId('grant-wizard');
    await wizard.getByTestId('grant-groups').locator('input[type="radio"][value="system:masters"]').check({ force: true });
    await wizard.getByTestId('grant-preview-button').click();
    const warning = wizard.getByTestId('grant-warning').first();
    await warning.waitFor({ timeout: 60_000 });
    const words = await warning.getByTestId('grant-warning-words').textContent();
    expect(words).toMatch(/^This gives full administrator rights on the whole cluster/);
    expect(words).not.toMatch(JARGON);
    // The engine's own sentence stays, as the technical line.
    expect(await warning.textContent()).toMatch(/system:masters gives unrestricted admin rights that no RBAC rule can take back/);
    await warning.scrollIntoViewIfNeeded();
    await shots(page, 'masters-warning');
    // Back to the default for the grant below.
    await wizard.getByTestId('grant-groups').locator('input[type="radio"][value="eks-access-doctor:view"]').check({ force: true });
    expect(await wizard.getByTestId('grant-warning').count()).toBe(0);
  }, 120_000);

  it('previews each step in words with its command: the ClusterRoleBinding, then the aws-auth edit with kubectl (eksctl only if you have it)', async () => {
    expect.hasAssertions();
    const page = h!.page;
    const wizard = page.getByTestId('grant-wizard');
    await wizard.getByTestId('grant-preview-button').click();
    await wizard.getByTestId('grant-plain-steps').waitFor({ timeout: 60_000 });
    const steps = wizard.getByTestId('grant-plain-step');
    expect(await steps.count()).toBe(2);
    const words = await wizard.getByTestId('grant-step-words').allTextContents();
    expect(words[0]).toMatch(/^Let the app's read-only group see everything in the cluster and change nothing/);
    expect(words[1]).toBe("Add arn:aws:iam::111122223333:user/tom to the cluster's list of who may sign in (aws-auth), with read-only access to everything in the cluster");
    for (const w of words) expect(w).not.toMatch(JARGON);
    expect(await wizard.getByTestId('grant-preview').locator('p').first().textContent()).toBe('What the app will do, as priya:');
    const binding = await steps.nth(0).getByTestId('fix-command').allTextContents();
    expect(binding).toEqual([expect.stringMatching(/^kubectl create clusterrolebinding eks-access-doctor-view --clusterrole=view --group=eks-access-doctor:view --context arn:aws:eks:us-east-1:\d+:cluster\/analytics$/)]);
    const edit = await steps.nth(1).getByTestId('fix-command').allTextContents();
    expect(edit[0]).toMatch(/^kubectl patch configmap aws-auth -n kube-system --context \S+ --type merge -p '\{"metadata":\{"resourceVersion":"\d+"\},"data":\{"mapUsers":".*user\/tom.*"\}\}' {3}# refused if the list changed since this preview: preview again$/);
    expect(edit[1]).toMatch(/^eksctl create iamidentitymapping .* {3}# the same, if you have eksctl$/);
    expect(edit.join('\n')).not.toMatch(/kubectl edit/);
    expect(await wizard.getByTestId('grant-problem').count()).toBe(0);
    await shots(page, 'preview');
  }, 120_000);

  it('grants, verifies with the real kubectl, and closes without asking about unfinished steps', async () => {
    expect.hasAssertions();
    const page = h!.page;
    const wizard = page.getByTestId('grant-wizard');
    await next(page, 'grant-wizard', 3);
    // The Grant step lists the binding's command too, before the edit's.
    const commands = await wizard.getByTestId('wizard-step-3').getByTestId('fix-command').allTextContents();
    expect(commands[0]).toMatch(/^kubectl create clusterrolebinding eks-access-doctor-view /);
    expect(commands[1]).toMatch(/^kubectl patch configmap aws-auth /);
    await wizard.getByTestId('grant-apply').click();
    await wizard.getByTestId('grant-steps').waitFor({ timeout: 120_000 });
    expect(await wizard.getByTestId('grant-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-ok')))).toEqual(['true', 'true']);
    expect(await wizard.getByTestId('grant-steps').textContent()).not.toMatch(/resourceVersion/);
    // Said in the preview's words; the Kubernetes names only on the line below.
    const titles = await wizard.getByTestId('grant-step-title').allTextContents();
    expect(titles[1]).toMatch(/^Add arn:aws:iam::111122223333:user\/tom to the cluster's list of who may sign in \(aws-auth\)/);
    for (const t of titles) expect(t).not.toMatch(JARGON);
    await shots(page, 'granted');
    const done = await wizard.getByTestId('grant-done-words').textContent();
    expect(done).toBe("tom (arn:aws:iam::111122223333:user/tom) is now on the list of who may sign in to the cluster analytics (aws-auth), with read-only access to everything in the cluster.");
    await next(page, 'grant-wizard', 4);
    await next(page, 'grant-wizard', 5);
    const result = wizard.getByTestId('verify-result');
    await result.waitFor({ timeout: 120_000 });
    await expect.poll(() => result.getAttribute('data-ok'), { timeout: 60_000 }).toBe('true');
    await shots(page, 'verified');
    await wizard.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => page.getByTestId('grant-wizard').count()).toBe(0);
    expect(await page.getByTestId('wizard-confirm-close').count()).toBe(0);
    // The grant stays, with its undo on the page; the user's own kubectl gets in.
    expect(await page.getByTestId('undo-notice').allTextContents()).toEqual(['Granted tom access to the cluster analytics.']);
    expect(await kubectl(h!)).toMatchObject({ outcome: 'ok' });
  }, 300_000);
});
