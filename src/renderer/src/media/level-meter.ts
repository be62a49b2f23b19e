// A live microphone level (0..1) for the settings screen and the call view. Runs on its own
// stream and AudioContext so measuring never touches the call's media.

export interface LevelMeter {
  /** Current level, 0 (silence) to 1 (clipping), smoothed. */
  level(): number;
  stop(): void;
}

export async function startLevelMeter(deviceId?: string): Promise<LevelMeter> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: deviceId
      ? {
          deviceId: { exact: deviceId },
          echoCancellation: true,
          noiseSuppression: true,
          autoGainControl: true,
        }
      : true,
  });
  const context = new AudioContext();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let smoothed = 0;
  return {
    level() {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      const rms = Math.sqrt(sum / samples.length);
      // Speech sits around -30..-10 dBFS; map -60..0 dB onto 0..1 so the bar moves visibly.
      const db = rms > 0 ? 20 * Math.log10(rms) : -100;
      const value = Math.max(0, Math.min(1, (db + 60) / 60));
      smoothed = value > smoothed ? value : smoothed * 0.85 + value * 0.15;
      return smoothed;
    },
    stop() {
      for (const track of stream.getTracks()) track.stop();
      void context.close();
    },
  };
}
