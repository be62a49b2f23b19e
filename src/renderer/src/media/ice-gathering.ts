// When to stop waiting for ICE candidates and send the SDP.
//
// SIP.js waits for the browser to report gathering "complete" (or its timeout) before the offer or
// answer leaves. Chromium finishes gathering only after its TCP phase, about 100–120 ms after the
// UDP host candidates — and TCP candidates are of no use to a PBX media relay (rtpengine, Asterisk
// and FreeSWITCH do not do ICE-TCP). That wait was most of the time between the operator's click
// and the INVITE on the wire. So: as soon as the candidates that matter have arrived, we let SIP.js
// go on (`iceGatheringComplete()`, its documented hook for this).
//
// What matters depends on the ICE servers in settings:
//   - none: UDP host candidates (all interfaces: Chromium emits them in one burst, so we wait a
//     short settle time after the first one — a VPN interface must not be left out);
//   - STUN: a server-reflexive candidate (the public address the PBX may need);
//   - TURN: a relay candidate (the one that works through any firewall).
// The settings timeout (iceGatheringTimeoutMs) still bounds the wait when those never come.

export type CandidateKind = 'host' | 'srflx' | 'relay';

/** The weakest candidate type that still reaches the PBX, given the configured ICE servers. */
export function neededCandidateKind(iceServers: readonly RTCIceServer[]): CandidateKind {
  const urls = iceServers.flatMap((server) => (Array.isArray(server.urls) ? server.urls : [server.urls]));
  if (urls.some((url) => /^turns?:/i.test(url))) return 'relay';
  if (urls.some((url) => /^stuns?:/i.test(url))) return 'srflx';
  return 'host';
}

/** Settle time after the first useful candidate: Chromium's next gathering phase starts 50 ms on. */
export const ICE_SETTLE_MS = 25;

export interface CandidateInfo {
  type?: string | null;
  protocol?: string | null;
}

export interface GatheringWatcher {
  /** Feed every `icecandidate` event's candidate (null marks the end of gathering). */
  candidate(candidate: CandidateInfo | null): void;
  /** A new gathering round began (an ICE restart): forget what was seen. */
  restart(): void;
  dispose(): void;
}

export function createGatheringWatcher(options: {
  needed: CandidateKind;
  onEnough: () => void;
  settleMs?: number;
  timers?: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
}): GatheringWatcher {
  const timers = options.timers ?? {
    set: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clear: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  let settle: unknown;
  let done = false;

  const finish = () => {
    if (settle !== undefined) timers.clear(settle);
    settle = undefined;
    if (done) return;
    done = true;
    options.onEnough();
  };

  return {
    candidate(candidate) {
      if (done) return;
      if (candidate === null) {
        // The browser has finished; SIP.js sees that itself. Nothing left to wait for.
        if (settle !== undefined) timers.clear(settle);
        settle = undefined;
        done = true;
        return;
      }
      const useful = candidate.protocol?.toLowerCase() === 'udp' && candidate.type === options.needed;
      if (!useful || settle !== undefined) return;
      settle = timers.set(finish, options.settleMs ?? ICE_SETTLE_MS);
    },
    restart() {
      if (settle !== undefined) timers.clear(settle);
      settle = undefined;
      done = false;
    },
    dispose() {
      if (settle !== undefined) timers.clear(settle);
      settle = undefined;
      done = true;
    },
  };
}
