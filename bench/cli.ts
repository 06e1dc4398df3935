// Benchmark: the CLI as whole processes, against what a user would run instead. Each pair alternates its two
// sides (A, B, A, B …) so that load changes hit both alike; medians of RUNS runs; peak memory is the largest
// resident set of any process of a side (/usr/bin/time's %M), summed where a side is several commands.
// Run: npm run bench:cli            (builds dist/cli when stale; needs /usr/bin/time, aws and kubectl;
//      BENCH_RUNS=N runs per side, BENCH_ONLY=<regular expression> only the pairs whose name matches,
//      BENCH_BASELINE=<another checkout, its dist/cli built> adds the token pairs of this tree against that one)
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../sandbox/index.js';
import { ensureCliBuilt } from '../scripts/build-cli.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(root, 'bin', 'eks-access-doctor.cjs');
const TOKEN_HELPER = join(root, 'bin', 'token-helper.cjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

interface Sample {
  ms: number;
  /** user + system CPU time of the side's processes (/usr/bin/time, 10 ms steps); less disturbed by other load than wall time. */
  cpuMs: number;
  rssMb: number;
}
type Step = { cmd: string; args: string[] };

function once(step: Step, env: NodeJS.ProcessEnv): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    execFile('/usr/bin/time', ['-f', '%U %S %M', step.cmd, ...step.args], { env, maxBuffer: 64 * 1024 * 1024 }, (err, _out, stderr) => {
      const ms = performance.now() - started;
      if (err) return reject(new Error(`${step.cmd} ${step.args.join(' ')} failed: ${String(stderr).trim().split('\n').slice(-3).join(' | ')}`));
      const [user, system, rssKb] = String(stderr).trim().split('\n').pop()!.split(' ').map(Number);
      resolve({ ms, cpuMs: (user! + system!) * 1000, rssMb: rssKb! / 1024 });
    });
  });
}

/** A side may be several commands (the manual way): their times add up, their peak memory is the largest. */
async function side(steps: Step[], env: NodeJS.ProcessEnv, before?: () => void): Promise<Sample> {
  before?.();
  let ms = 0;
  let cpuMs = 0;
  let rssMb = 0;
  for (const step of steps) {
    const s = await once(step, env);
    ms += s.ms;
    cpuMs += s.cpuMs;
    rssMb = Math.max(rssMb, s.rssMb);
  }
  return { ms, cpuMs, rssMb };
}

/**
 * The aws CLI's program behind a pyenv shim (a bash script that finds the Python install at every call, ~0.3 s
 * here), or undefined where `aws` on the PATH is the program itself. Users run what is on their PATH, so that is
 * the comparison; the shim-less figures are printed beside it for honesty.
 */
