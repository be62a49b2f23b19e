import { useHotkeys } from '@mantine/hooks';
import { useAppState } from '../../app/app-state.tsx';
import { invoke } from '../../lib/ipc.ts';

/**
 * The keys an operator's hands learn first, working from any screen and inside fields:
 * F3 answers the call that rings longest; F4 declines it, or hangs up the call in progress.
 * (The global, system-wide versions are configured in Settings → Shortcuts in the Electron app.)
 */
export const CALL_HOTKEYS = { answer: 'F3', hangup: 'F4' } as const;

export function useCallHotkeys(): void {
  const { calls } = useAppState();
  const ringing = calls.find((c) => c.state === 'ringing');
  const current =
    calls.find((c) => c.state === 'active') ??
    calls.find((c) => c.state === 'dialing' || c.state === 'ringback') ??
    calls.find((c) => c.state === 'held');
  const physical = { usePhysicalKeys: true };
  useHotkeys(
    [
      [
        'f3',
        () => ringing && void invoke('call:answer', { callId: ringing.id }).catch(() => undefined),
        physical,
      ],
      [
        'f4',
        () => {
          if (ringing && !current) void invoke('call:decline', { callId: ringing.id }).catch(() => undefined);
          else if (current) void invoke('call:hangup', { callId: current.id }).catch(() => undefined);
        },
        physical,
      ],
    ],
    [],
  );
}
