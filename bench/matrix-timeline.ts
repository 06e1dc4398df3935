// When the cells of a 20 × 40 scan arrive (first/last profile, clusters, cells), to see where the time goes.
//   npx tsx bench/matrix-timeline.ts [latencyMs] [settings JSON]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { generateScenarioInput } from './gen-scenario.js';
import { isolatedEnv, startSandboxProcess } from './matrix-sandbox.js';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { MatrixScan } from '../electron/matrix/engine.js';
process.chdir(fileURLToPath(new URL('..', import.meta.url))); // the repository: the sandbox's paths are relative to it
const work = mkdtempSync(path.join(tmpdir(), 'tl-'));
const input = generateScenarioInput({ profiles: 20, clusters: 40, regions: 4, latencyMs: Number(process.argv[2] ?? 50) });
const file = path.join(work, 's.yaml'); writeFileSync(file, stringify(input, { lineWidth: 0 }));
const sb = await startSandboxProcess(file, path.join(work, 'state'));
const settings = JSON.parse(process.argv[3] ?? '{}');
for (let i = 0; i < 2; i++) {
  const scan = new MatrixScan(settings, { env: isolatedEnv(sb.env) });
  const elu0 = performance.eventLoopUtilization();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const sbCpu0 = sb.cpuMs();
  const marks: string[] = [];
  let cells = 0, clusters = 0, profiles = 0;
  scan.on('event', (e) => {
    const t = Math.round(performance.now() - t0);
    if (e.type === 'profile') { profiles++; if (profiles === 1 || profiles === 20) marks.push(`${t} profile#${profiles} ${e.profile.status}`); }
    if (e.type === 'cluster') { clusters++; if ([1, 10, 20, 30, 40].includes(clusters)) marks.push(`${t} cluster#${clusters}`); }
    if (e.type === 'cell') { cells++; if ([1, 100, 200, 400, 600, 700, 800].includes(cells)) marks.push(`${t} cell#${cells}`); }
  });
  const m = await scan.done; scan.close();
  const cpu = process.cpuUsage(cpu0);
  lag.disable();
  const ms = m.cells.map((c) => c.ms).sort((a, b) => a - b);
  const elu = performance.eventLoopUtilization(elu0);
  console.log(`main-thread event-loop utilisation ${(elu.utilization * 100).toFixed(0)}% (busy ${Math.round(elu.active)} ms)`);
  console.log(`event-loop delay p50 ${(lag.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms, max ${(lag.max / 1e6).toFixed(1)} ms; cell ms p50 ${ms[ms.length >> 1]} p90 ${ms[Math.floor(ms.length * 0.9)]} max ${ms.at(-1)}`);
  console.log(Math.round(performance.now() - t0), 'ms', `cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms, sandbox cpu ${Math.round(sb.cpuMs() - sbCpu0)} ms`, marks.join(' | '), JSON.stringify(m.stats));
}
await sb.stop();
