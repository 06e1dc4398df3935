// The scan's warm-up at launch (matrix/warm-up.ts) runs the scan's AWS calls and tokens without sending anything
// and without reading anyone's credentials; the service stops it when a scan starts.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScanAwsClients } from '../../electron/clusters/aws-clients.js';
import type { MatrixScan } from '../../electron/matrix/engine.js';
import { MatrixService } from '../../electron/matrix/service.js';
import { warmScanCode } from '../../electron/matrix/warm-up.js';

describe('the scan warm-up at launch', () => {
  let server: Server;
  let connections = 0;
  let home: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    home = mkdtempSync(join(tmpdir(), 'warm-up-'));
    const { port } = server.address() as { port: number };
    // Every AWS endpoint is this server; no credentials anywhere (a warm-up that looked for some would find none).
    env = { HOME: home, AWS_ENDPOINT_URL: `https://127.0.0.1:${port}`, AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'), AWS_EC2_METADATA_DISABLED: 'true' };
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(home, { recursive: true, force: true });
  });

  it('sends nothing to the endpoints the scan would call; a real call through the same clients would', async () => {
    expect(await warmScanCode(env, { rounds: 2 })).toBe(2);
    expect(connections).toBe(0);
    const sts = createScanAwsClients(env, { maxAttempts: 1, requestTimeoutMs: 5000 }).sts('us-east-1', { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toThrow();
    expect(connections).toBe(1);
  });

  it('the service stops its warm-up when a scan starts, and does not warm up once one has', async () => {
    const service = new MatrixService({
      env,
      emit: () => {},
      startScan: () => ({ on: () => {}, done: new Promise(() => {}), close: () => {} }) as unknown as MatrixScan,
    });
    const warming = service.warmUp();
    await service.start({});
    expect(await warming).toBe(1);
    expect(await service.warmUp()).toBe(0);
    expect(connections).toBe(1);
  });
});
