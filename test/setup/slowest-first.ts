// The order test files start in. Vitest runs the slowest first when its cache knows their times, but a clean clone
// (CI) has no cache and it falls back to the largest file first: the few long parametrised files, small in bytes,
// then start last and one worker runs alone for minutes. durations.json holds the seconds of the last full run
// (`npm run test:durations` writes it again); a file it does not know yet starts first, as Vitest does.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const durations = JSON.parse(readFileSync(fileURLToPath(new URL('durations.json', import.meta.url)), 'utf8')) as Record<string, number>;

export class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const seconds = (f: TestSpecification) => durations[path.relative(f.project.config.root, f.moduleId).split(path.sep).join('/')] ?? Infinity;
    return [...files].sort((a, b) => seconds(b) - seconds(a));
  }
}
