// "Your kubectl", the app's first page, in headless Chromium on sandbox scenarios with several contexts spread over two
// KUBECONFIG files: each card shown at once and filled as its check ends; the current context first and marked, then
// the failing ones, then those that work; the summary's names go to their cards; each EKS context's real identity and
// outcome (its exec run as kubectl runs it), one primary action per failing context, non-EKS contexts not probed;
// `contexts --json` says the same; "Use with kubectl" writes the entry with a backup and the real kubectl then signs
// in as that profile.
// Screenshots: test-artifacts/5x-kubectl-*.png at 1440×900 and 1024×700.
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../../electron/cli.js';
import type { Page } from 'playwright-core';
import { run } from '../helpers/run.js';
import { ARTIFACTS, sandboxSecrets, startHarness, stopHarness, type Harness } from './e2e-harness.js';

const PAYMENTS = 'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod';

interface Expected {
  current: boolean;
  eks: boolean;
  outcome: string;
  identityArn?: string;
  profile?: string;
  cause?: string;
  action?: string;
}

/** The demo's own five contexts plus a second file: eksctl style, a profile that does not exist, and a local kind cluster. */
const DEMO: Record<string, Expected> = {
  [PAYMENTS]: { current: true, eks: true, outcome: 'ADMIN', identityArn: 'arn:aws:iam::111122223333:user/alice', profile: 'default' },
  'arn:aws:eks:eu-west-1:111122223333:cluster/checkout-prod': { current: false, eks: true, outcome: 'FORBIDDEN', identityArn: 'arn:aws:iam::111122223333:user/bob', profile: 'bob', cause: 'FORBIDDEN', action: 'fix' },
  'arn:aws:eks:eu-west-1:111122223333:cluster/internal-tools': { current: false, eks: true, outcome: 'UNREACHABLE', profile: 'default', cause: 'ENDPOINT_UNREACHABLE', action: 'fix' },
  'arn:aws:eks:us-east-1:444455556666:cluster/dev-sandbox': { current: false, eks: true, outcome: 'ACCESS', identityArn: 'arn:aws:iam::444455556666:user/carol', profile: 'carol' },
  'arn:aws:eks:us-east-1:111122223333:cluster/data-platform': { current: false, eks: true, outcome: 'UNAUTHORIZED', identityArn: 'arn:aws:sts::111122223333:assumed-role/Developer/', profile: 'developer', cause: 'NOT_MAPPED', action: 'fix' },
  'developer@payments-prod.us-east-1.eksctl.io': { current: false, eks: true, outcome: 'ACCESS', identityArn: 'arn:aws:sts::111122223333:assumed-role/Developer/', profile: 'developer' },
  'payments-as-ghost': { current: false, eks: true, outcome: 'NO_CREDENTIALS', profile: 'ghost', cause: 'KUBECONFIG_IDENTITY_MISMATCH', action: 'fix' },
  'kind-local': { current: false, eks: false, outcome: 'NONE' },
};

/** The page's order of DEMO's contexts. */
const ORDER = [
  PAYMENTS,
  'arn:aws:eks:eu-west-1:111122223333:cluster/checkout-prod',
  'arn:aws:eks:eu-west-1:111122223333:cluster/internal-tools',
  'arn:aws:eks:us-east-1:111122223333:cluster/data-platform',
  'payments-as-ghost',
  'arn:aws:eks:us-east-1:444455556666:cluster/dev-sandbox',
  'developer@payments-prod.us-east-1.eksctl.io',
  'kind-local',
];

