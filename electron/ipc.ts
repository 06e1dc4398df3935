import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channelNames, IPC_CALL_PREFIX, IPC_EVENT } from '../shared/contract.js';
import type { Envelope } from '../shared/contract-kit.js';
import { dispatch, errorEnvelope, type Handlers } from './dispatch.js';
import type { EventHub } from './events.js';

/** The part of ipcMain we use; a stand-in implements it in tests (Electron cannot run there). */
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

/**
 * Binds every contract channel to ipcMain. Each call is accepted only from a frame showing our
 * renderer (event.senderFrame URL) and only with a request that passes the channel's schema.
 */
export function bindIpc(ipcMain: IpcMainLike, handlers: Handlers, isTrustedUrl: (url: string) => boolean): () => void {
  for (const name of channelNames) {
    ipcMain.handle(IPC_CALL_PREFIX + name, async (event: IpcMainInvokeEvent, request: unknown): Promise<Envelope<unknown>> => {
      const url = event.senderFrame?.url;
      if (!url || !isTrustedUrl(url)) {
        return errorEnvelope('FORBIDDEN_SENDER', `calls to ${name} are accepted only from the app's own pages`);
      }
      return dispatch(handlers, name, request);
    });
  }
  return () => {
    for (const name of channelNames) ipcMain.removeHandler(IPC_CALL_PREFIX + name);
  };
}

/** Sends contract events to one window. */
export function forwardEvents(events: EventHub, contents: Pick<WebContents, 'send' | 'isDestroyed'>): () => void {
  return events.subscribe((name, payload) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT, { name, payload });
  });
}

export function isRendererUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === 'renderer';
  } catch {
    return false;
  }
}
