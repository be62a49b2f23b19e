import type { EventChannel } from '../../../shared/ipc/channels.ts';
import { eventSchemas, type EventOf } from '../../../shared/ipc/contract.ts';
import type { Logger } from '../log/logger.ts';

// Typed events from the core to whoever listens (Electron windows, harness clients). A payload that
// breaks its schema is a bug in main: it is logged and not sent, so the renderer can trust events.

export type EventListener = (channel: EventChannel, payload: unknown) => void;

export interface EventHub {
  emit<C extends EventChannel>(channel: C, payload: EventOf<C>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(log: Logger): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(channel, payload) {
      const checked = eventSchemas[channel].safeParse(payload);
      if (!checked.success) {
        log.error('event payload breaks the contract; not sent', { channel, issues: checked.error.issues });
        return;
      }
      for (const listener of listeners) {
        try {
          listener(channel, checked.data);
        } catch (error) {
          log.error('event listener threw', { channel, error });
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