function extraKubeconfig(h: Harness): string {
  const payments = (h.sandbox.world.clusters as Array<{ name: string; endpoint: string; caData: string }>).find((c) => c.name === 'payments-prod')!;
  const exec = (args: string[], profile: string) => ({ exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'aws', args, env: [{ name: 'AWS_PROFILE', value: profile }] } });
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    // The first file's current-context wins (kubectl's merge rule): this one must not.
    'current-context': 'kind-local',
    clusters: [
      { name: 'payments-prod.us-east-1.eksctl.io', cluster: { server: payments.endpoint, 'certificate-authority-data': payments.caData } },
      { name: 'kind-local', cluster: { server: 'https://127.0.0.1:1', 'certificate-authority-data': payments.caData } },
    ],
    users: [
      { name: 'developer@payments-prod.us-east-1.eksctl.io', user: exec(['eks', 'get-token', '--output', 'json', '--cluster-name', 'payments-prod', '--region', 'us-east-1'], 'developer') },
      { name: 'ghost-user', user: exec(['--region', 'us-east-1', 'eks', 'get-token', '--cluster-name', 'payments-prod', '--output', 'json'], 'ghost') },
      { name: 'kind-local', user: { 'client-certificate-data': 'Y2VydA==', 'client-key-data': 'a2V5' } },
    ],
    contexts: [
      { name: 'developer@payments-prod.us-east-1.eksctl.io', context: { cluster: 'payments-prod.us-east-1.eksctl.io', user: 'developer@payments-prod.us-east-1.eksctl.io' } },
      { name: 'payments-as-ghost', context: { cluster: 'payments-prod.us-east-1.eksctl.io', user: 'ghost-user' } },
      { name: 'kind-local', context: { cluster: 'kind-local', user: 'kind-local' } },
    ],
  };
  const file = join(h.sandbox.env.HOME!, '.kube', 'team.yaml');
  writeFileSync(file, stringify(doc), { mode: 0o600 });
  return file;
}

async function cards(page: Page) {
  return page.getByTestId('context-card').evaluateAll((els) =>
    els.map((el) => ({
      name: el.getAttribute('data-context')!,
      current: el.getAttribute('data-current') === 'true',
      eks: el.getAttribute('data-eks') === 'true',
      outcome: el.getAttribute('data-outcome')!,
      cause: el.getAttribute('data-cause') || undefined,
      problem: el.querySelector('[data-testid="context-problem"]')?.textContent ?? '',
      identity: el.querySelector('[data-testid="context-identity"] .kp-arn')?.textContent ?? undefined,
      profile: el.querySelector('[data-testid="context-profile"] > div:last-child')?.textContent ?? undefined,
      actions: Array.from(el.querySelectorAll('[data-testid="context-action"]')).map((b) => b.getAttribute('data-kind')),
    })),
  );
}

function checkCard(c: Awaited<ReturnType<typeof cards>>[number], e: Expected) {
  expect(c.current, c.name).toBe(e.current);
  expect(c.eks, c.name).toBe(e.eks);
  expect(c.outcome, `${c.name}: ${c.problem}`).toBe(e.outcome);
  if (e.identityArn) expect(c.identity, c.name).toContain(e.identityArn);
  if (e.profile) expect(c.profile, c.name).toMatch(new RegExp(`^${e.profile} `));
  expect(c.cause, c.name).toBe(e.cause);
  // Exactly one primary action on a failing context, none on one that works or is not EKS.
  expect(c.actions, c.name).toEqual(e.action ? [e.action] : []);
}

async function contextsJson(env: Record<string, string>) {
  let out = '';
  let err = '';
  const code = await runCli(['contexts', '--json'], { env, stdout: (t) => (out += t), stderr: (t) => (err += t) });
  expect(err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out) as { contexts: Array<Record<string, unknown>> };
}

