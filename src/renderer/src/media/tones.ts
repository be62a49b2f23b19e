// Ringtone and ringback, synthesized as WAV in memory: no audio files to ship or license, exact
// cadences, and an <audio> element can play them on any output device (setSinkId).

export interface ToneSegment {
  /** Frequencies mixed together (Hz); empty = silence. */
  frequencies: number[];
  durationMs: number;
}

const SAMPLE_RATE = 16_000;

/** Russian/European ringback: 425 Hz, 1 s on, 4 s off (GOST / ETSI). */
export const RINGBACK: ToneSegment[] = [
  { frequencies: [425], durationMs: 1000 },
  { frequencies: [], durationMs: 4000 },
];

/** Ringtone: a soft two-note chime twice, then a pause — noticeable without being shrill. */
export const RINGTONE: ToneSegment[] = [
  { frequencies: [659.25, 987.77], durationMs: 400 },
  { frequencies: [], durationMs: 100 },
  { frequencies: [523.25, 783.99], durationMs: 400 },
  { frequencies: [], durationMs: 300 },
  { frequencies: [659.25, 987.77], durationMs: 400 },
  { frequencies: [], durationMs: 100 },
  { frequencies: [523.25, 783.99], durationMs: 400 },
  { frequencies: [], durationMs: 1900 },
];

/** 16-bit mono PCM WAV of the segments, with short fades so tones do not click. */
export function renderWav(segments: readonly ToneSegment[], volume = 0.35): Uint8Array {
  const samples = segments.reduce((n, s) => n + Math.round((s.durationMs / 1000) * SAMPLE_RATE), 0);
  const buffer = new ArrayBuffer(44 + samples * 2);
  const view = new DataView(buffer);
  const text = (offset: number, value: string) =>
    [...value].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, SAMPLE_RATE, true);
  view.setUint32(28, SAMPLE_RATE * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples * 2, true);
  let offset = 44;
  for (const segment of segments) {
    const count = Math.round((segment.durationMs / 1000) * SAMPLE_RATE);
    const fade = Math.min(count / 2, SAMPLE_RATE * 0.01);
    for (let i = 0; i < count; i++) {
      let value = 0;
      for (const f of segment.frequencies) value += Math.sin((2 * Math.PI * f * i) / SAMPLE_RATE);
      if (segment.frequencies.length > 0) value /= segment.frequencies.length;
      const envelope = Math.min(1, i / fade, (count - i) / fade);
      view.setInt16(offset, Math.round(value * envelope * volume * 32767), true);
      offset += 2;
    }
  }
  return new Uint8Array(buffer);
}
