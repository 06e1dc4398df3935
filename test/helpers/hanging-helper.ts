// A helper program that never answers, the way a stuck credential_process or exec plugin does: an `sh` script that
// starts a child `sleep` in the background, records both pids, then sleeps itself. And a look at /proc to tell
// whether any process of a group is still alive (a zombie waiting for its parent counts as gone: it runs nothing).
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface HangingHelper {
  dir: string;
  script: string;
  /** The file the script adds "<its pid> <its sleep child's pid>" to each time it starts. */
  pidFile: string;
}

export function hangingHelper(name = 'stuck-helper.sh'): HangingHelper {
  const dir = mkdtempSync(path.join(tmpdir(), 'ead-hang-'));
  const script = path.join(dir, name);
  const pidFile = path.join(dir, 'pids');
  writeFileSync(script, `#!/bin/sh\nsleep 600 &\necho "$$ $!" >> '${pidFile}'\nsleep 600\n`);
  chmodSync(script, 0o755);
  return { dir, script, pidFile };
}

/** Every start of the helper: [the script's pid (its group), its background sleep's pid]. */
export function helperRuns(h: HangingHelper): [number, number][] {
  if (!existsSync(h.pidFile)) return [];
  return readFileSync(h.pidFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' ').map(Number) as [number, number])
    .filter(([a, b]) => a > 0 && b > 0);
}

/** The first start's pids: the script's and its background sleep's. */
export function helperPids(h: HangingHelper): number[] {
  return helperRuns(h)[0] ?? [];
}

function stat(pid: number): { state: string; pgrp: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so read after the last ")".
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: rest[0]!, pgrp: Number(rest[2]) };
  } catch {
    return undefined;
  }
}

export function isRunning(pid: number): boolean {
  const s = stat(pid);
  return Boolean(s && s.state !== 'Z' && s.state !== 'X');
}

/** Pids of the processes of group `pgid` that still run. */
export function runningInGroup(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(Number(entry));
    if (s && s.pgrp === pgid && s.state !== 'Z' && s.state !== 'X') pids.push(Number(entry));
  }
  return pids;
}

export async function waitFor(check: () => boolean, ms = 5000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

/**
 * Nothing of any start of the helper runs: not the script, not its background sleep, nor anything else in the
 * script's group (its foreground sleep). Checked by pid too, since a script that was not made a group leader has
 * no group of its own to look at.
 */
export function helperGone(h: HangingHelper): Promise<boolean> {
  return waitFor(() => {
    const runs = helperRuns(h);
    return runs.length > 0 && runs.every(([script, sleep]) => !isRunning(script) && !isRunning(sleep) && runningInGroup(script).length === 0);
  });
}
