import { describe, expect, it } from 'vitest';
import { createMediaBridge } from '../../../../src/main/core/media/media-bridge.ts';
import {
  IpcSessionDescriptionHandler,
  toDescriptionOptions,
} from '../../../../src/main/core/media/ipc-session-description-handler.ts';
import { createLogger, memorySink } from '../../../../src/main/core/log/logger.ts';
import type { MediaRequestEvent } from '../../../../src/shared/ipc/media.ts';

function setup(timeoutMs = 200) {
  const sent: MediaRequestEvent[] = [];
  const sink = memorySink();
  const bridge = createMediaBridge({
    send: (r) => sent.push(r),
    log: createLogger(sink),
    defaultTimeoutMs: timeoutMs,
  });
  return { bridge, sent, sink };
}

describe('media bridge', () => {
  it('matches responses to requests by id, in any order', async () => {
    const { bridge, sent } = setup();
    const a = bridge.call('getDescription', { callId: 'a', options: {} });
    const b = bridge.call('countOpen', {});
    bridge.respond({ id: sent[1]!.id, ok: true, value: { peerConnections: 2 } });
    bridge.respond({ id: sent[0]!.id, ok: true, value: { body: 'v=0', contentType: 'application/sdp' } });
    expect(await a).toEqual({ body: 'v=0', contentType: 'application/sdp' });
    expect(await b).toEqual({ peerConnections: 2 });
    expect(bridge.pendingCount()).toBe(0);
  });

  it('times out a request the renderer never answers, and ignores the late answer', async () => {
    const { bridge, sent, sink } = setup(50);
    await expect(bridge.call('close', { callId: 'x' })).rejects.toMatchObject({ code: 'TIMEOUT' });
    bridge.respond({ id: sent[0]!.id, ok: true, value: {} });
    expect(sink.records.some((r) => r.message.includes('unknown or expired'))).toBe(true);
  });

  it('turns a renderer error into a rejected call', async () => {
    const { bridge, sent } = setup();
    const p = bridge.call('setDescription', { callId: 'a', sdp: 'garbage', options: {} });
    bridge.respond({ id: sent[0]!.id, ok: false, error: 'Failed to parse SessionDescription' });
    await expect(p).rejects.toThrow(/Failed to parse/);
  });

  it('rejects a response that breaks the method’s schema', async () => {
    const { bridge, sent } = setup();
    const p = bridge.call('getDescription', { callId: 'a', options: {} });
    bridge.respond({ id: sent[0]!.id, ok: true, value: { body: 42 } });
    await expect(p).rejects.toThrow(/Malformed media response/);
  });

  it('fails every pending request at once when the renderer is gone, and tells listeners why', async () => {
    const { bridge } = setup(10_000);
    bridge.report({ kind: 'ready' });
    const reasons: string[] = [];
    bridge.onHostGone((r) => reasons.push(r));
    const calls = [
      bridge.call('create', { callId: 'a', iceServers: [], iceGatheringTimeoutMs: 500 }),
      bridge.call('countOpen', {}),
    ];
    bridge.hostGone('renderer-crashed');
    for (const call of calls) await expect(call).rejects.toMatchObject({ code: 'DISCONNECTED' });
    expect(reasons).toEqual(['renderer-crashed']);
    expect(bridge.isHostReady()).toBe(false);
  });
});

describe('IPC session description handler', () => {
  it('creates media at once; the offer follows in order without waiting a round trip, and resolves after creation', async () => {
    const { bridge, sent } = setup();
    const sdh = new IpcSessionDescriptionHandler(
      bridge,
      'call-1',
      { iceServers: [], iceGatheringTimeoutMs: 500 },
      createLogger(memorySink()),
    );
    expect(sent.map((r) => r.method)).toEqual(['create']);
    expect(sdh.hasDescription('application/sdp')).toBe(true);
    expect(sdh.hasDescription('text/plain')).toBe(false);
    let settled = false;
    const description = sdh
      .getDescription({ hold: true, constraints: { audio: true }, extra: () => 1 })
      .finally(() => (settled = true));
    // Queued right behind `create` (the renderer takes requests in arrival order).
    await expect.poll(() => sent.length).toBe(2);
    expect(sent[1]).toMatchObject({
      method: 'getDescription',
      params: { callId: 'call-1', options: { hold: true } },
    });
    bridge.respond({ id: sent[1]!.id, ok: true, value: { body: 'v=0', contentType: 'application/sdp' } });
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toBe(false); // not before creation is confirmed
    bridge.respond({ id: sent[0]!.id, ok: true, value: {} });
    expect(await description).toEqual({ body: 'v=0', contentType: 'application/sdp' });
  });

  it('reports a failed creation as the error, not the follow-up request that found no call', async () => {
    const { bridge, sent } = setup();
    const sdh = new IpcSessionDescriptionHandler(
      bridge,
      'call-2',
      { iceServers: [], iceGatheringTimeoutMs: 500 },
      createLogger(memorySink()),
    );
    const answer = sdh.setDescription('v=0');
    await expect.poll(() => sent.length).toBe(2);
    bridge.respond({ id: sent[1]!.id, ok: false, error: 'Error: No media for call call-2' });
    bridge.respond({ id: sent[0]!.id, ok: false, error: 'NotAllowedError: peer connection refused' });
    await expect(answer).rejects.toThrow(/peer connection refused/);
  });

  it('sends DTMF asynchronously and refuses tones outside RFC 4733', async () => {
    const { bridge, sent } = setup();
    const sdh = new IpcSessionDescriptionHandler(
      bridge,
      'c',
      { iceServers: [], iceGatheringTimeoutMs: 500 },
      createLogger(memorySink()),
    );
    bridge.respond({ id: sent[0]!.id, ok: true, value: {} });
    expect(sdh.sendDtmf('12#', { duration: 160 })).toBe(true);
    expect(sdh.sendDtmf('<script>')).toBe(false);
    await expect.poll(() => sent.length).toBe(2);
    expect(sent[1]).toMatchObject({
      method: 'sendDtmf',
      params: { tones: '12#', durationMs: 160, interToneGapMs: 70 },
    });
  });

  it('close() is safe to call twice and after the renderer is gone', async () => {
    const { bridge, sent } = setup();
    const sdh = new IpcSessionDescriptionHandler(
      bridge,
      'c',
      { iceServers: [], iceGatheringTimeoutMs: 500 },
      createLogger(memorySink()),
    );
    bridge.respond({ id: sent[0]!.id, ok: true, value: {} });
    sdh.close();
    sdh.close();
    await expect.poll(() => sent.filter((r) => r.method === 'close').length).toBe(1);
    bridge.hostGone('renderer-closed');
  });

  it('passes only data options across IPC', () => {
    expect(
      toDescriptionOptions({ hold: false, offerOptions: { iceRestart: true }, onDataChannel: () => 1 }),
    ).toEqual({ hold: false, iceRestart: true });
    expect(toDescriptionOptions(undefined)).toEqual({});
    expect(toDescriptionOptions('x')).toEqual({});
  });
});
