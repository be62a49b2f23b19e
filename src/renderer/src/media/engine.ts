import { LoggerFactory } from 'sip.js/lib/core/log/logger-factory.js';
import { SessionDescriptionHandler } from 'sip.js/lib/platform/web/session-description-handler/session-description-handler.js';
import { defaultPeerConnectionConfiguration } from 'sip.js/lib/platform/web/session-description-handler/peer-connection-configuration-default.js';
import type { MediaStreamFactory } from 'sip.js/lib/platform/web/session-description-handler/media-stream-factory.js';
import {
  MediaMethodSchemas,
  type MediaMethod,
  type MediaParams,
  type MediaRequestEvent,
  type MediaResult,
} from '../../../shared/ipc/media.ts';
import { invoke, subscribe } from '../lib/ipc.ts';

// The renderer's media engine: one standalone SIP.js Web.SessionDescriptionHandler per call, driven
// by main over the media bridge. It lives outside React on purpose — a re-render can never end a
// call — and closes every peer connection when its call ends (Chromium refuses new ones after a few
// hundred leaked).

export interface AudioPreferences {
  microphoneId?: string;
  speakerId?: string;
}

interface CallMedia {
  sdh: SessionDescriptionHandler;
  audio: HTMLAudioElement;
}

const loggerFactory = new LoggerFactory();
loggerFactory.builtinEnabled = false;

/** Microphone with Chromium's echo cancellation, noise suppression and gain control on. */
function microphoneFactory(prefs: () => AudioPreferences): MediaStreamFactory {
  return async () => {
    const microphoneId = prefs().microphoneId;
    const base = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
    try {
      return await navigator.mediaDevices.getUserMedia({
        audio: microphoneId ? { ...base, deviceId: { exact: microphoneId } } : base,
        video: false,
      });
    } catch (error) {
      if (!microphoneId) throw error;
      // The chosen headset is missing: fall back to the default microphone, never fail the call.
      void invoke('media:report', {
        kind: 'device-fallback',
        device: 'microphone',
        label: microphoneId,
      }).catch(() => undefined);
      return navigator.mediaDevices.getUserMedia({ audio: base, video: false });
    }
  };
}

export interface MediaEngine {
  openCount(): number;
  dispose(): void;
}

