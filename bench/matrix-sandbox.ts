// The sandbox as its own process (as `npm run sandbox` runs it), so the app and the sandbox each get a core.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function parseEnvFile(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^export ([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) env[m[1]!] = m[2]!.replace(/^'(.*)'$/, '$1');
  }
  return env;
}

export interface SandboxProcess {
  env: Record<string, string>;
  envFile: string;
  pid: number;
  /** CPU time the sandbox process has used so far (Linux /proc; 0 elsewhere). */
  cpuMs(): number;
  stop(): Promise<void>;
}

export async function startSandboxProcess(scenarioFile: string, stateDir: string): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--scenario', scenarioFile, '--state-dir', stateDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the sandbox did not start within 120 s')), 120_000);
    child.stdout.on('data', (d: Buffer) => {
      if (String(d).includes('sandbox ready:')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  const envFile = path.join(stateDir, 'env');
  return {
    env: parseEnvFile(envFile),
    envFile,
    pid: child.pid!,
    cpuMs: () => {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
      } catch {
        return 0;
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** PATH and locale from this process; none of this machine's AWS_*, KUBECONFIG or HOME. */
export function isolatedEnv(sandboxEnv: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('AWS_') || k === 'KUBECONFIG' || k === 'HOME' || k.startsWith('npm_')) continue;
    env[k] = v;
  }
  return { ...env, AWS_EC2_METADATA_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...sandboxEnv };
}
