// The fix wizards driven in headless Chromium (browser mode) on every unmapped / wrong-mapping / forbidden scenario:
// from the cell's diagnosis, through the grant wizard's steps (identity, admin profile, the narrowest access with its
// preview, the grant, the kubeconfig, the verification), ending with the real `kubectl get svc` succeeding for the
// identity that was refused and the authenticator log saying "access granted". Also the creator wizard and the
// message for the cluster admin. Screenshots go to test-artifacts/4x-wizard-*.png.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator } from 'playwright-core';
import { expectCasesFollowScenarios } from '../helpers/grant-cases.js';
import { cleanEnv, run } from '../helpers/run.js';
import { ARTIFACTS, diagnoseCell, launch, sandboxSecrets, startHarness, stopHarness, type Harness } from './e2e-harness.js';
import { buttonsInSmallWindow, closeWizard, kubectl, kubectlConfig, next, openGrantWizard, step, undoFromPage } from './e2e-wizard-steps.js';

interface Case {
  scenario: string;
  refused: string;
  cluster: string;
  region: string;
  admin: string;
  fixId: string;
  before: 'unauthorized' | 'forbidden';
  /** What the user picks on the "Choose the access" step (default: what the wizard pre-selects). */
  choose?: (wizard: Locator) => Promise<void>;
  /** Write the refused profile's kubeconfig entry with the real aws CLI first (the scenario's own entry is another's). */
  kubeconfigFirst: boolean;
  /**
   * Then rename that context to "elsewhere" (still kubectl's current context): the wizard's kubeconfig step has an
   * entry to add, and must leave plain kubectl on "elsewhere" unless the user asks.
   */
  contextElsewhere?: boolean;
}

const radio = (wizard: Locator, value: string) => wizard.locator(`input[type="radio"][value="${value}"]`).check({ force: true });
const tick = (wizard: Locator, testId: string) => wizard.getByTestId(testId).locator('input[type="checkbox"]').check({ force: true });

/** The malformed items are shown and refused until the user consents to their repair. */
async function repairWithConsent(wizard: Locator): Promise<void> {
  await wizard.getByTestId('grant-preview-button').click();
  await wizard.getByTestId('grant-preview').waitFor({ timeout: 60_000 });
  expect(await wizard.getByTestId('grant-preview').textContent()).toMatch(/Malformed item map(Roles|Users)\[\d+\]/);
  expect(await wizard.getByTestId('grant-problem').first().textContent()).toMatch(/only with your consent: tick "Repair the malformed items"/);
  await tick(wizard, 'grant-repair-invalid');
}

// One case per wizard route: a new aws-auth mapping (with the group to choose), replacing a mapping that never matches
// (map-role-without-path; map-role-arn and fix-near-miss take the same steps), repairing a malformed key, an access
// entry, an access policy, an RBAC binding. test/fix/grants.test.ts applies every fix to every scenario through the
// same handlers, without the browser.
const CASES: Case[] = [
  { scenario: 'unmapped-user', refused: 'tom', cluster: 'analytics', region: 'us-east-1', admin: 'priya', fixId: 'map-identity', before: 'unauthorized', kubeconfigFirst: false, choose: (w) => radio(w, 'system:masters') },
  { scenario: 'unmapped-role', refused: 'data-engineer', cluster: 'data-lake', region: 'eu-west-1', admin: 'platform-admin', fixId: 'create-access-entry', before: 'unauthorized', kubeconfigFirst: true, contextElsewhere: true },
  { scenario: 'role-mapped-with-path', refused: 'eks-admin', cluster: 'logistics', region: 'us-east-1', admin: 'jordan', fixId: 'map-role-without-path', before: 'unauthorized', kubeconfigFirst: true },
  { scenario: 'aws-auth-invalid', refused: 'sre', cluster: 'search', region: 'us-east-1', admin: 'infra-admin', fixId: 'fix-aws-auth-item', before: 'unauthorized', kubeconfigFirst: true, choose: repairWithConsent },
  { scenario: 'access-entry-no-policy', refused: 'analyst', cluster: 'reporting', region: 'us-east-1', admin: 'eks-admin', fixId: 'associate-access-policy', before: 'forbidden', kubeconfigFirst: true },
  { scenario: 'rbac-forbidden', refused: 'minjun', cluster: 'mobile-api', region: 'ap-northeast-2', admin: 'k8s-admin', fixId: 'rbac-binding', before: 'forbidden', kubeconfigFirst: true, choose: async (w) => expect(await w.locator('input[type="radio"][value="__keep"]').isChecked()).toBe(true) },
];

