import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createGatheringWatcher,
  ICE_SETTLE_MS,
  neededCandidateKind,
} from '../../../src/renderer/src/media/ice-gathering.ts';

const hostUdp = { type: 'host', protocol: 'udp' };
const hostTcp = { type: 'host', protocol: 'tcp' };
const srflx = { type: 'srflx', protocol: 'udp' };
const relay = { type: 'relay', protocol: 'udp' };

describe('which ICE candidate is worth waiting for', () => {
  it('host without servers, server-reflexive with STUN, relay with TURN (TURN wins over STUN)', () => {
    expect(neededCandidateKind([])).toBe('host');
    expect(neededCandidateKind([{ urls: 'stun:stun.example.ru:3478' }])).toBe('srflx');
    expect(neededCandidateKind([{ urls: ['STUN:a', 'stuns:b'] }])).toBe('srflx');
    expect(
      neededCandidateKind([{ urls: 'stun:a' }, { urls: ['turns:turn.example.ru:443?transport=tcp'] }]),
    ).toBe('relay');
    expect(neededCandidateKind([{ urls: 'turn:turn.example.ru', username: 'u', credential: 'p' }])).toBe(
      'relay',
    );
  });
});

describe('ICE gathering watcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lets the SDP go a short settle time after the first UDP host candidate, once', () => {
    const onEnough = vi.fn();
    const watcher = createGatheringWatcher({ needed: 'host', onEnough });
    watcher.candidate(hostUdp);
    // A second interface (a VPN, say) in the same burst is still included.
    vi.advanceTimersByTime(ICE_SETTLE_MS - 1);
    watcher.candidate(hostUdp);
    expect(onEnough).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onEnough).toHaveBeenCalledTimes(1);
    watcher.candidate(hostUdp);
    vi.advanceTimersByTime(1000);
    expect(onEnough).toHaveBeenCalledTimes(1);
  });

  it('never counts TCP candidates, nor host ones when STUN or TURN is configured', () => {
    const onEnough = vi.fn();
    const watcher = createGatheringWatcher({ needed: 'relay', onEnough });
    watcher.candidate(hostTcp);
    watcher.candidate(hostUdp);
    watcher.candidate(srflx);
    watcher.candidate({ type: 'relay', protocol: 'tcp' });
    vi.advanceTimersByTime(1000);
    expect(onEnough).not.toHaveBeenCalled();
    watcher.candidate(relay);
    vi.advanceTimersByTime(ICE_SETTLE_MS);
    expect(onEnough).toHaveBeenCalledTimes(1);

    const stun = vi.fn();
    const second = createGatheringWatcher({ needed: 'srflx', onEnough: stun });
    second.candidate(hostUdp);
    vi.advanceTimersByTime(1000);
    expect(stun).not.toHaveBeenCalled();
    second.candidate(srflx);
    vi.advanceTimersByTime(ICE_SETTLE_MS);
    expect(stun).toHaveBeenCalledTimes(1);
  });

  it('does nothing once the browser finished by itself, or after the call closed', () => {
    const onEnough = vi.fn();
    const watcher = createGatheringWatcher({ needed: 'host', onEnough });
    watcher.candidate(hostUdp);
    watcher.candidate(null);
    vi.advanceTimersByTime(1000);
    expect(onEnough).not.toHaveBeenCalled();

    const closed = createGatheringWatcher({ needed: 'host', onEnough });
    closed.candidate(hostUdp);
    closed.dispose();
    vi.advanceTimersByTime(1000);
    expect(onEnough).not.toHaveBeenCalled();
  });

  it('starts over for an ICE restart (a new gathering round)', () => {
    const onEnough = vi.fn();
    const watcher = createGatheringWatcher({ needed: 'host', onEnough });
    watcher.candidate(hostUdp);
    vi.advanceTimersByTime(ICE_SETTLE_MS);
    expect(onEnough).toHaveBeenCalledTimes(1);
    watcher.restart();
    watcher.candidate(hostUdp);
    vi.advanceTimersByTime(ICE_SETTLE_MS);
    expect(onEnough).toHaveBeenCalledTimes(2);
  });
});
