import { Alert, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAudioState } from '../../app/media-context.tsx';

/**
 * "Microphone “Jabra …” is not connected: using the default microphone" — shown where the operator works and
 * in the audio settings, for as long as a chosen device is missing (it goes when it is plugged in).
 */
export function DeviceNotices() {
  const { t } = useTranslation();
  const { missing } = useAudioState();
  if (missing.length === 0) return null;
  return (
    <Stack gap={4} role="status" data-testid="device-notices">
      {missing.map((m) => (
        <Alert key={m.kind} color="orange" variant="light" py={6}>
          {t(`phone.deviceMissing.${m.kind}`, { label: m.label })}
        </Alert>
      ))}
    </Stack>
  );
}