let browser: BrowserContext;
beforeAll(async () => {
  browser = await launch();
}, 60_000);
afterAll(async () => browser?.close());

async function grantedLines(h: Harness, c: Case, sinceMs: number): Promise<string[]> {
  const r = await run('aws', ['logs', 'filter-log-events', '--log-group-name', `/aws/eks/${c.cluster}/cluster`, '--start-time', String(sinceMs), '--region', c.region, '--profile', c.admin, '--output', 'json'], cleanEnv(h.sandbox.env), 60_000);
  if (r.code !== 0) throw new Error(`filter-log-events failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { events: { message: string }[] }).events.map((e) => e.message).filter((l) => l.includes('msg="access granted"'));
}

describe('grant wizard in Chromium: the refused identity gets in', () => {
  // That the real kubectl refuses each identity first is the scenario's own expect entry, proven with the real clients
  // by test/sandbox/scenarios-real-clients.test.ts; this table must agree with those entries.
  it("the table follows the scenarios' expect entries: who is refused, who gets in", () => {
    expectCasesFollowScenarios(CASES);
  });

  for (const [n, c] of CASES.entries()) {
    it(`${c.scenario}: ${c.refused} on ${c.cluster} — ${c.fixId}`, async () => {
      const h = await startHarness(c.scenario, { browser, backupDir: join(mkdtempSync(join(tmpdir(), 'wizard-e2e-')), 'backups') });
      const shot = (name: string) => h.page.screenshot({ path: join(ARTIFACTS, `4x-wizard-${n === 0 ? 'grant' : `${c.scenario}-${c.refused}`}-${name}.png`) });
      try {
        if (c.kubeconfigFirst) {
          const u = await run('aws', ['eks', 'update-kubeconfig', '--name', c.cluster, '--region', c.region, '--profile', c.refused], cleanEnv(h.sandbox.env), 60_000);
          expect(u.code, u.stderr).toBe(0);
        }
        const arnContext = c.contextElsewhere ? await kubectlConfig(h, 'current-context') : '';
        if (c.contextElsewhere) await kubectlConfig(h, 'rename-context', arnContext, 'elsewhere');
        const page = h.page;
        const wizard = await openGrantWizard(page, h.server.openUrl, c.refused, c.cluster, c.fixId);
        if (n === 0) await shot('0-identity');
        await next(page, 'grant-wizard', 1);
        // The best admin profile is pre-selected: the one the scenario says gets in as kubernetes-admin.
        expect(await wizard.locator(`input[type="radio"][value="${c.admin}"]`).isChecked()).toBe(true);
        if (n === 0) await shot('1-admin');
        // A profile Kubernetes refuses is shown, disabled, with the reason in plain words — never as a grantor.
        const disabledAdmins = await wizard.getByTestId('grant-admins').locator('input[type="radio"]:disabled').count();
        if (c.fixId === 'create-access-entry') {
          expect(await wizard.getByTestId('grant-admins').textContent()).not.toMatch(/FORBIDDEN|UNAUTHORIZED|aws-auth/);
          if (disabledAdmins) expect(await wizard.getByTestId('grant-admins').textContent()).toMatch(/cannot sign in to this cluster, so it cannot grant access/);
          await shot('1-admin');
          await buttonsInSmallWindow(page, 'grant-wizard', join(ARTIFACTS, `4x-wizard-${c.scenario}-${c.refused}-1-admin-1024x700.png`));
        }
        await next(page, 'grant-wizard', 2);
        if (c.fixId === 'map-identity') {
          // Only the safe default is pre-selected (read-only), and the full administrator says why it is risky.
          expect(await wizard.locator('input[type="radio"][value="eks-access-doctor:view"]').isChecked()).toBe(true);
          expect(await wizard.getByTestId('grant-groups').textContent()).toContain('no rule on the cluster can take any of it back');
        }
        await c.choose?.(wizard);
        if (n === 0) {
          // Nothing to scroll yet: the step's body shows no scroll bar, down or sideways.
          const scrollBars = await wizard.locator('.wz-body').evaluate((el) => ({
            down: el.scrollHeight > el.clientHeight,
            sideways: el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX !== 'hidden',
          }));
          expect(scrollBars).toEqual({ down: false, sideways: false });
          // While the preview is on its way, Next waits with it (the preview is held until checked).
          let release = () => undefined as void;
          const held = new Promise<void>((r) => (release = r));
          let passed = Promise.resolve();
          await page.route('**/api/call/grant.plan', (route) => (passed = held.then(() => route.continue())));
          await wizard.getByTestId('grant-preview-button').click();
          await expect.poll(() => wizard.getByRole('button', { name: 'Next' }).getAttribute('aria-disabled')).toBe('true');
          release();
          await passed;
          await page.unroute('**/api/call/grant.plan');
        } else {
          await wizard.getByTestId('grant-preview-button').click();
        }
        await wizard.getByTestId('grant-preview').waitFor({ timeout: 60_000 });
        // One marker per line: numbered steps in a numbered list, without a number of their own too.
        expect(await wizard.getByTestId('grant-preview').locator('li').allTextContents()).not.toContainEqual(expect.stringMatching(/^\d+\.\s/));
        if (c.contextElsewhere) await shot('2-preview');
        expect(await wizard.getByTestId('grant-problem').count()).toBe(0);
        const commands = await wizard.getByTestId('wizard-step-2').getByTestId('fix-command').allTextContents();
        expect(commands.length).toBeGreaterThan(0);
        expect(commands.join('\n')).toMatch(/eksctl|aws eks|kubectl/);
        if (c.fixId === 'associate-access-policy') {
          // The entry exists: the preview shows only the association, the one step apply runs.
          expect(commands.join('\n')).not.toMatch(/create-access-entry/);
          expect(commands.join('\n')).toMatch(/aws eks associate-access-policy/);
          await shot('2-preview');
          await buttonsInSmallWindow(page, 'grant-wizard', join(ARTIFACTS, `4x-wizard-${c.scenario}-${c.refused}-2-preview-1024x700.png`));
        }
        if (n === 0) {
          expect(await wizard.getByTestId('grant-diff').textContent()).toContain('arn:aws:iam::111122223333:user/tom');
          expect(await wizard.getByTestId('grant-warning').first().textContent()).toMatch(/system:masters/);
          await shot('2-preview');
          await buttonsInSmallWindow(page, 'grant-wizard', join(ARTIFACTS, '4x-wizard-grant-2-preview-1024x700.png'), true);
        }
        await next(page, 'grant-wizard', 3);
        const since = Date.now() - 1000;
        await wizard.getByTestId('grant-apply').click();
        await wizard.getByTestId('grant-steps').waitFor({ timeout: 120_000 });
        const oks = await wizard.getByTestId('grant-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-ok')));
        expect(oks.length).toBeGreaterThan(0);
        expect(oks.every((ok) => ok === 'true'), await wizard.getByTestId('grant-steps').textContent() ?? '').toBe(true);
        // Said in plain words, with the undo beside it.
        expect(await wizard.getByTestId('grant-done').isVisible()).toBe(true);
        expect(await wizard.getByTestId('grant-done-words').textContent()).toContain(c.refused);
        if (c.fixId === 'create-access-entry') {
          expect(await wizard.getByTestId('grant-done-words').textContent()).toMatch(/ can now sign in to the cluster data-lake, with .* \(an access entry with AmazonEKS\w+Policy\)\.$/);
          // The step speaks of the route taken: an access entry, not aws-auth and its backup.
          expect(await wizard.textContent()).not.toMatch(/aws-auth/);
        }
        if (n === 0) {
          expect(await wizard.getByTestId('grant-done-words').textContent()).toBe('tom (arn:aws:iam::111122223333:user/tom) is now on the list of who may sign in to the cluster analytics (aws-auth), as a full administrator.');
          expect(await wizard.getByTestId('grant-done').getByTestId('grant-restore').isVisible()).toBe(true);
          await shot('3-granted');
          await buttonsInSmallWindow(page, 'grant-wizard', join(ARTIFACTS, '4x-wizard-grant-3-granted-1024x700.png'));
        }
        await next(page, 'grant-wizard', 4);
        const write = wizard.getByTestId('wizard-kubeconfig-apply');
        await write.waitFor({ timeout: 60_000 });
        if (c.contextElsewhere) {
          // The entry is added, and plain kubectl stays on "elsewhere" unless the user ticks the choice (off at first):
          // the preview says so, and the commands show how to do the same with the aws CLI, which would switch it.
          const current = wizard.getByTestId('wizard-kubeconfig-current');
          expect(await current.locator('input[type="checkbox"]').isChecked()).toBe(false);
          expect(await current.textContent()).toContain('Also make plain kubectl use this cluster (now it uses elsewhere)');
          expect(await wizard.getByTestId('kubeconfig-context-words').getAttribute('data-changes')).toBe('false');
          const commands = (await wizard.getByTestId('wizard-step-4').getByTestId('fix-command').allTextContents()).join('\n');
          expect(commands).toContain(`aws eks update-kubeconfig --name ${c.cluster} --region ${c.region} --profile ${c.refused}   # also makes ${c.cluster} kubectl's current context`);
          expect(commands).toContain('kubectl config use-context elsewhere');
          expect(commands).toMatch(/eks-access-doctor update-kubeconfig .*--keep-current-context/);
          await shot('4-kubeconfig');
          await buttonsInSmallWindow(page, 'grant-wizard', join(ARTIFACTS, `4x-wizard-${c.scenario}-${c.refused}-4-kubeconfig-1024x700.png`));
          await write.click();
          await wizard.getByTestId('wizard-kubeconfig-done').waitFor({ timeout: 60_000 });
          expect(await kubectlConfig(h, 'current-context')).toBe('elsewhere');
          // Said after the write too, not only in the preview: plain kubectl still goes where it went.
          expect(await wizard.getByTestId('wizard-kubeconfig-current-after').textContent()).toContain("kubectl's current context stays elsewhere");
          expect(await kubectlConfig(h, 'get-contexts', '-o', 'name')).toContain(arnContext);
        } else {
          // The entry already names the refused profile (the scenario's own, or the aws CLI's just now): nothing to write.
          expect(await write.isDisabled()).toBe(true);
          expect(await wizard.getByTestId(`wizard-step-4`).textContent()).toContain(`already uses ${c.refused}`);
        }
        if (n === 0) await shot('4-kubeconfig');
        await next(page, 'grant-wizard', 5);
        const result = wizard.getByTestId('verify-result');
        await result.waitFor({ timeout: 120_000 });
        await expect.poll(() => result.getAttribute('data-ok'), { timeout: 60_000 }).toBe('true');
        expect(await wizard.getByTestId('verify-kubectl').getAttribute('data-exit-code')).toBe('0');
        expect(await wizard.getByTestId('verify-kubectl-output').textContent()).toMatch(/NAME\s+TYPE\s+CLUSTER-IP/);
        // The commands shown to copy read a throwaway kubeconfig (the user's stays as it is); the app's own run, through
        // the cluster's context, is shown with its answer.
        const byHand = await wizard.getByTestId(`wizard-step-5`).getByTestId('step-commands').getByTestId('fix-command').allTextContents();
        expect(byHand.at(-1)).toMatch(/^kubectl get svc --kubeconfig \S+$/);
        for (const command of byHand) expect(command).toContain(' --kubeconfig /tmp/eks-check-');
        expect(await wizard.getByTestId('verify-kubectl').textContent()).toMatch(/kubectl get svc --context \S+/);
        await shot(n === 0 ? '5-verified' : 'verified');
        // Outside the app: the user's own kubectl now gets in, and the authenticator agrees.
        expect(await kubectl(h)).toMatchObject({ outcome: 'ok' });
        if (c.before === 'unauthorized') expect((await grantedLines(h, c, since)).length).toBeGreaterThan(0);
        const html = await page.content();
        for (const secret of sandboxSecrets(h.sandbox)) expect(html.includes(secret)).toBe(false);
        if (c.fixId === 'create-access-entry') {
          // An access-entry grant is undone from its result screen like an aws-auth one: the entry it created is deleted.
          await wizard.getByRole('button', { name: 'Back', exact: true }).click();
          await wizard.getByRole('button', { name: 'Back', exact: true }).click();
          await step(page, 'grant-wizard', 3);
          await wizard.getByTestId('grant-done').getByTestId('grant-restore').click();
          // The undo is previewed first, with its commands.
          await wizard.getByTestId('grant-undo-preview').waitFor({ timeout: 60_000 });
          expect(await wizard.getByTestId('grant-undo-preview').getByTestId('undo-commands').textContent()).toMatch(/aws eks delete-access-entry/);
          await shot('3-undo-preview');
          await wizard.getByTestId('grant-restore-confirm').click();
          await wizard.getByTestId('grant-restored').waitFor({ timeout: 60_000 });
          expect(await wizard.getByTestId('grant-restored').textContent()).toMatch(/Delete the access entry of arn:aws:iam::111122223333:role\/DataEngineer \(the grant created it\): done/);
          // The step reads as undone: none of the grant's green ticks stay, and its commands are the undo's.
          expect(await wizard.getByTestId('grant-step').count()).toBe(0);
          expect(await wizard.getByTestId('grant-done').count()).toBe(0);
          const undoCommands = await wizard.getByTestId('wizard-step-3').getByTestId('step-commands').textContent();
          expect(undoCommands).toMatch(/The undo on the command line.*\/bin\/eks-access-doctor\.cjs restore --backup \S+ --yes.*aws eks delete-access-entry/);
          await shot('3-undone');
          await buttonsInSmallWindow(page, 'grant-wizard', join(ARTIFACTS, `4x-wizard-${c.scenario}-${c.refused}-3-undone-1024x700.png`));
          // The check made right after the grant went with it: Verify checks again, and the identity no longer gets in.
          await next(page, 'grant-wizard', 4);
          await next(page, 'grant-wizard', 5);
          await expect.poll(() => wizard.getByTestId('verify-result').getAttribute('data-ok'), { timeout: 120_000 }).toBe('false');
          expect(await kubectl(h)).not.toMatchObject({ outcome: 'ok' });
          // Closed, the kubeconfig write the wizard made (the grant is undone already) keeps its undo on the page.
          await closeWizard(page, wizard);
          expect(await page.getByTestId('undo-notice').allTextContents()).toEqual([`Your kubeconfig's entry for ${c.cluster} now signs in with profile ${c.refused}.`]);
          await undoFromPage(page, `Your kubeconfig's entry for ${c.cluster} now signs in with profile ${c.refused}.`);
          expect(await kubectlConfig(h, 'get-contexts', '-o', 'name')).not.toContain(arnContext);
          expect(await kubectlConfig(h, 'current-context')).toBe('elsewhere');
        }
        if (n === 0) {
          // Closed with the grant in place: the page offers its undo (previewed, refused if changed since), and after
          // it the real kubectl is refused again.
          await page.setViewportSize({ width: 1440, height: 900 });
          await closeWizard(page, wizard, false);
          expect(await page.getByTestId('undo-notice').allTextContents()).toEqual([`Granted ${c.refused} access to the cluster ${c.cluster}.`]);
          await page.getByTestId('undo-notice-open').waitFor();
          // The note slides in: shot once its (finite) animations end.
          await page.waitForFunction(() => document.getAnimations().every((an) => an.playState !== 'running' || an.effect?.getTiming().iterations === Infinity));
          await shot('6-closed');
          await page.setViewportSize({ width: 1024, height: 700 });
          await shot('6-closed-1024x700');
          await page.setViewportSize({ width: 1440, height: 900 });
          await undoFromPage(page, `Granted ${c.refused} access to the cluster ${c.cluster}.`, '4x-wizard-grant-7-undo-from-page');
          expect(await kubectl(h)).toMatchObject({ outcome: c.before });
        }
      } finally {
        await stopHarness(h);
      }
    }, 300_000);
  }
});

