// TLS handshakes of the app's first scans after its launch, counted where they are accepted — the sandbox runs in
// this process — full or resumed, AWS endpoint apart from the clusters: the 20 × 40 scenario, the app launched as
// `npm start` launches it (bench/matrix.ts --after-launch), then 3 scans. Counts, not times: they hold on a busy
// machine too (how many new connections a scan needs still depends a little on timing).
//   npx tsx bench/matrix-handshakes.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Server, type TLSSocket } from 'node:tls';
import { stringify } from 'yaml';
import { generateScenarioInput } from './gen-scenario.js';
import { isolatedEnv } from './matrix-sandbox.js';
import { startSandbox } from '../sandbox/index.js';
import type { EventPayload } from '../shared/contract.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const zero = () => ({ awsFull: 0, awsResumed: 0, clusterFull: 0, clusterResumed: 0 });
let counts = zero();
let awsPort = -1;
// Every HTTPS server of the sandbox is a tls.Server: its 'secureConnection' is each completed handshake.
const emit = Server.prototype.emit;
Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
  if (event === 'secureConnection') {
    const socket = args[0] as TLSSocket;
    const resumed = socket.isSessionReused();
    if (socket.localPort === awsPort) counts[resumed ? 'awsResumed' : 'awsFull']++;
    else counts[resumed ? 'clusterResumed' : 'clusterFull']++;
  }
  return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
} as typeof emit;

const work = mkdtempSync(path.join(tmpdir(), 'bench-handshakes-'));
const input = generateScenarioInput({ profiles: 20, clusters: 40, regions: 4, latencyMs: 50 });
const file = path.join(work, 'matrix-20x40.yaml');
writeFileSync(file, stringify(input, { lineWidth: 0 }));
const sandbox = await startSandbox(file, { stateDir: path.join(work, 'state') });
try {
  const env = isolatedEnv(sandbox.env);
  awsPort = Number(new URL(env.AWS_ENDPOINT_URL!).port);
  const [{ createAppContext }, { warmKubeWorker }, { kubeWorkerScript }] = await Promise.all([
    import('../electron/app-context.js'), import('../electron/probe/kube-worker-pool.js'), import('../electron/probe/kube-worker-script.js'),
  ]);
  const context = createAppContext({ env, mode: 'browser' });
  const idle = context.loadRoomsAfterFirstList(() => warmKubeWorker(kubeWorkerScript));
  await context.handlers['profiles.list']({});
  await idle;
  console.log(`launch (every profile checked): ${JSON.stringify(counts)}`);
  await new Promise((r) => setTimeout(r, 1000));
  for (let i = 1; i <= 3; i++) {
    counts = zero();
    let unsubscribe = () => {};
    const ended = new Promise<void>((resolve) => {
      unsubscribe = context.events.subscribe((name, payload) => {
        if (name === 'matrix.event' && (payload as EventPayload<'matrix.event'>).event.type === 'done') resolve();
      });
    });
    await context.handlers['matrix.start']({});
    await ended;
    unsubscribe();
    console.log(`scan ${i}${i === 1 ? ' (the process\'s first)' : ''}: ${JSON.stringify(counts)}`);
  }
  context.close();
} finally {
  await sandbox.stop();
  rmSync(work, { recursive: true, force: true });
}
process.exit(0);
