import { describe, expect, it } from 'vitest';
import { resolveDevice, type DeviceInfo } from '../../../src/renderer/src/media/devices.ts';
import { renderWav, RINGBACK, RINGTONE } from '../../../src/renderer/src/media/tones.ts';

const devices: DeviceInfo[] = [
  { deviceId: 'default', groupId: 'g0', label: 'Default', kind: 'audioinput' },
  { deviceId: 'mic-new-id', groupId: 'jabra', label: 'Jabra Evolve2 65', kind: 'audioinput' },
  { deviceId: 'spk-1', groupId: 'jabra', label: 'Jabra Evolve2 65', kind: 'audiooutput' },
  { deviceId: 'spk-2', groupId: 'hdmi', label: 'HDMI Output', kind: 'audiooutput' },
];

describe('audio device resolution', () => {
  it('finds a device by its id', () => {
    expect(resolveDevice('speaker', { id: 'spk-2', label: 'x', groupId: 'y' }, devices)).toEqual({
      status: 'found',
      deviceId: 'spk-2',
      label: 'HDMI Output',
    });
  });
  it('finds the same headset after its id changed (group + label), and never matches another kind', () => {
    expect(
      resolveDevice('microphone', { id: 'mic-old-id', label: 'Jabra Evolve2 65', groupId: 'jabra' }, devices),
    ).toMatchObject({ deviceId: 'mic-new-id' });
    expect(resolveDevice('ringer', { id: 'mic-new-id', label: 'nope', groupId: '' }, devices)).toMatchObject({
      status: 'missing',
    });
  });
  it('falls back to the label alone when the group changed too', () => {
    expect(
      resolveDevice('speaker', { id: 'zzz', label: 'HDMI Output', groupId: 'other' }, devices),
    ).toMatchObject({ deviceId: 'spk-2' });
  });
  it('reports a missing device so the UI can say so, and treats no choice as the default', () => {
    expect(
      resolveDevice('microphone', { id: 'usb-9', label: 'Poly Blackwire', groupId: 'poly' }, devices),
    ).toMatchObject({ status: 'missing', wanted: { label: 'Poly Blackwire' } });
    expect(resolveDevice('microphone', null, devices)).toEqual({ status: 'default' });
  });
});

describe('tones', () => {
  it('renders a valid WAV of the cadence length', () => {
    const wav = renderWav(RINGBACK);
    const view = new DataView(wav.buffer);
    expect(String.fromCharCode(...wav.slice(0, 4))).toBe('RIFF');
    expect(String.fromCharCode(...wav.slice(8, 12))).toBe('WAVE');
    const sampleRate = view.getUint32(24, true);
    const samples = view.getUint32(40, true) / 2;
    expect(samples / sampleRate).toBeCloseTo(5, 2);
  });
  it('is silent in the pauses and audible in the tones', () => {
    const wav = renderWav(RINGBACK);
    const view = new DataView(wav.buffer);
    const at = (seconds: number) => Math.abs(view.getInt16(44 + Math.round(seconds * 16000) * 2, true));
    const peak = (from: number, to: number) => {
      let max = 0;
      for (let t = from; t < to; t += 0.0005) max = Math.max(max, at(t));
      return max;
    };
    expect(peak(0.2, 0.3)).toBeGreaterThan(5000);
    expect(peak(2, 3)).toBe(0);
    expect(renderWav(RINGTONE).length).toBeGreaterThan(44);
  });
});