describe('creator wizard in Chromium (creator-wrong-profile)', () => {
  it("finds the creator, picks its profile, writes the kubeconfig and verifies with the real kubectl", async () => {
    const h = await startHarness('creator-wrong-profile', { browser });
    const shot = (name: string) => h.page.screenshot({ path: join(ARTIFACTS, `4x-wizard-creator-${name}.png`) });
    try {
      const page = h.page;
      await diagnoseCell(page, h.server.openUrl, 'default', 'orders-prod');
      await page.getByTestId('open-creator-wizard').click();
      const wizard = page.getByTestId('creator-wizard');
      await wizard.getByTestId('creator-arn').waitFor({ timeout: 60_000 });
      expect(await wizard.getByTestId('creator-arn').textContent()).toContain('arn:aws:iam::');
      expect(await wizard.getByTestId('creator-sources').textContent()).toContain('aws cloudtrail lookup-events');
      await shot('0-found');
      await buttonsInSmallWindow(page, 'creator-wizard', join(ARTIFACTS, '4x-wizard-creator-0-found-1024x700.png'));
      await next(page, 'creator-wizard', 1);
      expect(await wizard.locator('input[type="radio"][value="cluster-admin"]').isChecked()).toBe(true);
      await shot('1-profile');
      await next(page, 'creator-wizard', 2);
      await wizard.getByTestId('wizard-kubeconfig-apply').click();
      await wizard.getByTestId('wizard-kubeconfig-done').waitFor({ timeout: 60_000 });
      expect(await wizard.getByTestId('wizard-kubeconfig-done').textContent()).toContain("kubectl's entry for orders-prod now signs in with profile cluster-admin.");
      expect(await wizard.getByTestId('wizard-kubeconfig-undo').isVisible()).toBe(true);
      await shot('2-kubeconfig');
      await next(page, 'creator-wizard', 3);
      const result = wizard.getByTestId('verify-result');
      await result.waitFor({ timeout: 120_000 });
      expect(await result.getAttribute('data-ok')).toBe('true');
      expect(await wizard.getByTestId('verify-kubectl').getAttribute('data-exit-code')).toBe('0');
      await shot('3-verified');
      expect((await kubectl(h)).outcome).toBe('ok');
    } finally {
      await stopHarness(h);
    }
  }, 300_000);
});

