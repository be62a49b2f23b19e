import { afterEach, describe, expect, it, vi } from 'vitest';
import { Grammar, SessionState, type Invitation } from 'sip.js';
import type { AccountService } from '../../../../src/main/core/account/account-service.ts';
import { createCallRecorder } from '../../../../src/main/core/calllog/call-recorder.ts';
import { getCall } from '../../../../src/main/core/calllog/calls-table.ts';
import { createLogger, memorySink } from '../../../../src/main/core/log/logger.ts';
import { IpcSessionDescriptionHandler } from '../../../../src/main/core/media/ipc-session-description-handler.ts';
import { createMediaBridge, type MediaBridge } from '../../../../src/main/core/media/media-bridge.ts';
import {
  createPhoneService,
  type CallUpdateDetail,
  type PhoneServiceOptions,
} from '../../../../src/main/core/phone/phone-service.ts';
import type { SettingsService } from '../../../../src/main/core/settings/settings-service.ts';
import { createStatusService } from '../../../../src/main/core/status/status-service.ts';
import { openDatabase } from '../../../../src/main/core/store/database.ts';
import { QualitySummarySchema, type QualitySample } from '../../../../src/shared/media/quality.ts';
import type { CallView } from '../../../../src/shared/model/call.ts';
import { SettingsSchema } from '../../../../src/shared/model/settings.ts';

// The phone's handling of the media engine's quality samples, without a PBX: the SIP endpoint is
// replaced by one that "registers" at once and hands over INVITEs the test makes up; the test moves
// the made-up session through its states and sends samples through the real media bridge.

const sip = vi.hoisted(() => ({ onInvite: undefined as undefined | ((invitation: unknown) => void) }));

vi.mock('../../../../src/main/core/phone/sip-endpoint.ts', () => ({
  createSipEndpoint: (config: { onInvite?: (invitation: unknown) => void }) => {
    sip.onInvite = config.onInvite;
    return {
      ua: {},
      isConnected: () => true,
      connect: async () => undefined,
      disconnect: async () => undefined,
      register: async () => ({ ok: true }),
      recreateRegisterer: async () => undefined,
      onLost: () => () => undefined,
      dispose: async () => undefined,
    };
  },
}));

/** A made-up inbound session whose media handler answers to `mediaId`. */
function fakeInvitation(mediaId: string) {
  const listeners: Array<(state: SessionState) => void> = [];
  const sdh = Object.assign(Object.create(IpcSessionDescriptionHandler.prototype) as object, {
    callId: mediaId,
  });
  return {
    request: {
      callId: `sip-${mediaId}`,
      getHeader: () => undefined,
      to: { uri: { user: '101' } },
    },
    remoteIdentity: Grammar.nameAddrHeaderParse('"Иван" <sip:84951234567@pbx.test>'),
    state: SessionState.Initial,
    delegate: undefined as unknown,
    sessionDescriptionHandler: sdh,
    stateChange: { addListener: (listener: (state: SessionState) => void) => listeners.push(listener) },
    reject: vi.fn(async () => undefined),
    /** A re-INVITE (hold, resume): the far end accepts it. */
    invite: vi.fn(async (options: { requestDelegate?: { onAccept?: () => void } }) => {
      options.requestDelegate?.onAccept?.();
    }),
    /** Moves the session on, as SIP.js would. */
    go(state: SessionState) {
      this.state = state;
      for (const listener of listeners) listener(state);
    },
  };
}

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
  sip.onInvite = undefined;
});

interface Update {
  call: CallView;
  detail?: CallUpdateDetail;
}

async function startPhone(onCallUpdated?: PhoneServiceOptions['onCallUpdated']) {
  const log = createLogger(memorySink());
  const settings = SettingsSchema.parse({
    account: { wssUrl: 'wss://pbx.test/ws', sipUri: 'sip:101@pbx.test' },
  });
  const status = createStatusService({
    registration: { state: 'unregistered' },
    operator: { state: 'offline' },
    storage: { writable: true, pendingWrites: 0 },
    sync: { state: 'off', pending: 0, failed: 0 },
  });
  const media: MediaBridge = createMediaBridge({ send: () => undefined, log });
  const updates: Update[] = [];
  const phone = createPhoneService({
    settings: { get: () => settings } as unknown as SettingsService,
    account: { password: async () => 'secret', isComplete: () => true } as unknown as AccountService,
    media,
    status,
    system: {
      onResume: () => () => undefined,
      onUnlock: () => () => undefined,
      onOnlineChange: () => () => undefined,
    },
    log,
    userAgentString: 'Hotline/test',
    onCallUpdated: (call, detail) => {
      updates.push(detail ? { call, detail } : { call });
      onCallUpdated?.(call, detail);
    },
  });
  stops.push(() => phone.stop());
  await phone.start();
  await vi.waitFor(() => expect(status.get().registration.state).toBe('registered'));
  return { phone, media, updates };
}

function ring(mediaId = 'm1') {
  const invitation = fakeInvitation(mediaId);
  sip.onInvite!(invitation as unknown as Invitation);
  return invitation;
}

const sample = (patch: Partial<QualitySample> = {}): QualitySample => ({
  rttMs: 40,
  jitterMs: 12,
  lossPct: 0.2,
  mos: 4.32,
  level: 'good',
  ...patch,
});

