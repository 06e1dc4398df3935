// Every child the app starts leads its own process group (a tree on Windows), and that whole group ends when the
// child times out, is cancelled, or the app exits: a credential helper's `sleep` or a plugin's subprocess must not
// outlive the call that started it.
import { spawn, spawnSync } from 'node:child_process';

const live = new Set<number>();
let hooked = false;

/** Ends the group (POSIX) or tree (Windows) led by `pid`; quiet when it is already gone. */
export function killGroup(pid: number, opts: { sync?: boolean; platform?: NodeJS.Platform } = {}): void {
  if ((opts.platform ?? process.platform) === 'win32') {
    // No process groups on Windows: taskkill walks the tree of child processes instead. At exit it must finish
    // before the app does; otherwise it must not hold up the event loop.
    const args = ['/PID', String(pid), '/T', '/F'];
    if (opts.sync) spawnSync('taskkill', args, { stdio: 'ignore', windowsHide: true, timeout: 5000 });
    else spawn('taskkill', args, { stdio: 'ignore', windowsHide: true }).on('error', () => undefined);
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Remembers a running group so that it ends with the app; returns the function that forgets it. */
export function trackGroup(pid: number): () => void {
  hookExit();
  live.add(pid);
  return () => void live.delete(pid);
}

/** The groups still running (tests). */
export function liveGroups(): number[] {
  return [...live];
}

export function killAllGroups(): void {
  for (const pid of live) killGroup(pid, { sync: true });
  live.clear();
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAllGroups);
  // A signal's default action ends Node without the 'exit' event, and a child in its own group does not get the
  // terminal's Ctrl-C: end the groups first, then let the signal do what it would have done.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      killAllGroups();
      if (process.listenerCount(signal) > 1) return;
      process.removeListener(signal, onSignal);
      try {
        process.kill(process.pid, signal);
      } catch {
        // A signal this platform cannot send to itself (Windows): end as that signal would have.
        process.exit(1);
      }
    };
    process.on(signal, onSignal);
  }
}
