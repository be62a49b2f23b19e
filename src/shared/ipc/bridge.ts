import type { EventChannel, RequestChannel } from './channels.ts';
import type { IpcResult } from './errors.ts';

// The shape of `window.hotline`: what the preload exposes in Electron and the browser shim provides
// in the harness. Deliberately untyped per channel here (`unknown`): the renderer's lib/ipc.ts adds
// the types, and main validates every payload anyway.
export interface HotlineBridge {
  invoke(channel: RequestChannel, request: unknown): Promise<IpcResult<unknown>>;
  on(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}
