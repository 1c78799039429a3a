import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE, isEventName, isOpName } from './api/contract';
import type { CounterBridge } from './api/bridge';

/**
 * Exposes window.counter built from the contract: only declared operations can be invoked and only
 * declared events are delivered; ipcRenderer itself never reaches the page.
 */
const bridge: CounterBridge = {
  invoke: (name, args) => {
    if (!isOpName(name))
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_OPERATION', message: `No operation named "${name}".` },
      });
    return ipcRenderer.invoke(IPC_INVOKE, name, args);
  },
  on: (name, fn) => {
    const listener = (_e: IpcRendererEvent, event: string, payload: unknown) => {
      if (event === name && isEventName(event)) fn(payload);
    };
    ipcRenderer.on(IPC_EVENT, listener);
    return () => ipcRenderer.off(IPC_EVENT, listener);
  },
};

contextBridge.exposeInMainWorld('counter', bridge);