describe('Your kubectl on the demo with a second KUBECONFIG file', () => {
  let h: Harness;
  let mainFile: string;
  const shot = async (name: string, size: { width: number; height: number }) => {
    await h.page.setViewportSize(size);
    await h.page.screenshot({ path: join(ARTIFACTS, `5x-kubectl-${name}-${size.width}.png`) });
  };

  beforeAll(async () => {
    h = await startHarness('demo');
    mainFile = join(h.sandbox.env.HOME!, '.kube', 'config');
    h.env.KUBECONFIG = `${mainFile}:${extraKubeconfig(h)}`;
  }, 120_000);
  afterAll(async () => stopHarness(h));

  it('is the first page: every context, current first and marked, with the identity and outcome kubectl really gets', async () => {
    const page = h.page;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(h.server.openUrl);
    // While the helpers run: every card is there, some with their answer and some still checking, under a count.
    const midway = await page.waitForFunction(
      () => {
        const outcomes = Array.from(document.querySelectorAll('[data-testid="context-card"]')).map((el) => el.getAttribute('data-outcome'));
        const line = document.querySelector('[data-testid="contexts-progress"]');
        const answered = outcomes.filter((o) => o !== 'CHECKING' && o !== 'NONE').length;
        return line && answered > 0 && outcomes.includes('CHECKING') ? { cards: outcomes.length, answered, text: line.textContent, checked: Number(line.getAttribute('data-checked')) } : undefined;
      },
      undefined,
      { timeout: 120_000, polling: 50 },
    );
    const seen = (await midway.jsonValue())!;
    expect(seen.cards).toBe(Object.keys(DEMO).length);
    expect(seen.text).toMatch(/^ ?Checking your Amazon EKS contexts: \d of 7 done…$/);
    expect(seen.checked).toBeGreaterThan(0);
    expect(seen.checked).toBeLessThan(7);
    await shot('demo-checking', { width: 1440, height: 900 });
    await page.locator('[data-testid="contexts-summary"][data-checking="false"]').waitFor({ timeout: 240_000 });
    expect(await page.getByTestId('context-card').count()).toBe(Object.keys(DEMO).length);
    const shown = await cards(page);
    // What needs the user first: the current context, then the failing ones, then those that work, in file order.
    expect(shown.map((c) => c.name)).toEqual(ORDER);
    expect(shown.filter((c) => c.current)).toHaveLength(1);
    expect(await page.getByTestId('context-card').first().textContent()).toContain('Current: plain kubectl uses this');
    for (const c of shown) checkCard(c, DEMO[c.name]!);
    // What happened, in words; the network code only as the technical detail after them.
    const unreachable = shown.find((c) => c.name.endsWith(':cluster/internal-tools'))!;
    expect(unreachable.problem).toMatch(/^What happened: Nothing answered at https:\/\/127\.0\.0\.1:\d+ — the connection was refused\.Technical detail: ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
    // The profile that does not exist: diagnose's cause, in its words, and its fix — point this context at a profile
    // another context shows getting in.
    const ghost = page.locator('[data-testid="context-card"][data-context="payments-as-ghost"]');
    expect(await ghost.getByTestId('context-cause').textContent()).toContain("kubectl's entry for the cluster asks for profile ghost, which your AWS config does not define, so its token helper fails.");
    expect(await ghost.getByTestId('context-action').getAttribute('data-fix')).toBe('use-working-profile');
    expect(await ghost.getByTestId('context-action').textContent()).toBe("Point kubectl's entry for payments-prod at profile default");
    const body = await page.locator('body').textContent();
    for (const s of sandboxSecrets(h.sandbox)) expect(body).not.toContain(s);
    await shot('demo', { width: 1440, height: 900 });
    await shot('demo', { width: 1024, height: 700 });
    await page.getByTestId('context-card').filter({ has: page.locator('[data-testid="context-action"]') }).first().scrollIntoViewIfNeeded();
    await shot('demo-failing', { width: 1024, height: 700 });
    // The error people open the app with, in its own words on its card, with the one button under it.
    const unauthorized = page.locator('[data-testid="context-card"][data-context="arn:aws:eks:us-east-1:111122223333:cluster/data-platform"]');
    expect(await unauthorized.textContent()).toContain('Refused: kubectl says "You must be logged in to the server (Unauthorized)"');
    await shot('demo-unauthorized', { width: 1440, height: 900 });
  }, 300_000);

  it("the summary names each failing context as a button that scrolls to its card and gives it the keyboard's focus", async () => {
    const page = h.page;
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const links = page.getByTestId('summary-link');
    expect(await links.evaluateAll((els) => els.map((el) => el.getAttribute('data-context')))).toEqual(ORDER.filter((n) => DEMO[n]!.action));
    expect(await page.getByTestId('contexts-summary').locator('p').textContent()).toBe("4 of your 8 contexts fail: checkout-prod, internal-tools, data-platform, payments-as-ghost. Each one's card says why, and what to do.");
    expect(await page.getByTestId('contexts-order').textContent()).toBe('Your current context comes first, then the contexts that fail, then the ones that work.');
    const unauthorized = 'arn:aws:eks:us-east-1:111122223333:cluster/data-platform';
    await links.and(page.locator(`[data-context="${unauthorized}"]`)).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-context'))).toBe(unauthorized);
    const top = await page.locator(`[data-testid="context-card"][data-context="${unauthorized}"]`).evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(100);
    await shot('demo-unauthorized', { width: 1024, height: 700 });
  }, 60_000);

  it('contexts --json says the same, with docs/cli.md\'s keys', async () => {
    const out = await contextsJson(h.env);
    // The CLI keeps the kubeconfig's order (current first); the page leads with the failing ones.
    expect(out.contexts.map((c) => c.name).sort()).toEqual((await cards(h.page)).map((c) => c.name).sort());
    expect(out.contexts[0]!.name).toBe(PAYMENTS);
    for (const c of out.contexts) {
      const e = DEMO[c.name as string]!;
      for (const key of Object.keys(c)) expect(['name', 'current', 'eks', 'clusterArn', 'clusterName', 'region', 'profile', 'roleArn', 'command', 'identityArn', 'outcome', 'cause', 'fixId']).toContain(key);
      expect(c.current, c.name as string).toBe(e.current);
      expect(c.eks, c.name as string).toBe(e.eks);
      expect(c.outcome ?? 'NONE', c.name as string).toBe(e.outcome);
      expect(c.cause, c.name as string).toBe(e.cause);
      if (e.identityArn) expect(c.identityArn as string).toContain(e.identityArn);
      if (e.profile) expect(c.profile).toBe(e.profile);
      expect(Boolean(c.fixId), c.name as string).toBe(e.action === 'fix');
    }
    const eksctl = out.contexts.find((c) => c.name === 'developer@payments-prod.us-east-1.eksctl.io')!;
    expect(eksctl.clusterArn).toBe(PAYMENTS);
    expect(eksctl.command).toBe('AWS_PROFILE=developer aws eks get-token --output json --cluster-name payments-prod --region us-east-1');
  }, 300_000);

  it('the profile that does not exist: Use with kubectl writes the entry with a backup, and kubectl then signs in as that profile', async () => {
    const page = h.page;
    await page.setViewportSize({ width: 1440, height: 900 });
    const before = await run('kubectl', ['--context', 'payments-as-ghost', 'auth', 'whoami', '-o', 'json'], h.env, 60_000);
    expect(before.code).not.toBe(0);
    // Its card offers the diagnosis's fix (checked above); "Use with kubectl" in the top bar picks any profile.
    await page.getByRole('button', { name: 'Use with kubectl: choose the AWS profile kubectl signs in with' }).click();
    const modal = page.getByTestId('use-modal');
    await modal.waitFor();
    // The dialog lists kubectl's contexts once it has checked them.
    await expect.poll(() => page.getByTestId('use-context').textContent(), { timeout: 120_000 }).not.toMatch(/Loading/);
    await page.getByTestId('use-context').click();
    await page.getByRole('option', { name: /payments-as-ghost/ }).click();
    await page.getByTestId('use-profile').click();
    // Each option also says what the profile does on that cluster: the name starts it.
    await page.getByRole('option', { name: /^developer\b/ }).click();
    await expect.poll(() => page.getByTestId('use-summary').textContent(), { timeout: 30_000 }).toContain('as AWS profile developer');
    // The entry names its own profile (AWS_PROFILE in its exec env), which wins over the shell's: the terminal
    // equivalent is the same edit made with kubectl, not an export.
    expect(await page.getByTestId('use-terminal').textContent()).toContain('kubectl config set-credentials ghost-user --exec-command=aws');
    expect(await page.getByTestId('use-terminal').textContent()).toContain('--exec-env=AWS_PROFILE=developer');
    expect(await modal.textContent()).toContain('It never edits your AWS config for this.');
    const awsConfig = readFileSync(h.env.AWS_CONFIG_FILE!, 'utf8');
    await shot('use-preview', { width: 1440, height: 900 });
    await page.getByTestId('use-apply').click();
    await expect.poll(() => page.getByTestId('use-after').getAttribute('data-outcome'), { timeout: 60_000 }).toBe('ACCESS');
    expect(await page.getByTestId('use-after').textContent()).toContain('assumed-role/Developer/');
    const backup = (await page.getByTestId('use-applied').locator('.dg-arn').textContent())!;
    expect(backup).toContain('team.yaml.eks-doctor-backup-');
    // One backup, one name: the record's id (what Undo and `restore --backup` take) and where its copy of the file is.
    expect(await page.getByTestId('use-applied').textContent()).toMatch(/Saved as backup kubeconfig-[\w-]+: a copy of the previous file is at \S+team\.yaml\.eks-doctor-backup-/);
    expect(existsSync(backup)).toBe(true);
    expect(readFileSync(backup, 'utf8')).toContain('value: ghost');
    expect(readFileSync(h.env.AWS_CONFIG_FILE!, 'utf8')).toBe(awsConfig);
    await shot('use-applied', { width: 1024, height: 700 });
    // The real kubectl, through that context, now signs in as the developer role.
    const after = await run('kubectl', ['--context', 'payments-as-ghost', 'auth', 'whoami', '-o', 'json'], h.env, 60_000);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout).status.userInfo.extra.arn[0]).toMatch(/^arn:aws:sts::111122223333:assumed-role\/Developer\//);
    // Undo puts the file back byte for byte.
    await page.getByTestId('use-undo').click();
    await page.getByTestId('use-undone').waitFor();
    expect(readFileSync(join(h.sandbox.env.HOME!, '.kube', 'team.yaml'), 'utf8')).toBe(readFileSync(backup, 'utf8'));
    await page.getByTestId('use-close').click();
  }, 300_000);

  it("a card's own fix, applied and closed, checks the cards again by itself: the card says it works", async () => {
    const page = h.page;
    const ghost = page.locator('[data-testid="context-card"][data-context="payments-as-ghost"]');
    await expect.poll(() => ghost.getByTestId('context-action').count(), { timeout: 120_000 }).toBe(1);
    const order = () => page.locator('[data-testid="context-card"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-context')));
    const before = await order();
    await ghost.getByTestId('context-action').click();
    await page.getByTestId('use-profile').click();
    await page.getByRole('option', { name: /^default\b/ }).click();
    await page.getByTestId('use-apply').click();
    await expect.poll(() => page.getByTestId('use-after').getAttribute('data-outcome'), { timeout: 60_000 }).toBe('ADMIN');
    // The card behind the window still shows the old answer; closing the window checks the cards again.
    await page.getByTestId('use-close').click();
    // Its card is checked again, showing its last answer meanwhile (not a blank "Checking…"): then it works, with no
    // button, in the place it had, where the user was looking.
    await expect.poll(() => ghost.getAttribute('data-again'), { timeout: 30_000, interval: 50 }).toBe('true');
    await ghost.screenshot({ path: join(ARTIFACTS, '5x-kubectl-demo-checking-again.png') });
    await expect.poll(() => ghost.getAttribute('data-outcome'), { timeout: 60_000 }).toBe('ADMIN');
    expect(await ghost.getByTestId('context-action').count()).toBe(0);
    expect(await order()).toEqual(before);
    expect(await page.getByText('check again to see the result').count()).toBe(0);
  }, 300_000);
});

