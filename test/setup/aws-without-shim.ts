// Where `aws` on PATH is a pyenv shim, every call pays for pyenv choosing a Python first (~0.3 s, and kubectl runs
// the exec plugin up to five times per refused command). The tests run the same aws program without the shim by
// putting the folder pyenv resolves to ahead on PATH; the child processes of every test file inherit it.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';

function firstOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return path.join(dir, command);
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

export default function setup(): void {
  const aws = firstOnPath('aws');
  if (!aws || !readFileSync(aws, 'utf8').includes('pyenv')) return;
  try {
    const real = execFileSync('pyenv', ['which', 'aws'], { encoding: 'utf8', timeout: 10_000 }).trim();
    if (real) process.env.PATH = `${path.dirname(real)}${path.delimiter}${process.env.PATH}`;
  } catch {
    // pyenv cannot say: the shim stays, only slower
  }
}
