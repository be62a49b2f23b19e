import { createContext, useContext } from 'react';
import type { AudioController } from '../media/audio-controller.ts';

/** The audio controller (devices, ringer) for screens that show or change audio. */
export const MediaContext = createContext<AudioController | null>(null);
export const useMedia = () => useContext(MediaContext);
