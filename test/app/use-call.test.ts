// useCall's logic (renderer/src/call-runner.ts), without a browser: a newer run supersedes an older one, whose
// result or error is dropped — not shown, and not returned to the caller — so a profiles list loaded earlier but
// answered later never replaces the newer list (useProfiles sets its list from what `run` returns).
import { describe, expect, it } from 'vitest';
import { CallRunner, type CallSettings, type CallState } from '../../renderer/src/call-runner.js';

/** A call answered by hand: each run waits until the test resolves or rejects it. */
function handCall() {
  const pending: Array<{ arg: string; resolve: (v: string) => void; reject: (e: Error) => void }> = [];
  const fn = (arg: string) => new Promise<string>((resolve, reject) => pending.push({ arg, resolve, reject }));
  return { fn, pending };
}

function runnerOf(settings: CallSettings<[string], string>) {
  const box: { state: CallState<string> } = { state: { running: false } };
  const runner = new CallRunner<[string], string>(() => settings, (next) => (box.state = next(box.state)));
  return { runner, box };
}

describe('a call run again before the last run answered', () => {
  it('the older run answering last changes nothing, and its caller gets nothing to apply', async () => {
    const call = handCall();
    const { runner, box } = runnerOf({ fn: call.fn, keepResultOnError: false });
    // useProfiles: each load sets the list from what its run returns.
    let list: string | undefined;
    const load = async (which: string) => {
      const result = await runner.run(which);
      if (result) list = result;
    };
    const older = load('refresh 1');
    const newer = load('refresh 2');
    expect(box.state.running).toBe(true);
    call.pending[1]!.resolve('list 2');
    await newer;
    expect(box.state).toEqual({ running: false, result: 'list 2' });
    call.pending[0]!.resolve('list 1');
    await older;
    expect(list).toBe('list 2');
    expect(box.state).toEqual({ running: false, result: 'list 2' });
  });

  it("the older run's failure is dropped too; the newer run's failure shows, keeping the list only when asked", async () => {
    for (const keepResultOnError of [false, true]) {
      const call = handCall();
      const { runner, box } = runnerOf({ fn: call.fn, keepResultOnError });
      const first = runner.run('a');
      call.pending[0]!.resolve('list a');
      expect(await first).toBe('list a');
      const older = runner.run('b');
      const newer = runner.run('c');
      call.pending[1]!.reject(new Error('older failed'));
      expect(await older).toBeUndefined();
      expect(box.state).toEqual({ running: true, result: 'list a' });
      call.pending[2]!.reject(new Error('newer failed'));
      expect(await newer).toBeUndefined();
      expect(box.state).toEqual({ running: false, error: expect.objectContaining({ message: 'newer failed' }), ...(keepResultOnError ? { result: 'list a' } : {}) });
    }
  });

  it('reset forgets the result, and a run still in flight no longer reports', async () => {
    const call = handCall();
    const { runner, box } = runnerOf({ fn: call.fn, keepResultOnError: false });
    const run = runner.run('a');
    runner.reset();
    call.pending[0]!.resolve('late');
    expect(await run).toBeUndefined();
    expect(box.state).toEqual({ running: false });
  });
});