describe('Your kubectl on env-keys-override: the shell\'s keys replace the profile', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('env-keys-override');
  }, 120_000);
  afterAll(async () => stopHarness(h));

  it('shows the identity the keys really are, the cause, and one primary action', async () => {
    const page = h.page;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(h.server.openUrl);
    await page.locator('[data-testid="contexts-summary"][data-checking="false"]').waitFor({ timeout: 180_000 });
    expect(await page.getByTestId('contexts-summary').locator('p').textContent()).toBe('Your context fails: platform-prod. Its card says why, and what to do.');
    const [c] = await cards(page);
    expect(c!.current).toBe(true);
    expect(c!.outcome, c!.problem).toBe('UNAUTHORIZED');
    expect(c!.identity).toBe('arn:aws:iam::111122223333:user/ci-bot');
    expect(c!.profile).toMatch(/^admin /);
    expect(c!.cause).toBe('ENV_CREDENTIALS_OVERRIDE');
    expect(c!.actions).toEqual(['fix']);
    expect(await page.getByTestId('context-profile').textContent()).toContain('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in your shell replace that profile');
    await page.screenshot({ path: join(ARTIFACTS, '5x-kubectl-env-keys-1440.png') });
    const out = await contextsJson(h.env);
    expect(out.contexts).toHaveLength(1);
    expect(out.contexts[0]).toMatchObject({ current: true, eks: true, profile: 'admin', identityArn: 'arn:aws:iam::111122223333:user/ci-bot', outcome: 'UNAUTHORIZED', cause: 'ENV_CREDENTIALS_OVERRIDE' });
  }, 240_000);
});