describe('phone: call quality', () => {
  it('publishes a sample only when what the indicator shows changes: one update at most, none when the same', async () => {
    const { media, updates } = await startPhone();
    const invitation = ring('m1');
    const report = (s: QualitySample, callId = 'm1') => media.report({ kind: 'quality', callId, sample: s });

    // Ringing: no media to judge yet; ignored.
    report(sample());
    expect(updates.map((u) => u.call.state)).toEqual(['ringing']);

    invitation.go(SessionState.Established);
    expect(updates).toHaveLength(2);

    report(sample({ rttMs: 40.4, jitterMs: 12.3, lossPct: 0.24, mos: 4.3249 }));
    expect(updates).toHaveLength(3);
    expect(updates[2]!.call.quality).toEqual({
      level: 'good',
      mos: 4.3,
      lossPct: 0.2,
      jitterMs: 12,
      rttMs: 40,
    });

    // Rounds alike: nothing published.
    report(sample({ mos: 4.27, jitterMs: 11.6, lossPct: 0.15, rttMs: 39.6 }));
    report(sample());
    expect(updates).toHaveLength(3);

    // A rounded value changed: exactly one update per report.
    report(sample({ jitterMs: 25 }));
    expect(updates).toHaveLength(4);
    expect(updates[3]!.call.quality?.jitterMs).toBe(25);

    // Another call's media, or none known: nothing.
    report(sample({ jitterMs: 90 }), 'm-unknown');
    expect(updates).toHaveLength(4);

    // The level changed (the MOS decides it, not what the renderer said).
    report(sample({ jitterMs: 25, mos: 3.1, level: 'good' }));
    expect(updates).toHaveLength(5);
    expect(updates[4]!.call.quality).toMatchObject({ level: 'poor', mos: 3.1 });
  });

  it('keeps measuring on hold; the ended update carries the summary of every sample, shown or not', async () => {
    const { phone, media, updates } = await startPhone();
    const invitation = ring('m2');
    invitation.go(SessionState.Established);
    const report = (s: QualitySample) => media.report({ kind: 'quality', callId: 'm2', sample: s });
    report(sample({ mos: 4.4, lossPct: 0, jitterMs: 10, rttMs: 40 }));
    report(sample({ mos: 4.4, lossPct: 0, jitterMs: 10, rttMs: 40 })); // unchanged: not shown, still counted
    await phone.hold(updates[0]!.call.id, true);
    expect(updates.at(-1)!.call).toMatchObject({ state: 'held', quality: { mos: 4.4 } });
    report(sample({ mos: 3.5, lossPct: 3.25, jitterMs: 30, rttMs: undefined, level: 'poor' }));
    expect(updates.at(-1)!.call).toMatchObject({ state: 'held', quality: { mos: 3.5, level: 'poor' } });
    report(sample({ mos: 4.2, lossPct: 1, jitterMs: 20, rttMs: 61 }));
    // ringing, active, the first sample, hold, the two that changed what shows.
    expect(updates.map((u) => [u.call.state, u.call.quality?.mos])).toEqual([
      ['ringing', undefined],
      ['active', undefined],
      ['active', 4.4],
      ['held', 4.4],
      ['held', 3.5],
      ['held', 4.2],
    ]);
    expect(updates.every((u) => u.detail === undefined)).toBe(true);

    invitation.go(SessionState.Terminated);
    await vi.waitFor(() => expect(updates.at(-1)!.call.state).toBe('ended'));
    const ended = updates.at(-1)!;
    expect(ended.detail?.qualitySummary).toEqual({
      samples: 4,
      mosAvg: 4.13, // (4.4 + 4.4 + 3.5 + 4.2) / 4 = 4.125
      mosMin: 3.5,
      level: 'good',
      lossPctMax: 3.3,
      jitterMsMax: 30,
      rttMsAvg: 47, // (40 + 40 + 61) / 3
    });
    expect(updates.filter((u) => u.detail)).toHaveLength(1);

    // Gone from the phone: a late sample changes nothing.
    report(sample({ jitterMs: 99 }));
    expect(updates.at(-1)).toBe(ended);
  });

  it('a call that never measured anything ends without a summary', async () => {
    const { updates } = await startPhone();
    const invitation = ring('m3');
    invitation.go(SessionState.Established);
    invitation.go(SessionState.Terminated);
    await vi.waitFor(() => expect(updates.at(-1)!.call.state).toBe('ended'));
    expect(updates.at(-1)!.detail).toBeUndefined();
    expect(updates.every((u) => u.call.quality === undefined)).toBe(true);
  });

  it('wired to the call log as the core wires it: the ended call’s row keeps the summary as JSON', async () => {
    const log = createLogger(memorySink());
    const db = openDatabase({ path: ':memory:', log });
    stops.push(() => void db.close());
    const callLog = createCallRecorder({
      db,
      log,
      defaultRegion: () => 'RU',
      account: () => 'sip:101@pbx.test',
    });
    stops.push(() => callLog.dispose());
    const { media, updates } = await startPhone((call, detail) => callLog.record(call, undefined, detail));

    const invitation = ring('m4');
    invitation.go(SessionState.Established);
    media.report({ kind: 'quality', callId: 'm4', sample: sample({ mos: 4.1, jitterMs: 14, rttMs: 30 }) });
    media.report({ kind: 'quality', callId: 'm4', sample: sample({ mos: 3.7, jitterMs: 22, lossPct: 2.5 }) });
    const id = updates[0]!.call.id;
    expect(getCall(db, id)!.quality).toBeNull(); // only the finished call gets its summary
    invitation.go(SessionState.Terminated);
    await vi.waitFor(() => expect(getCall(db, id)!.endedAt).not.toBeNull());

    const stored = JSON.parse(getCall(db, id)!.quality!) as unknown;
    expect(QualitySummarySchema.parse(stored)).toEqual({
      samples: 2,
      mosAvg: 3.9,
      mosMin: 3.7,
      level: 'fair',
      lossPctMax: 2.5,
      jitterMsMax: 22,
      rttMsAvg: 35,
    });
  });
});