export function startMediaEngine(prefs: () => AudioPreferences = () => ({})): MediaEngine {
  const calls = new Map<string, CallMedia>();

  function get(callId: string): CallMedia {
    const call = calls.get(callId);
    if (!call) throw new Error(`No media for call ${callId}`);
    return call;
  }

  async function playRemote(call: CallMedia): Promise<void> {
    const audio = call.audio;
    if (audio.srcObject !== call.sdh.remoteMediaStream) audio.srcObject = call.sdh.remoteMediaStream;
    const speakerId = prefs().speakerId;
    if (speakerId && 'setSinkId' in audio) {
      await (audio as HTMLAudioElement & { setSinkId(id: string): Promise<void> })
        .setSinkId(speakerId)
        .catch(() => {
          void invoke('media:report', { kind: 'device-fallback', device: 'speaker', label: speakerId }).catch(
            () => undefined,
          );
        });
    }
    await audio.play().catch(() => undefined);
  }

  const handlers: { [M in MediaMethod]: (params: MediaParams<M>) => Promise<MediaResult<M>> } = {
    async create({ callId, iceServers, iceGatheringTimeoutMs }) {
      if (calls.has(callId)) return {};
      const sdh = new SessionDescriptionHandler(
        loggerFactory.getLogger('hotline.media'),
        microphoneFactory(prefs),
        {
          iceGatheringTimeout: iceGatheringTimeoutMs,
          // Never SIP.js's default public STUN server: only what settings name.
          peerConnectionConfiguration: { ...defaultPeerConnectionConfiguration(), iceServers },
        },
      );
      const audio = new Audio();
      audio.autoplay = true;
      calls.set(callId, { sdh, audio });
      sdh.peerConnectionDelegate = {
        oniceconnectionstatechange: () => {
          const state = sdh.peerConnection?.iceConnectionState;
          if (state === 'failed')
            void invoke('media:report', { kind: 'ice-failed', callId }).catch(() => undefined);
          if (state === 'connected')
            void invoke('media:report', { kind: 'ice-connected', callId }).catch(() => undefined);
        },
      };
      return {};
    },
    async getDescription({ callId, options }) {
      const call = get(callId);
      const description = await call.sdh.getDescription({
        hold: options.hold,
        offerOptions: options.iceRestart ? { iceRestart: true } : undefined,
      });
      return description;
    },
    async setDescription({ callId, sdp, options }) {
      const call = get(callId);
      await call.sdh.setDescription(sdp, { hold: options.hold });
      await playRemote(call);
      return {};
    },
    async rollbackDescription({ callId }) {
      // SIP.js's web handler has no rollback; WebRTC does (a re-INVITE of ours that was refused).
      const pc = get(callId).sdh.peerConnection;
      if (pc && pc.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
      return {};
    },
    async sendDtmf({ callId, tones, durationMs, interToneGapMs }) {
      return {
        sent: get(callId).sdh.sendDtmf(tones, { duration: durationMs, interToneGap: interToneGapMs }),
      };
    },
    async setMuted({ callId, muted }) {
      get(callId).sdh.enableSenderTracks(!muted);
      return {};
    },
    async close({ callId }) {
      const call = calls.get(callId);
      if (!call) return {};
      calls.delete(callId);
      call.audio.pause();
      call.audio.srcObject = null;
      call.sdh.close();
      return {};
    },
    async getStats({ callId }) {
      const call = calls.get(callId);
      const pc = call?.sdh.peerConnection;
      const result: MediaResult<'getStats'> = {
        packetsSent: 0,
        packetsReceived: 0,
        bytesSent: 0,
        bytesReceived: 0,
        open: Boolean(pc && pc.connectionState !== 'closed'),
      };
      if (!pc) return result;
      const report = await pc.getStats();
      report.forEach((stat: Record<string, unknown>) => {
        if (stat.kind !== undefined && stat.kind !== 'audio') return;
        if (stat.type === 'outbound-rtp') {
          result.packetsSent += Number(stat.packetsSent ?? 0);
          result.bytesSent += Number(stat.bytesSent ?? 0);
        } else if (stat.type === 'inbound-rtp') {
          result.packetsReceived += Number(stat.packetsReceived ?? 0);
          result.bytesReceived += Number(stat.bytesReceived ?? 0);
          if (typeof stat.jitter === 'number') result.jitterMs = stat.jitter * 1000;
          if (typeof stat.packetsLost === 'number') result.packetsLost = stat.packetsLost;
          if (typeof stat.audioLevel === 'number') result.audioLevelIn = stat.audioLevel;
        } else if (stat.type === 'remote-inbound-rtp' && typeof stat.roundTripTime === 'number') {
          result.roundTripTimeMs = stat.roundTripTime * 1000;
        }
      });
      result.direction = pc.getTransceivers()[0]?.currentDirection ?? undefined;
      result.iceState = pc.iceConnectionState;
      return result;
    },
    async countOpen() {
      return {
        peerConnections: [...calls.values()].filter((c) => c.sdh.peerConnection?.connectionState !== 'closed')
          .length,
      };
    },
  };

  async function handle(request: MediaRequestEvent): Promise<void> {
    const schema = MediaMethodSchemas[request.method];
    try {
      const params = schema.params.parse(request.params);
      const value = await (handlers[request.method] as (p: unknown) => Promise<unknown>)(params);
      await invoke('media:respond', { id: request.id, ok: true, value });
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await invoke('media:respond', { id: request.id, ok: false, error: message.slice(0, 2000) }).catch(
        () => undefined,
      );
    }
  }

  const unsubscribe = subscribe('media:request', (request) => void handle(request));
  void invoke('media:report', { kind: 'ready' }).catch(() => undefined);

  return {
    openCount: () => calls.size,
    dispose() {
      unsubscribe();
      for (const callId of [...calls.keys()]) void handlers.close({ callId });
    },
  };
}