describe('grant wizard when no profile of the user can grant (unmapped-user without priya)', () => {
  it('says so at "Choose who grants" and hands over to the message for the cluster admin', async () => {
    const h = await startHarness('unmapped-user', {
      browser,
      edit: (s) => {
        s.profiles = s.profiles.filter((p) => p.name !== 'priya');
        s.expect = s.expect.filter((e) => e.profile !== 'priya');
      },
    });
    try {
      const page = h.page;
      const wizard = await openGrantWizard(page, h.server.openUrl, 'tom', 'analytics', 'map-identity');
      await next(page, 'grant-wizard', 1);
      expect(await wizard.getByTestId('grant-no-admin').textContent()).toContain('No profile of yours can grant access to this cluster');
      // Next is refused: nobody to write the grant.
      await page.getByTestId('grant-wizard').getByRole('button', { name: 'Next', exact: true }).click();
      await step(page, 'grant-wizard', 1);
      await h.page.screenshot({ path: join(ARTIFACTS, '4x-wizard-no-admin.png') });
      await wizard.getByTestId('grant-ask-admin').click();
      const message = page.getByTestId('ask-admin-message');
      await expect.poll(async () => (await message.count()) && (await message.textContent()), { timeout: 60_000 }).toContain('arn:aws:iam::111122223333:user/tom');
      expect(await page.getByTestId('grant-wizard').count()).toBe(0);
    } finally {
      await stopHarness(h);
    }
  }, 300_000);
});

