import type { DeviceRef } from '../../../shared/model/settings.ts';

// Audio devices are remembered by id, label and group, because ids change: Chromium rotates them
// per origin and profile, a headset gets a new id in another USB port, and macOS renumbers after an
// update. Resolution tries the id, then the same physical device (group + label), then the label.
// Nothing matching → the system default, and the operator is told (never a failed call).

export type AudioDeviceKind = 'microphone' | 'speaker' | 'ringer';

export interface DeviceInfo {
  deviceId: string;
  groupId: string;
  label: string;
  kind: MediaDeviceKind;
}

export type Resolution =
  | { status: 'default' }
  | { status: 'found'; deviceId: string; label: string }
  | { status: 'missing'; wanted: NonNullable<DeviceRef> };

export function kindOf(device: AudioDeviceKind): MediaDeviceKind {
  return device === 'microphone' ? 'audioinput' : 'audiooutput';
}

export function resolveDevice(
  kind: AudioDeviceKind,
  wanted: DeviceRef,
  devices: readonly DeviceInfo[],
): Resolution {
  if (!wanted || wanted.id === '' || wanted.id === 'default') return { status: 'default' };
  const candidates = devices.filter((d) => d.kind === kindOf(kind));
  const match =
    candidates.find((d) => d.deviceId === wanted.id) ??
    candidates.find(
      (d) => wanted.groupId !== '' && d.groupId === wanted.groupId && d.label === wanted.label,
    ) ??
    candidates.find((d) => wanted.label !== '' && d.label === wanted.label);
  return match
    ? { status: 'found', deviceId: match.deviceId, label: match.label }
    : { status: 'missing', wanted };
}

export function toDeviceRef(device: DeviceInfo): NonNullable<DeviceRef> {
  return { id: device.deviceId, label: device.label, groupId: device.groupId };
}

/** The browser's list, or an empty one where enumeration is not allowed yet. */
export async function listAudioDevices(): Promise<DeviceInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const all = await navigator.mediaDevices.enumerateDevices();
  return all
    .filter((d) => d.kind === 'audioinput' || d.kind === 'audiooutput')
    .map((d) => ({ deviceId: d.deviceId, groupId: d.groupId, label: d.label, kind: d.kind }));
}
