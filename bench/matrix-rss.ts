// Child process of bench/matrix.ts: runs the `matrix` command once against a sandbox's env file and prints
// {elapsedMs, cells, maxRssMb} — the peak memory of a process that does nothing but the scan.
//   node --import tsx bench/matrix-rss.ts <env-file> [matrix flags...]
import { parseEnvFile, isolatedEnv } from './matrix-sandbox.js';
import { runMatrix } from '../electron/cli/matrix.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const [envFile, ...flags] = process.argv.slice(2);
if (!envFile) {
  process.stderr.write('usage: matrix-rss <env-file> [matrix flags]\n');
  process.exit(2);
}
// Where the memory is, at its peak: V8 heap, external (Buffers, TLS), array buffers.
const peak = { heapUsedMb: 0, externalMb: 0, rssMb: 0 };
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peak.heapUsedMb = Math.max(peak.heapUsedMb, Math.round(m.heapUsed / 1048576));
  peak.externalMb = Math.max(peak.externalMb, Math.round(m.external / 1048576));
  peak.rssMb = Math.max(peak.rssMb, Math.round(m.rss / 1048576));
}, 250);
const started = performance.now();
let probeThread = '';
const r = await runMatrix(['--json', ...flags], {
  env: isolatedEnv(parseEnvFile(envFile)),
  onScan: (scan) => void scan.done.then(() => (probeThread = scan.snapshot().stats.probeThread), () => {}),
});
const elapsedMs = performance.now() - started;
clearInterval(sampler);
if (r.exitCode !== 0) {
  process.stderr.write(r.stderr);
  process.exit(r.exitCode);
}
const out = JSON.parse(r.stdout) as { cells: { outcome: string }[]; clusters: unknown[]; profiles: unknown[] };
const outcomes: Record<string, number> = {};
for (const c of out.cells) outcomes[c.outcome] = (outcomes[c.outcome] ?? 0) + 1;
process.stdout.write(
  JSON.stringify({
    elapsedMs: Math.round(elapsedMs),
    profiles: out.profiles.length,
    clusters: out.clusters.length,
    cells: out.cells.length,
    outcomes,
    probeThread,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    sampledPeak: peak,
  }) + '\n',
);
