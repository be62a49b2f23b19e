import type { CallView } from '../../../shared/model/call.ts';
import type { Settings } from '../../../shared/model/settings.ts';
import { invoke, subscribe } from '../lib/ipc.ts';
import { listAudioDevices, resolveDevice, type AudioDeviceKind, type DeviceInfo } from './devices.ts';
import { startMediaEngine, type MediaEngine } from './engine.ts';
import { renderWav, RINGBACK, RINGTONE } from './tones.ts';

// Everything audio in the renderer, outside React: the media engine, which devices to use (and
// what to do when one disappears), the ringtone on the ringer output and ringback on the speaker.
// The UI reads its state through `snapshot()` / `onChange()`.

export interface AudioState {
  devices: DeviceInfo[];
  /** Devices the operator chose that are not connected now: we use the default instead. */
  missing: Array<{ kind: AudioDeviceKind; label: string }>;
}

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

export interface AudioController {
  engine: MediaEngine;
  snapshot(): AudioState;
  /** The microphone in use: the chosen one if connected, else undefined (the default). */
  microphoneId(): string | undefined;
  onChange(listener: (state: AudioState) => void): () => void;
  /** Plays the ringtone once on the ringer device, for the settings screen's "Test" button. */
  testRinger(): Promise<void>;
  dispose(): void;
}

function toneElement(segments: Parameters<typeof renderWav>[0]): SinkAudio {
  const url = URL.createObjectURL(new Blob([renderWav(segments) as BlobPart], { type: 'audio/wav' }));
  const audio = new Audio(url) as SinkAudio;
  audio.loop = true;
  return audio;
}

export function startAudio(): AudioController {
  let settings: Settings | undefined;
  let state: AudioState = { devices: [], missing: [] };
  const listeners = new Set<(s: AudioState) => void>();
  const calls = new Map<string, CallView>();
  const ringtone = toneElement(RINGTONE);
  const ringback = toneElement(RINGBACK);

  const resolvedId = (kind: AudioDeviceKind): string | undefined => {
    const wanted = settings?.audio[kind] ?? null;
    const result = resolveDevice(kind, wanted, state.devices);
    return result.status === 'found' ? result.deviceId : undefined;
  };

  const engine = startMediaEngine(() => ({
    microphoneId: resolvedId('microphone'),
    speakerId: resolvedId('speaker'),
  }));

  async function refreshDevices(): Promise<void> {
    const devices = await listAudioDevices().catch(() => []);
    const missing: AudioState['missing'] = [];
    for (const kind of ['microphone', 'speaker', 'ringer'] as const) {
      const result = resolveDevice(kind, settings?.audio[kind] ?? null, devices);
      // Labels are empty until microphone permission is granted; do not cry wolf before that.
      if (result.status === 'missing' && devices.some((d) => d.label !== ''))
        missing.push({ kind, label: result.wanted.label });
    }
    state = { devices, missing };
    for (const listener of listeners) listener(state);
    await Promise.all([routeTones(), engine.refreshDevices()]);
  }

  async function routeTones(): Promise<void> {
    const ringerId = resolvedId('ringer');
    const speakerId = resolvedId('speaker');
    await ringtone.setSinkId?.(ringerId ?? '').catch(() => undefined);
    await ringback.setSinkId?.(speakerId ?? '').catch(() => undefined);
  }

  function updateTones(): void {
    const all = [...calls.values()];
    const talking = all.some((c) => c.state === 'active');
    const ringing = all.some((c) => c.state === 'ringing');
    // While talking, a waiting call must not blast the ringtone into the operator's ear: the
    // in-window panel and the notification announce it.
    const wantRingtone = ringing && !talking;
    const wantRingback = all.some((c) => c.state === 'ringback' && !c.earlyMedia);
    if (wantRingtone && ringtone.paused) void ringtone.play().catch(() => undefined);
    if (!wantRingtone && !ringtone.paused) {
      ringtone.pause();
      ringtone.currentTime = 0;
    }
    if (wantRingback && ringback.paused) void ringback.play().catch(() => undefined);
    if (!wantRingback && !ringback.paused) {
      ringback.pause();
      ringback.currentTime = 0;
    }
  }

  const unsubscribers = [
    subscribe('settings:changed', (view) => {
      settings = view.settings;
      void refreshDevices();
    }),
    subscribe('call:updated', (call) => {
      if (call.state === 'ended') calls.delete(call.id);
      else calls.set(call.id, call);
      updateTones();
    }),
  ];
  const onDeviceChange = () => void refreshDevices();
  navigator.mediaDevices?.addEventListener?.('devicechange', onDeviceChange);

  void invoke('settings:get', {})
    .then((view) => {
      settings = view.settings;
      return refreshDevices();
    })
    .catch(() => undefined);
  void invoke('call:list', {})
    .then(({ calls: list }) => {
      for (const call of list) calls.set(call.id, call);
      updateTones();
    })
    .catch(() => undefined);

  return {
    engine,
    snapshot: () => state,
    microphoneId: () => resolvedId('microphone'),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async testRinger() {
      const once = toneElement(RINGTONE.slice(0, 4));
      once.loop = false;
      await once.setSinkId?.(resolvedId('ringer') ?? '').catch(() => undefined);
      await once.play();
    },
    dispose() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      navigator.mediaDevices?.removeEventListener?.('devicechange', onDeviceChange);
      ringtone.pause();
      ringback.pause();
      engine.dispose();
    },
  };
}
