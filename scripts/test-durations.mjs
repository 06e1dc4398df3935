// Writes test/setup/durations.json from the last full run's report (test-artifacts/vitest.json, written by
// setup/test.sh): the seconds each test file took, which the test order (test/setup/slowest-first.ts) reads.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const report = JSON.parse(readFileSync(path.join(root, 'test-artifacts/vitest.json'), 'utf8'));
const seconds = (f) => Math.round((f.endTime - f.startTime) / 1000);
const out = {};
for (const f of [...report.testResults].sort((a, b) => seconds(b) - seconds(a))) out[path.relative(root, f.name)] = seconds(f);
writeFileSync(path.join(root, 'test/setup/durations.json'), `${JSON.stringify(out, null, 1)}\n`);
console.log(`test/setup/durations.json: ${Object.keys(out).length} files`);
