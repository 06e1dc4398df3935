import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../../electron/profiles/deps.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** A temp HOME with the given AWS files; env has no inherited AWS_* and an endpoint that refuses connections. */
export function tempAwsHome(files: { config?: string; credentials?: string }, extraEnv: Env = {}): { home: string; env: Env } {
  const home = mkdtempSync(join(tmpdir(), 'ead-home-'));
  mkdirSync(join(home, '.aws'), { recursive: true });
  if (files.config !== undefined) writeFileSync(join(home, '.aws', 'config'), files.config);
  if (files.credentials !== undefined) writeFileSync(join(home, '.aws', 'credentials'), files.credentials);
  return {
    home,
    env: { HOME: home, PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: 'true', AWS_ENDPOINT_URL: 'https://127.0.0.1:9', ...extraEnv },
  };
}

/** The sandbox env applied over a clean base: nothing of this machine's AWS setup leaks in. */
export function sandboxEnv(env: Record<string, string>): Env {
  return { PATH: process.env.PATH, ...env };
}
