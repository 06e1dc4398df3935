import { defineConfig } from 'vitest/config';
import { SlowestFirst } from './test/setup/slowest-first.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/build-cli.ts', 'test/setup/aws-without-shim.ts'],
    setupFiles: ['test/setup/every-test-asserts.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    sequence: { sequencer: SlowestFirst },
    pool: 'forks',
    // Most test time is spent waiting on real clients (aws, kubectl, Chromium) and sandboxes: two files at once even on 2 cores.
    maxWorkers: 2,
  },
});
