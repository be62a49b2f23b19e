import WebSocket from 'ws';

// Where an INVITE's time goes inside Hotline: the moment each INVITE frame arrives on the SIP
// WebSocket and the moment our 180 for it is handed to the socket, per Call-ID. Taps the `ws`
// class the core's transport uses (same process: the harness runs the core under Node), so the
// product code carries no benchmark hooks.

const callIdOf = (message: string) => /^Call-ID:\s*(\S+)/im.exec(message)?.[1];

export interface SipTap {
  inviteReceivedAt: Map<string, number>;
  ringingSentAt: Map<string, number>;
  remove(): void;
}

export function tapSipWebSocket(): SipTap {
  const proto = WebSocket.prototype as unknown as {
    emit(event: string | symbol, ...args: unknown[]): boolean;
    send(data: unknown, ...rest: unknown[]): void;
  };
  const { emit, send } = proto;
  const tap: SipTap = {
    inviteReceivedAt: new Map(),
    ringingSentAt: new Map(),
    remove() {
      proto.emit = emit;
      proto.send = send;
    },
  };
  proto.emit = function (this: unknown, event, ...args) {
    if (event === 'message') {
      const text = String(args[0]);
      const id = text.startsWith('INVITE ') ? callIdOf(text) : undefined;
      if (id && !tap.inviteReceivedAt.has(id)) tap.inviteReceivedAt.set(id, performance.now());
    }
    return emit.call(this, event, ...args);
  };
  proto.send = function (this: unknown, data, ...rest) {
    if (typeof data === 'string' && data.startsWith('SIP/2.0 180')) {
      const id = callIdOf(data);
      if (id && !tap.ringingSentAt.has(id)) tap.ringingSentAt.set(id, performance.now());
    }
    return send.call(this, data, ...rest);
  };
  return tap;
}

/** rtpengine's own time for each `offer` (its log: "Replying to 'offer' … elapsed time 0.000851 sec"), per Call-ID. */
export function rtpengineOfferMs(log: string): Map<string, number> {
  const offers = new Map<string, number>();
  for (const match of log.matchAll(
    /\[([^\]\s]+)\]: \[control\] Replying to 'offer'.*?elapsed time ([0-9.]+) sec/g,
  ))
    if (!offers.has(match[1]!)) offers.set(match[1]!, Number(match[2]) * 1000);
  return offers;
}
