import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AudioController, AudioState } from '../media/audio-controller.ts';

/** The audio controller (devices, ringer) for screens that show or change audio. */
export const MediaContext = createContext<AudioController | null>(null);
export const useMedia = () => useContext(MediaContext);

const NO_AUDIO: AudioState = { devices: [], missing: [] };
const noSubscription = () => () => undefined;

/** The devices and the missing ones, re-rendering when they change (plugged, unplugged, chosen). */
export function useAudioState(): AudioState {
  const media = useMedia();
  return useSyncExternalStore(
    media ? (listener) => media.onChange(listener) : noSubscription,
    () => media?.snapshot() ?? NO_AUDIO,
  );
}
