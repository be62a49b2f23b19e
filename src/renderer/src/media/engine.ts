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
import { createGatheringWatcher, neededCandidateKind, type GatheringWatcher } from './ice-gathering.ts';
import {
  QUALITY_SAMPLE_INTERVAL_MS,
  readQualityCounters,
  sampleBetween,
  type QualityCounters,
} from './quality-sampler.ts';

// The renderer's media engine: one standalone SIP.js Web.SessionDescriptionHandler per call, driven
// by main over the media bridge. It lives outside React on purpose — a re-render can never end a
// call — and closes every peer connection when its call ends (Chromium refuses new ones after a few
// hundred leaked).

export interface AudioPreferences {
  microphoneId?: string;
  speakerId?: string;
}

type SinkAudio = HTMLAudioElement & { sinkId?: string; setSinkId?: (id: string) => Promise<void> };

interface CallMedia {
  sdh: SessionDescriptionHandler;
  audio: SinkAudio;
  /** The microphone the call's track was opened on (undefined: the system default). */
  microphoneId?: string;
  muted: boolean;
  /** Samples the call's audio quality every QUALITY_SAMPLE_INTERVAL_MS (see watchQuality). */
  qualityTimer: ReturnType<typeof setInterval>;
  /** Lets the SDP go as soon as the candidates that matter are in (see ice-gathering.ts). */
  gathering: GatheringWatcher;
}

const reportFallback = (device: 'microphone' | 'speaker', label: string) =>
  void invoke('media:report', { kind: 'device-fallback', device, label }).catch(() => undefined);

const loggerFactory = new LoggerFactory();
loggerFactory.builtinEnabled = false;

/**
 * Opens the microphone with Chromium's echo cancellation, noise suppression and gain control on:
 * the chosen one, or the default when it is missing (never fail a call for a headset).
 */
async function openMicrophone(
  microphoneId: string | undefined,
): Promise<{ stream: MediaStream; microphoneId?: string }> {
  const base = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
  if (microphoneId) {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: { ...base, deviceId: { exact: microphoneId } },
        video: false,
      });
      return { stream, microphoneId };
    } catch {
      reportFallback('microphone', microphoneId);
    }
  }
  return { stream: await navigator.mediaDevices.getUserMedia({ audio: base, video: false }) };
}

function microphoneFactory(prefs: () => AudioPreferences, opened: (id?: string) => void): MediaStreamFactory {
  return async () => {
    const { stream, microphoneId } = await openMicrophone(prefs().microphoneId);
    opened(microphoneId);
    return stream;
  };
}

export interface MediaEngine {
  openCount(): number;
  /**
   * Devices came or went, or the operator chose others: move every call's microphone and speaker
   * to what the preferences now resolve to, without interrupting the call.
   */
  refreshDevices(): Promise<void>;
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
    await routeSpeaker(call);
    await audio.play().catch(() => undefined);
  }

  async function routeSpeaker(call: CallMedia): Promise<void> {
    const speakerId = prefs().speakerId ?? '';
    if (!call.audio.setSinkId || call.audio.sinkId === speakerId) return;
    await call.audio.setSinkId(speakerId).catch(async () => {
      reportFallback('speaker', speakerId);
      await call.audio.setSinkId?.('').catch(() => undefined);
    });
  }

  /** Swaps the call's outgoing track onto the wanted microphone (replaceTrack: no renegotiation). */
  async function routeMicrophone(call: CallMedia): Promise<void> {
    const sender = call.sdh.peerConnection?.getSenders().find((s) => s.track?.kind === 'audio');
    const current = sender?.track;
    if (!sender || !current) return;
    const wanted = prefs().microphoneId;
    if (current.readyState === 'live' && wanted === call.microphoneId) return;
    const { stream, microphoneId } = await openMicrophone(wanted);
    const [track] = stream.getAudioTracks();
    // The call may have ended while the microphone opened.
    if (!track || ![...calls.values()].includes(call)) {
      for (const t of stream.getTracks()) t.stop();
      return;
    }
    track.enabled = !call.muted;
    await sender.replaceTrack(track);
    // Keep SIP.js's local stream in step, so closing the call stops the new track too.
    const local = call.sdh.localMediaStream;
    local.removeTrack(current);
    local.addTrack(track);
    current.stop();
    call.microphoneId = microphoneId;
  }

  /**
   * While the call's peer connection is connected, compares its getStats() counters every
   * QUALITY_SAMPLE_INTERVAL_MS and reports the interval's quality to main (`media:report` quality).
   * A reading taken while it is not connected starts the comparison over.
   */
  function watchQuality(callId: string, sdh: SessionDescriptionHandler): ReturnType<typeof setInterval> {
    let previous: QualityCounters | undefined;
    let busy = false;
    return setInterval(() => {
      const pc = sdh.peerConnection;
      if (busy) return;
      if (!pc || pc.connectionState !== 'connected') {
        previous = undefined;
        return;
      }
      busy = true;
      pc.getStats()
        .then((report) => {
          const counters = readQualityCounters(report);
          const sample = previous && sampleBetween(previous, counters);
          previous = counters;
          if (sample && calls.has(callId))
            return invoke('media:report', { kind: 'quality', callId, sample }).then(() => undefined);
        })
        .catch(() => undefined)
        .finally(() => {
          busy = false;
        });
    }, QUALITY_SAMPLE_INTERVAL_MS);
  }

  const handlers: { [M in MediaMethod]: (params: MediaParams<M>) => Promise<MediaResult<M>> } = {
    async create({ callId, iceServers, iceGatheringTimeoutMs }) {
      if (calls.has(callId)) return {};
      const sdh = new SessionDescriptionHandler(
        loggerFactory.getLogger('hotline.media'),
        // Runs when SIP.js asks for the microphone, after the call is registered below.
        microphoneFactory(prefs, (id) => {
          const call = calls.get(callId);
          if (call) call.microphoneId = id;
        }),
        {
          iceGatheringTimeout: iceGatheringTimeoutMs,
          // Never SIP.js's default public STUN server: only what settings name.
          peerConnectionConfiguration: { ...defaultPeerConnectionConfiguration(), iceServers },
        },
      );
      const audio: SinkAudio = new Audio();
      audio.autoplay = true;
      // Send the SDP once the candidates that matter are in, not after Chromium's TCP phase.
      const gathering = createGatheringWatcher({
        needed: neededCandidateKind(iceServers),
        onEnough: () => {
          if (sdh.peerConnection?.iceGatheringState === 'gathering') sdh.iceGatheringComplete();
        },
      });
      calls.set(callId, {
        sdh,
        audio,
        muted: false,
        qualityTimer: watchQuality(callId, sdh),
        gathering,
      });
      sdh.peerConnectionDelegate = {
        onicecandidate: (event) => gathering.candidate(event.candidate),
        onicegatheringstatechange: () => {
          if (sdh.peerConnection?.iceGatheringState === 'gathering') gathering.restart();
        },
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
      const call = get(callId);
      call.muted = muted;
      call.sdh.enableSenderTracks(!muted);
      return {};
    },
    async close({ callId }) {
      const call = calls.get(callId);
      if (!call) return {};
      calls.delete(callId);
      clearInterval(call.qualityTimer);
      call.gathering.dispose();
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
    async refreshDevices() {
      await Promise.all(
        [...calls.values()].map(async (call) => {
          await routeSpeaker(call);
          await routeMicrophone(call).catch(() => undefined);
        }),
      );
    },
    dispose() {
      unsubscribe();
      for (const callId of [...calls.keys()]) void handlers.close({ callId });
    },
  };
}
