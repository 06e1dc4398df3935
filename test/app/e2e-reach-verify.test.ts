// Two by-hand windows a newcomer copies commands from, in Chromium. "Reach the API server" on the demo (internal-tools
// is private and refuses): what happened in plain words, Node's code only on the grey line under them; the private
// way first, and a caution before the command that opens the API server to the internet, limited to one address.
// The grant wizard's Verify step (unmapped-user: tom → analytics): its commands write a throwaway kubeconfig, and
// run as shown they give the grant's answer and leave the user's kubeconfig byte for byte as it was.
// Screenshots: /tmp/reach-verify-*.png and test-artifacts/5r-*.png at 1440×900 and 1024×700.
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { verifyCommands } from '../../renderer/src/wizards/verify-commands.js';
import { classifyGetSvc, cleanEnv, run } from '../helpers/run.js';
import { ARTIFACTS, launch, startHarness, stopHarness, type Harness } from './e2e-harness.js';
import { next, openGrantWizard } from './e2e-wizard-steps.js';

const INTERNAL_TOOLS = 'arn:aws:eks:eu-west-1:111122223333:cluster/internal-tools';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

let browser: BrowserContext;
let h: Harness | undefined;
beforeAll(async () => {
  browser = await launch(SIZES[0]);
}, 60_000);
afterAll(async () => {
  await stopHarness(h);
  await browser?.close();
});

/** Both sizes; `focus` (what the shot is about) scrolled into view at each. */
async function shots(page: Page, name: string, focus?: Locator): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await focus?.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `5r-${name}-${size.width}.png`) });
    // The copy the change's report names.
    copyFileSync(join(ARTIFACTS, `5r-${name}-${size.width}.png`), `/tmp/reach-verify-${name}-${size.width}.png`);
  }
  await page.setViewportSize(SIZES[0]);
}

