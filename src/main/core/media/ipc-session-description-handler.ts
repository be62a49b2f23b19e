import type { BodyAndContentType, SessionDescriptionHandler, SessionDescriptionHandlerFactory } from 'sip.js';
import type { DescriptionOptions, MediaResult } from '../../../shared/ipc/media.ts';
import type { Logger } from '../log/logger.ts';
import type { MediaBridge } from './media-bridge.ts';

// SIP.js's SessionDescriptionHandler, implemented by forwarding to the renderer's media engine.
// SIP.js creates it synchronously and calls hasDescription/sendDtmf/close synchronously, so creation
// starts the remote work and keeps a `ready` promise that every later call waits for (offers and answers are sent before it settles; see afterCreate).

export interface MediaConfig {
  iceServers: Array<{ urls: string | string[]; username?: string; credential?: string }>;
  iceGatheringTimeoutMs: number;
}

/** SIP.js passes its own options bag; only named, data-only options cross IPC. */
export function toDescriptionOptions(options: unknown): DescriptionOptions {
  const out: DescriptionOptions = {};
  if (options && typeof options === 'object') {
    const bag = options as { hold?: unknown; offerOptions?: { iceRestart?: unknown } };
    if (typeof bag.hold === 'boolean') out.hold = bag.hold;
    if (bag.offerOptions?.iceRestart === true) out.iceRestart = true;
  }
  return out;
}

export class IpcSessionDescriptionHandler implements SessionDescriptionHandler {
  readonly callId: string;
  readonly ready: Promise<void>;
  private closed = false;
  private readonly bridge: MediaBridge;
  private readonly log: Logger;

  constructor(bridge: MediaBridge, callId: string, config: MediaConfig, log: Logger) {
    this.bridge = bridge;
    this.callId = callId;
    this.log = log;
    this.ready = bridge
      .call('create', {
        callId,
        iceServers: config.iceServers,
        iceGatheringTimeoutMs: config.iceGatheringTimeoutMs,
      })
      .then(() => undefined);
    // A failed creation surfaces on the first real call; do not leave an unhandled rejection.
    this.ready.catch((error: unknown) => log.warn('media creation failed', { callId, error }));
  }

  async getDescription(options?: unknown): Promise<BodyAndContentType> {
    return this.afterCreate(
      this.bridge.call('getDescription', { callId: this.callId, options: toDescriptionOptions(options) }),
    );
  }

  /**
   * Sent without waiting for `create`'s reply: the renderer starts handling requests in the order
   * they arrive and `create` sets the call up before it yields, so the offer or answer starts at
   * once instead of one round trip later — a trip that waited behind the page rendering the new
   * call (~15 ms of click → INVITE). A failed creation is still the error the caller sees.
   */
  private async afterCreate<T>(request: Promise<T>): Promise<T> {
    request.catch(() => undefined);
    await this.ready;
    return request;
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  async setDescription(sdp: string, options?: unknown): Promise<void> {
    await this.afterCreate(
      this.bridge.call('setDescription', { callId: this.callId, sdp, options: toDescriptionOptions(options) }),
    );
  }

  async rollbackDescription(): Promise<void> {
    await this.ready;
    await this.bridge.call('rollbackDescription', { callId: this.callId });
  }

  sendDtmf(tones: string, options?: unknown): boolean {
    const bag = (options ?? {}) as { duration?: number; interToneGap?: number };
    if (!/^[0-9A-D#*,]{1,32}$/i.test(tones)) return false;
    void this.ready
      .then(() =>
        this.bridge.call('sendDtmf', {
          callId: this.callId,
          tones,
          durationMs: Math.round(bag.duration ?? 100),
          interToneGapMs: Math.round(bag.interToneGap ?? 70),
        }),
      )
      .catch((error: unknown) => this.log.warn('DTMF failed', { callId: this.callId, error }));
    return true;
  }

  async setMuted(muted: boolean): Promise<void> {
    await this.ready;
    await this.bridge.call('setMuted', { callId: this.callId, muted });
  }

  async getStats(): Promise<MediaResult<'getStats'>> {
    await this.ready;
    return this.bridge.call('getStats', { callId: this.callId });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.ready
      .catch(() => undefined)
      .then(() => this.bridge.call('close', { callId: this.callId }))
      .catch((error: unknown) =>
        this.log.debug('media close after the engine went away', { callId: this.callId, error }),
      );
  }
}

export function createIpcSdhFactory(
  bridge: MediaBridge,
  config: () => MediaConfig,
  log: Logger,
): SessionDescriptionHandlerFactory {
  let counter = 0;
  return () =>
    new IpcSessionDescriptionHandler(bridge, `c${Date.now().toString(36)}-${++counter}`, config(), log);
}
