import type { EventChannel, RequestChannel } from '../../../shared/ipc/channels.ts';
import type { EventOf, RequestOf, ResponseOf } from '../../../shared/ipc/contract.ts';
import type { HotlineBridge } from '../../../shared/ipc/bridge.ts';
import type { ErrorCode, FieldIssue, IpcError } from '../../../shared/ipc/errors.ts';

// The renderer's typed view of the contract: unwraps the result envelope into a value or an
// IpcCallError carrying the code (translated by the UI as `errors.<code>`).

declare global {
  interface Window {
    hotline?: HotlineBridge;
  }
}

export class IpcCallError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'IpcCallError';
    this.code = error.code;
    this.issues = error.issues ?? [];
  }
}

function bridge(): HotlineBridge {
  if (!window.hotline)
    throw new IpcCallError({ code: 'DISCONNECTED', message: 'No connection to Hotline core' });
  return window.hotline;
}

export async function invoke<C extends RequestChannel>(
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const result = await bridge().invoke(channel, request);
  if (!result.ok) throw new IpcCallError(result.error);
  return result.value as ResponseOf<C>;
}

export function subscribe<C extends EventChannel>(
  channel: C,
  listener: (payload: EventOf<C>) => void,
): () => void {
  return bridge().on(channel, (payload) => listener(payload as EventOf<C>));
}