describe('Your kubectl with no kubeconfig', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('unmapped-user');
    h.env.KUBECONFIG = join(h.sandbox.env.HOME!, '.kube', 'none-yet');
  }, 120_000);
  afterAll(async () => stopHarness(h));

  it('offers to add the clusters the profiles can reach', async () => {
    const page = h.page;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(h.server.openUrl);
    await page.getByTestId('contexts-empty').waitFor({ timeout: 60_000 });
    await page.getByTestId('find-clusters').click();
    const add = page.locator('[data-testid="add-cluster"][data-cluster="analytics"]');
    await add.waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('addable-clusters').textContent()).toContain('priya');
    await page.screenshot({ path: join(ARTIFACTS, '5x-kubectl-empty-1440.png') });
    await add.click();
    await page.getByTestId('kubeconfig-apply').click({ timeout: 60_000 });
    // The backup line sits in the folded details of the result.
    await page.getByTestId('kubeconfig-backup').waitFor({ state: 'attached', timeout: 60_000 });
    expect(readFileSync(h.env.KUBECONFIG!, 'utf8')).toContain('cluster/analytics');
    expect((await contextsJson(h.env)).contexts).toMatchObject([{ current: true, eks: true, profile: 'priya', outcome: 'ADMIN' }]);
  }, 240_000);
  it('says when kubectl is not installed, and how to install it on each system', async () => {
    const page = h.page;
    const bin = mkdtempSync(join(tmpdir(), 'no-kubectl-'));
    for (const tool of ['node', 'aws']) symlinkSync((await run('which', [tool], { PATH: process.env.PATH! })).stdout.trim(), join(bin, tool));
    const path = h.env.PATH;
    h.env.PATH = bin;
    try {
      for (const [width, height] of [[1440, 900], [1024, 700]] as const) {
        await page.setViewportSize({ width, height });
        await page.goto(h.server.openUrl);
        const alert = page.getByTestId('kubectl-tool-alert');
        await alert.waitFor({ timeout: 90_000 });
        expect(await alert.textContent()).toContain('kubectl is not installed on this computer');
        const commands = await alert.getByTestId('fix-command').allTextContents();
        expect(commands).toEqual(expect.arrayContaining(['brew install kubectl', 'winget install -e --id Kubernetes.kubectl', 'sudo apt-get install -y kubernetes-client']));
        await page.screenshot({ path: join(ARTIFACTS, `5x-kubectl-no-kubectl-${width}.png`) });
      }
      // The contexts are still checked without kubectl.
      expect(await page.getByTestId('contexts').textContent()).toContain('analytics');
    } finally {
      h.env.PATH = path;
      rmSync(bin, { recursive: true, force: true });
    }
    await page.reload();
    await page.locator('[data-testid="contexts-summary"][data-checking="false"]').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('kubectl-tool-alert').count()).toBe(0);
  }, 300_000);
});