describe('"Reach the API server" on the demo', () => {
  it('says what happened in plain words, the private way first, and cautions before opening the API server to the internet', async () => {
    expect.hasAssertions();
    h = await startHarness('demo', { browser });
    const page = h.page;
    await page.goto(h.server.openUrl);
    const card = page.locator(`[data-testid="context-card"][data-context="${INTERNAL_TOOLS}"]`);
    await card.getByTestId('context-action').waitFor({ timeout: 240_000 });
    // On the card: the words first, the code only on its own grey line.
    expect(await card.getByTestId('context-problem-words').textContent()).toMatch(/^What happened: Nothing answered at https:\/\/127\.0\.0\.1:\d+ — the connection was refused\.$/);
    expect(await card.getByTestId('context-problem-detail').textContent()).toMatch(/^Technical detail: ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);

    await card.getByTestId('context-action').click();
    const modal = page.getByTestId('steps-modal');
    await modal.waitFor();
    const words = await modal.getByTestId('steps-problem-words').textContent();
    expect(words).toMatch(/^What happened: Nothing answered at https:\/\/127\.0\.0\.1:\d+ — the connection was refused\.$/);
    expect(words).not.toContain('ECONNREFUSED');
    expect(await modal.getByTestId('steps-problem-detail').textContent()).toMatch(/^Technical detail: ECONNREFUSED: /);
    // Inside the VPC first; public access last, limited to this machine's address, with its risk said before it.
    const commands = await modal.getByTestId('fix-command').allTextContents();
    expect(commands).toEqual([
      'kubectl get svc',
      'curl -s https://checkip.amazonaws.com',
      'aws eks update-cluster-config --name internal-tools --region eu-west-1 --resources-vpc-config endpointPublicAccess=true,publicAccessCidrs=<your-ip>/32 --profile platform-admin',
    ]);
    const steps = modal.locator('ol > li');
    expect(await steps.nth(0).textContent()).toMatch(/^Preferred: reach it from inside the cluster's private network \(its VPC\).*VPN.*bastion host/);
    const caution = modal.getByTestId('step-caution');
    expect(await caution.count()).toBe(1);
    expect(await steps.nth(2).getByTestId('step-caution').count()).toBe(1);
    const said = await caution.textContent();
    expect(said).toContain("This exposes the cluster's API endpoint to the internet");
    expect(said).toContain('Prefer step 1 (a VPN, a bastion host, or a machine inside the VPC)');
    expect(said).toContain('publicAccessCidrs=<your-ip>/32');
    expect(said).toContain('never to 0.0.0.0/0');
    await shots(page, 'reach');

    // Checked again: the answer says it in the same words.
    await modal.getByTestId('steps-recheck').click();
    const answer = modal.getByTestId('steps-recheck-answer');
    await answer.waitFor({ timeout: 120_000 });
    expect(await answer.getByTestId('steps-recheck-problem-words').textContent()).toMatch(/^What happened: Nothing answered at https:\/\/127\.0\.0\.1:\d+ — the connection was refused\.$/);
    await shots(page, 'reach-checked', answer);
    await modal.getByRole('button', { name: 'Close' }).first().click();
    await stopHarness(h);
    h = undefined;
  }, 400_000);
});

describe("the grant wizard's Verify step (unmapped-user: tom → analytics)", () => {
  it('shows commands that write a throwaway kubeconfig; run as shown they say tom gets in and leave the kubeconfig as it was', async () => {
    expect.hasAssertions();
    h = await startHarness('unmapped-user', { browser, backupDir: join(mkdtempSync(join(tmpdir(), 'reach-verify-')), 'backups') });
    const page = h.page;
    const wizard = await openGrantWizard(page, h.server.openUrl, 'tom', 'analytics', 'map-identity');
    await next(page, 'grant-wizard', 1);
    await next(page, 'grant-wizard', 2);
    await wizard.getByTestId('grant-preview-button').click();
    await wizard.getByTestId('grant-plain-steps').waitFor({ timeout: 60_000 });
    await next(page, 'grant-wizard', 3);
    await wizard.getByTestId('grant-apply').click();
    await wizard.getByTestId('grant-steps').waitFor({ timeout: 120_000 });
    await next(page, 'grant-wizard', 4);
    await next(page, 'grant-wizard', 5);
    await expect.poll(() => wizard.getByTestId('verify-result').getAttribute('data-ok'), { timeout: 120_000 }).toBe('true');

    const step = wizard.getByTestId('wizard-step-5');
    const shown = await step.getByTestId('step-commands').getByTestId('fix-command').allTextContents();
    // app.info's commands.tempDir is /tmp on Linux.
    expect(shown).toEqual([
      'aws eks update-kubeconfig --name analytics --region us-east-1 --profile tom --kubeconfig /tmp/eks-check-analytics',
      'kubectl auth whoami --kubeconfig /tmp/eks-check-analytics',
      'kubectl get svc --kubeconfig /tmp/eks-check-analytics',
    ]);
    expect(shown).toEqual(verifyCommands('tom', 'analytics', 'us-east-1', '/tmp'));
    expect(await step.getByTestId('step-commands').textContent()).toContain('your own kubeconfig stays as it is');
    await shots(page, 'verify', step.getByTestId('step-commands'));

    // Run as shown (in a folder of this test's own instead of /tmp, which other runs share).
    const env = cleanEnv(h.sandbox.env);
    const kubeconfig = env.KUBECONFIG!.split(':')[0]!;
    const before = readFileSync(kubeconfig);
    const own = mkdtempSync(join(tmpdir(), 'eks-verify-e2e-'));
    const results = [];
    for (const command of shown) results.push(await run('bash', ['-c', command.replaceAll('/tmp/eks-check-analytics', join(own, 'eks-check-analytics'))], env));
    expect(results[0]!.code, results[0]!.stderr).toBe(0);
    expect(results[1]!.stdout).toContain('arn:aws:iam::111122223333:user/tom');
    expect(classifyGetSvc(results[2]!)).toBe('ok');
    expect(readFileSync(kubeconfig).equals(before)).toBe(true);
  }, 400_000);
});