describe('guided help in Chromium (unmapped-user, tom → analytics)', () => {
  it('opens the authenticator-log wizard and the message for the cluster admin from the diagnosis', async () => {
    const h = await startHarness('unmapped-user', { browser });
    const shot = (name: string) => h.page.screenshot({ path: join(ARTIFACTS, `4x-wizard-guided-${name}.png`) });
    try {
      const page = h.page;
      await diagnoseCell(page, h.server.openUrl, 'tom', 'analytics');
      await page.getByTestId('open-logs-wizard').click();
      const logs = page.getByTestId('logs-wizard');
      // The log is on for this cluster; the wizard asks with the creator's profile (priya), which may.
      await expect.poll(() => logs.getByTestId('logs-status').getAttribute('data-enabled'), { timeout: 60_000 }).toBe('true');
      await logs.getByTestId('logs-query').click();
      await logs.getByTestId('logs-row').first().waitFor({ timeout: 60_000 });
      const decisions = await logs.getByTestId('logs-row').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-decision')} ${e.getAttribute('data-arn')}`));
      expect(decisions).toContain('denied arn:aws:iam::111122223333:user/tom');
      // Its last step tries again as tom: still refused, said plainly, with kubectl's own words.
      await logs.getByTestId('logs-verify').getByTestId('verify-button').click();
      const verdict = logs.getByTestId('verify-result');
      await verdict.waitFor({ timeout: 60_000 });
      expect(await verdict.getAttribute('data-ok')).toBe('false');
      expect(await verdict.getAttribute('data-outcome')).toBe('UNAUTHORIZED');
      expect(await logs.getByTestId('verify-kubectl-output').textContent()).toContain('You must be logged in to the server');
      await shot('logs');
      await logs.getByTestId('logs-close').click();
      await page.getByTestId('open-ask-admin').click();
      const message = page.getByTestId('ask-admin-message');
      await expect.poll(async () => (await message.count()) && (await message.textContent()), { timeout: 60_000 }).toContain('arn:aws:iam::111122223333:user/tom');
      expect(await message.textContent()).toMatch(/eksctl create iamidentitymapping --cluster analytics --region us-east-1 --arn arn:aws:iam::111122223333:user\/tom/);
      expect(await message.textContent()).not.toContain('--profile');
      // priya administers analytics (the matrix says so): the window says she could grant it, and the message does
      // not claim that no profile of the user's can.
      expect(await page.getByTestId('ask-admin-granters').textContent()).toContain('priya can grant this');
      expect(await message.textContent()).not.toContain('none of my own AWS profiles');
      await shot('ask-admin');
    } finally {
      await stopHarness(h);
    }
  }, 300_000);
});
