import type { z } from 'zod';
import { isRequestChannel, type RequestChannel } from '../../../shared/ipc/channels.ts';
import { requestSchemas, type ResponseOf } from '../../../shared/ipc/contract.ts';
import type { IpcError, IpcResult } from '../../../shared/ipc/errors.ts';
import { isAppError } from '../app-error.ts';
import type { Logger } from '../log/logger.ts';

// The main-side half of the contract, independent of Electron: the Electron adapter and the browser
// harness both feed every request through `dispatch`. It checks the sender, parses the payload with
// the channel's schema, calls the handler, checks the response, and always answers with an envelope —
// a thrown error never crosses the boundary.

export interface SenderInfo {
  /** Decided by the transport: a known webContents on our own origin, or a harness client with the token. */
  trusted: boolean;
  /** For logs only. */
  description: string;
}

export type RequestFor<C extends RequestChannel> = z.output<(typeof requestSchemas)[C]['request']>;

export type Handler<C extends RequestChannel> = (
  request: RequestFor<C>,
  sender: SenderInfo,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

export type Handlers = { [C in RequestChannel]: Handler<C> };

export interface IpcRouter {
  dispatch(channel: unknown, payload: unknown, sender: SenderInfo): Promise<IpcResult<unknown>>;
}

/** A channel value for logs; it may be anything a compromised renderer sends. */
function describeChannel(channel: unknown): string {
  return typeof channel === 'string' ? channel.slice(0, 100) : `<${typeof channel}>`;
}

export function createIpcRouter(handlers: Handlers, log: Logger): IpcRouter {
  const fail = (error: IpcError): IpcResult<never> => ({ ok: false, error });

  async function dispatch(
    channel: unknown,
    payload: unknown,
    sender: SenderInfo,
  ): Promise<IpcResult<unknown>> {
    if (!sender.trusted) {
      log.warn('rejected request from an untrusted sender', {
        channel: describeChannel(channel),
        sender: sender.description,
      });
      return fail({ code: 'FORBIDDEN', message: 'The sender is not allowed to use this channel' });
    }
    if (!isRequestChannel(channel)) {
      log.warn('rejected request on an unknown channel', { channel: describeChannel(channel) });
      return fail({ code: 'UNKNOWN_CHANNEL', message: 'Unknown channel' });
    }
    const schemas = requestSchemas[channel];
    const parsed = schemas.request.safeParse(payload ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      }));
      log.warn('rejected a malformed payload', { channel, issues });
      return fail({ code: 'BAD_REQUEST', message: `Malformed payload for ${channel}`, issues });
    }
    try {
      const handler = handlers[channel] as Handler<RequestChannel>;
      const value = await handler(parsed.data as never, sender);
      const checked = schemas.response.safeParse(value);
      if (!checked.success) {
        log.error('handler returned a response that breaks the contract', {
          channel,
          issues: checked.error.issues,
        });
        return fail({ code: 'INTERNAL', message: 'Internal error' });
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (isAppError(error)) {
        log.info('request failed', { channel, code: error.code, message: error.message });
        const out: IpcError = { code: error.code, message: error.message };
        if (error.issues) out.issues = error.issues;
        return fail(out);
      }
      log.error('request failed with an unexpected error', { channel, error });
      return fail({ code: 'INTERNAL', message: 'Internal error' });
    }
  }

  return { dispatch };
}
