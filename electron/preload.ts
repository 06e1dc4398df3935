import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from '../shared/client.js';
import { IPC_CALL_PREFIX, IPC_EVENT, type EventName } from '../shared/contract.js';
import type { Envelope } from '../shared/contract-kit.js';

// One typed function per contract channel, and `on` for events. Nothing else reaches the page.
const api = createApi(
  (channel, request) => ipcRenderer.invoke(IPC_CALL_PREFIX + channel, request) as Promise<Envelope<unknown>>,
  (listener) => {
    const handler = (_event: unknown, message: { name: EventName; payload: unknown }) => listener(message.name, message.payload);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
);

contextBridge.exposeInMainWorld('api', api);