function awsBehindShim(): string | undefined {
  try {
    const onPath = execFileSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).trim();
    if (!readFileSync(onPath, 'utf8').slice(0, 4096).includes('pyenv')) return undefined;
    return execFileSync('pyenv', ['which', 'aws'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The installed command of another checkout (BENCH_BASELINE): bin/eks-access-doctor.cjs, or the .mjs of older trees. */
function baselineBin(dir: string): string {
  const cjs = join(dir, 'bin', 'eks-access-doctor.cjs');
  return existsSync(cjs) ? cjs : join(dir, 'bin', 'eks-access-doctor.mjs');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Pair {
  name: string;
  goal: string;
  a: { label: string; steps: Step[]; before?: () => void };
  b: { label: string; steps: Step[]; before?: () => void };
  /** Whether the figures meet the goal. */
  met: (a: Sample, b: Sample) => boolean;
}

async function main(): Promise<void> {
  await ensureCliBuilt();
  const sandbox = await startSandbox(join(root, 'sandbox', 'scenarios', 'healthy.yaml'));
  const work = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  try {
    const cacheHome = join(work, 'cache');
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...sandbox.env, XDG_CACHE_HOME: cacheHome, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    const profiles = (sandbox.world.scenario.profiles ?? []).map((p) => p.name);
    const token: Step = { cmd: BIN, args: ['token', '--profile', 'default', '--cluster', 'payments-prod'] };
    // What kubectl runs with the kubeconfig entry of `update-kubeconfig --use-app-token`.
    const helperToken: Step = { cmd: process.execPath, args: [TOKEN_HELPER, ...token.args] };
    const realAws = awsBehindShim();
    const awsToken: Step = { cmd: 'aws', args: ['--profile', 'default', 'eks', 'get-token', '--cluster-name', 'payments-prod', '--output', 'json'] };

    // Two kubeconfigs for the same cluster: the aws CLI's entry, and the app's (--use-app-token).
    const awsKubeconfig = join(work, 'kubeconfig-aws');
    const appKubeconfig = join(work, 'kubeconfig-app');
    for (const [file, extra] of [[awsKubeconfig, []], [appKubeconfig, ['--use-app-token']]] as const) {
      await once({ cmd: BIN, args: ['update-kubeconfig', '--profile', 'default', '--cluster', 'payments-prod', '--kubeconfig', file, ...extra] }, env);
    }
    await once({ cmd: 'kubectl', args: ['--kubeconfig', appKubeconfig, 'get', 'svc'] }, env); // warms the token cache
    const noCache = (step: Step): Step => ({ ...step, args: [...step.args, '--no-cache'] });
    const baseline = process.env.BENCH_BASELINE;

    const pairs: Pair[] = [
      ...(baseline
        ? [
            {
              name: `\`token\` (no cache): this tree vs ${baseline}`,
              goal: '(before/after)',
              a: { label: 'token --no-cache (this tree)', steps: [noCache(token)] },
              b: { label: 'token --no-cache (baseline)', steps: [noCache({ ...token, cmd: baselineBin(baseline) })] },
              met: () => true,
            },
            {
              name: `\`token\` (no cache) as the \`--use-app-token\` entry runs it: this tree vs ${baseline}`,
              goal: '(before/after)',
              a: { label: 'token-helper --no-cache (this tree)', steps: [noCache(helperToken)] },
              b: { label: 'token-helper --no-cache (baseline)', steps: [noCache({ ...helperToken, args: [join(baseline, 'bin', 'token-helper.cjs'), ...token.args] })] },
              met: () => true,
            },
            {
              name: `\`token\` (cache hit) as the \`--use-app-token\` entry runs it: this tree vs ${baseline}`,
              goal: '(before/after)',
              a: { label: 'token-helper (this tree)', steps: [helperToken] },
              b: { label: 'token-helper (baseline)', steps: [{ ...helperToken, args: [join(baseline, 'bin', 'token-helper.cjs'), ...token.args] }] },
              met: () => true,
            },
          ]
        : []),
      {
        name: '`token` (no cache) vs `aws eks get-token`',
        goal: '≥ 5× faster, less memory',
        a: { label: 'token --no-cache', steps: [{ ...token, args: [...token.args, '--no-cache'] }] },
        b: { label: 'aws eks get-token', steps: [awsToken] },
        met: (a, b) => b.ms / a.ms >= 5 && a.rssMb < b.rssMb,
      },
      {
        name: '`token` (cache hit) vs `aws eks get-token`',
        goal: '≥ 10× faster',
        a: { label: 'token (cached)', steps: [token] },
        b: { label: 'aws eks get-token', steps: [awsToken] },
        met: (a, b) => b.ms / a.ms >= 10,
      },
      {
        name: '`token` (cache hit) as the `--use-app-token` entry runs it (`node bin/token-helper.cjs token …`) vs `aws eks get-token`',
        goal: '≥ 10× faster',
        a: { label: 'token-helper (cached)', steps: [helperToken] },
        b: { label: 'aws eks get-token', steps: [awsToken] },
        met: (a, b) => b.ms / a.ms >= 10,
      },
      {
        name: '`node -e 0` (Node\'s own start: the floor of any command here) vs `aws eks get-token`',
        goal: '(for reference)',
        a: { label: 'node -e 0', steps: [{ cmd: process.execPath, args: ['-e', '0'] }] },
        b: { label: 'aws eks get-token', steps: [awsToken] },
        met: () => true,
      },
      ...(realAws
        ? [
            {
              name: '`token` (no cache) vs `aws eks get-token` run without its pyenv shim',
              goal: '(for comparison)',
              a: { label: 'token --no-cache', steps: [{ ...token, args: [...token.args, '--no-cache'] }] },
              b: { label: 'aws eks get-token (no shim)', steps: [{ ...awsToken, cmd: realAws }] },
              met: (a: Sample, b: Sample) => b.ms / a.ms >= 5 && a.rssMb < b.rssMb,
            },
            {
              name: '`token` (no cache) as the `--use-app-token` entry runs it vs `aws eks get-token` run without its pyenv shim',
              goal: '(for comparison)',
              a: { label: 'token-helper --no-cache', steps: [noCache(helperToken)] },
              b: { label: 'aws eks get-token (no shim)', steps: [{ ...awsToken, cmd: realAws }] },
              met: (a: Sample, b: Sample) => b.ms / a.ms >= 5 && a.rssMb < b.rssMb,
            },
            {
              name: '`token` (cache hit) as the `--use-app-token` entry runs it vs `aws eks get-token` run without its pyenv shim',
              goal: '(for comparison)',
              a: { label: 'token-helper (cached)', steps: [helperToken] },
              b: { label: 'aws eks get-token (no shim)', steps: [{ ...awsToken, cmd: realAws }] },
              met: (a: Sample, b: Sample) => b.ms / a.ms >= 10,
            },
            {
              name: '`token` (cache hit) vs `aws eks get-token` run without its pyenv shim',
              goal: '(for comparison)',
              a: { label: 'token (cached)', steps: [token] },
              b: { label: 'aws eks get-token (no shim)', steps: [{ ...awsToken, cmd: realAws }] },
              met: (a: Sample, b: Sample) => b.ms / a.ms >= 10,
            },
          ]
        : []),
      {
        name: '`--help` vs `node -e 0`',
        goal: '≤ 3×',
        a: { label: '--help', steps: [{ cmd: BIN, args: ['--help'] }] },
        b: { label: 'node -e 0', steps: [{ cmd: process.execPath, args: ['-e', '0'] }] },
        met: (a, b) => a.ms / b.ms <= 3,
      },
      {
        name: `\`profiles --json\` (${profiles.length} profiles) vs \`aws sts get-caller-identity\` once per profile`,
        goal: '≥ 4× faster',
        a: { label: 'profiles --json', steps: [{ cmd: BIN, args: ['profiles', '--json'] }] },
        b: { label: `aws sts get-caller-identity × ${profiles.length}`, steps: profiles.map((p) => ({ cmd: 'aws', args: ['--profile', p, 'sts', 'get-caller-identity'] })) },
        met: (a, b) => b.ms / a.ms >= 4,
      },
      {
        name: '`diagnose` of one cell vs the manual evidence',
        goal: '≥ 2× faster, < 150 MB',
        a: { label: 'diagnose', steps: [{ cmd: BIN, args: ['diagnose', '--profile', 'bob', '--cluster', 'payments-prod', '--json'] }] },
        b: {
          label: 'aws sts get-caller-identity + aws eks describe-cluster + kubectl get svc',
          steps: [
            { cmd: 'aws', args: ['--profile', 'bob', 'sts', 'get-caller-identity'] },
            { cmd: 'aws', args: ['--profile', 'bob', 'eks', 'describe-cluster', '--name', 'payments-prod'] },
            { cmd: 'kubectl', args: ['--kubeconfig', awsKubeconfig, 'get', 'svc'] },
          ],
        },
        met: (a, b) => b.ms / a.ms >= 2 && a.rssMb < 150,
      },
      {
        name: '`kubectl get svc`: the `--use-app-token` entry (warm cache) vs the aws CLI\'s entry',
        goal: '≥ 3× faster',
        a: { label: 'kubectl (app token)', steps: [{ cmd: 'kubectl', args: ['--kubeconfig', appKubeconfig, 'get', 'svc'] }] },
        b: { label: 'kubectl (aws eks get-token)', steps: [{ cmd: 'kubectl', args: ['--kubeconfig', awsKubeconfig, 'get', 'svc'] }] },
        met: (a, b) => b.ms / a.ms >= 3,
      },
    ];

    console.log(`bench:cli — ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ${RUNS} runs per side, alternating`);
    if (realAws) console.log(`\`aws\` on the PATH is a pyenv shim; the rows "without its pyenv shim" run ${realAws} directly`);
    console.log('| pair | A median | B median | ratio (B/A) | A CPU | B CPU | CPU ratio | A peak RSS | B peak RSS | goal | met |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    // BENCH_ONLY=<regular expression> runs only the pairs whose name matches it.
    const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
    for (const pair of pairs.filter((p) => !only || only.test(p.name))) {
      const a: Sample[] = [];
      const b: Sample[] = [];
      await side(pair.a.steps, env); // first run of each side warms file caches, not counted
      await side(pair.b.steps, env);
      for (let i = 0; i < RUNS; i++) {
        a.push(await side(pair.a.steps, env, pair.a.before));
        b.push(await side(pair.b.steps, env, pair.b.before));
      }
      const med = (xs: Sample[]): Sample => ({ ms: median(xs.map((s) => s.ms)), cpuMs: median(xs.map((s) => s.cpuMs)), rssMb: median(xs.map((s) => s.rssMb)) });
      const am = med(a);
      const bm = med(b);
      const times = (r: number) => (r >= 1 ? `${r.toFixed(2)}×` : `1/${(1 / r).toFixed(2)}×`);
      console.log(
        `| ${pair.name} | ${am.ms.toFixed(0)} ms | ${bm.ms.toFixed(0)} ms | ${times(bm.ms / am.ms)} | ${am.cpuMs.toFixed(0)} ms | ${bm.cpuMs.toFixed(0)} ms | ${times(bm.cpuMs / Math.max(am.cpuMs, 1))} | ${am.rssMb.toFixed(0)} MB | ${bm.rssMb.toFixed(0)} MB | ${pair.goal} | ${pair.met(am, bm) ? 'yes' : 'no'} |`,
      );
    }
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await sandbox.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`error: ${err.message}`);
    process.exit(1);
  },
);
