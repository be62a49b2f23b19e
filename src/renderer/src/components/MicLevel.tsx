import { Progress, Text } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { useMedia } from '../app/media-context.tsx';
import { startLevelMeter, type LevelMeter } from '../media/level-meter.ts';

/** A live microphone level bar, on the microphone the operator chose (or the default). */
export function MicLevel({ label, compact = false }: { label: string; compact?: boolean }) {
  const media = useMedia();
  const id = useId();
  const [level, setLevel] = useState(0);
  const deviceId = media?.microphoneId();
  useEffect(() => {
    let stopped = false;
    let timer = 0;
    let meter: LevelMeter | undefined;
    startLevelMeter(deviceId)
      .then((m) => {
        if (stopped) return m.stop();
        meter = m;
        const tick = () => {
          setLevel(m.level());
          timer = window.setTimeout(tick, 100);
        };
        tick();
      })
      .catch(() => undefined);
    return () => {
      stopped = true;
      clearTimeout(timer);
      meter?.stop();
    };
  }, [deviceId]);
  return (
    <div style={compact ? { minWidth: 120 } : undefined}>
      <Text size={compact ? 'xs' : 'sm'} fw={500} id={id} c={compact ? 'dimmed' : undefined}>
        {label}
      </Text>
      {/* The section carries role=progressbar, so it is the one that needs the name. */}
      <Progress.Root maw={compact ? 160 : 360} size={compact ? 'sm' : 'md'} transitionDuration={80}>
        <Progress.Section value={Math.round(level * 100)} aria-labelledby={id} />
      </Progress.Root>
    </div>
  );
}
