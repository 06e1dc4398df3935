import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/app-context.js';
import { bindIpc, forwardEvents, isRendererUrl, type IpcMainLike } from '../../electron/ipc.js';
import { channelNames, IPC_CALL_PREFIX, IPC_EVENT } from '../../shared/contract.js';
import { tempAwsHome } from './support.js';

/** Stand-in for Electron's ipcMain (Electron cannot run here): records handlers, lets the test invoke them. */
class StandInIpcMain {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: unknown, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, senderUrl: string | undefined, request: unknown): Promise<unknown> {
    const h = this.handlers.get(IPC_CALL_PREFIX + channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    const event = { senderFrame: senderUrl === undefined ? null : { url: senderUrl } };
    return Promise.resolve(h(event, request));
  }
}

const { env } = tempAwsHome({ config: '[profile a]\nregion = us-east-1\n[profile b]\nregion = eu-west-1\n' });
const context = createAppContext({ env, mode: 'electron', profilesDeps: { checkTimeoutMs: 2000 } });

describe('ipc.ts', () => {
  const ipc = new StandInIpcMain();
  const unbind = bindIpc(ipc as unknown as IpcMainLike, context.handlers, isRendererUrl);

  it('binds one handler per contract channel', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(channelNames.map((n) => IPC_CALL_PREFIX + n).sort());
  });

  it('answers our renderer', async () => {
    expect(await ipc.invoke('profiles.setActive', 'app://renderer/index.html', { name: 'b' })).toMatchObject({ ok: true, result: { name: 'b' } });
    expect(await ipc.invoke('profiles.active', 'app://renderer/index.html#/x', {})).toMatchObject({ ok: true, result: { name: 'b' } });
  });

  it('refuses other senders before touching the handler', async () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'http://127.0.0.1:3000/', '', undefined]) {
      const result = await ipc.invoke('profiles.setActive', url, { name: 'a' });
      expect(result, String(url)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
    expect(await ipc.invoke('profiles.active', 'app://renderer/index.html', {})).toMatchObject({ result: { name: 'b' } });
  });

  it('validates arguments with the contract', async () => {
    const result = await ipc.invoke('profiles.setActive', 'app://renderer/index.html', { name: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringContaining('name') } });
  });

  it('forwards contract events to the window and unbinds cleanly', () => {
    const sent: unknown[] = [];
    const stop = forwardEvents(context.events, { send: (channel: string, msg: unknown) => sent.push([channel, msg]), isDestroyed: () => false } as never);
    context.events.emit('sso.completed', { flowId: 'f', profile: 'a', state: 'expired' });
    stop();
    context.events.emit('sso.completed', { flowId: 'g', profile: 'a', state: 'expired' });
    expect(sent).toEqual([[IPC_EVENT, { name: 'sso.completed', payload: { flowId: 'f', profile: 'a', state: 'expired' } }]]);
    unbind();
    expect(ipc.handlers.size).toBe(0);
  });
});
