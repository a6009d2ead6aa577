/**
 * The sandboxed preload: exposes one `window.api` built from the shared contract
 * over Electron IPC, and nothing else (no Node, no ipcRenderer, no generic send).
 */
import { contextBridge } from 'electron';
import { createApi } from '../shared/api.ts';
import { createIpcRendererTransport } from './ipc.ts';

contextBridge.exposeInMainWorld('api', createApi(createIpcRendererTransport()));
