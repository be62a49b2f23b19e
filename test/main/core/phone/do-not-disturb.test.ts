import { afterEach, describe, expect, it, vi } from 'vitest';
import { Grammar, SessionState, type Invitation } from 'sip.js';
import type { AccountService } from '../../../../src/main/core/account/account-service.ts';
import { createCallRecorder } from '../../../../src/main/core/calllog/call-recorder.ts';
import { getCall } from '../../../../src/main/core/calllog/calls-table.ts';
import { createLogger, memorySink } from '../../../../src/main/core/log/logger.ts';
import { createMediaBridge } from '../../../../src/main/core/media/media-bridge.ts';
import { createOperatorStateService } from '../../../../src/main/core/operator/operator-state-service.ts';
import { createPhoneService, type PhoneService } from '../../../../src/main/core/phone/phone-service.ts';
import type { SettingsService } from '../../../../src/main/core/settings/settings-service.ts';
import { createStatusService } from '../../../../src/main/core/status/status-service.ts';
import { openDatabase } from '../../../../src/main/core/store/database.ts';
import type { CallView } from '../../../../src/shared/model/call.ts';
import { SettingsSchema } from '../../../../src/shared/model/settings.ts';

// The phone's do-not-disturb hook, without a PBX: the SIP endpoint is replaced by one that
// "registers" at once and hands over INVITEs the test makes up.

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

function fakeInvitation() {
  return {
    request: {
      callId: `sip-${Math.random().toString(36).slice(2)}`,
      getHeader: () => undefined,
      to: { uri: { user: '101' } },
    },
    remoteIdentity: Grammar.nameAddrHeaderParse('"Иван" <sip:84951234567@pbx.test>'),
    state: SessionState.Initial,
    delegate: undefined as unknown,
    stateChange: { addListener: vi.fn() },
    reject: vi.fn(async () => undefined),
  };
}

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
  sip.onInvite = undefined;
});

async function startPhone(options: {
  acceptIncoming?: (call: CallView) => boolean;
  onCallUpdated?: (call: CallView) => void;
}): Promise<{ phone: PhoneService; updates: CallView[] }> {
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
  const updates: CallView[] = [];
  const phone = createPhoneService({
    settings: { get: () => settings } as unknown as SettingsService,
    account: { password: async () => 'secret', isComplete: () => true } as unknown as AccountService,
    media: createMediaBridge({ send: () => undefined, log }),
    status,
    system: {
      onResume: () => () => undefined,
      onUnlock: () => () => undefined,
      onOnlineChange: () => () => undefined,
    },
    log,
    userAgentString: 'Hotline/test',
    acceptIncoming: options.acceptIncoming,
    onCallUpdated: (call) => {
      updates.push(call);
      options.onCallUpdated?.(call);
    },
  });
  stops.push(() => phone.stop());
  await phone.start();
  await vi.waitFor(() => expect(status.get().registration.state).toBe('registered'));
  return { phone, updates };
}

function ring(): ReturnType<typeof fakeInvitation> {
  const invitation = fakeInvitation();
  sip.onInvite!(invitation as unknown as Invitation);
  return invitation;
}

describe('phone: do-not-disturb hook', () => {
  it('declined by the hook: 480 at once, never rings, one "ended / declined" update', async () => {
    const asked: CallView[] = [];
    const { phone, updates } = await startPhone({
      acceptIncoming: (call) => {
        asked.push(call);
        return false;
      },
    });
    const invitation = ring();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      direction: 'inbound',
      state: 'ringing',
      remote: { number: '84951234567' },
    });
    expect(invitation.reject).toHaveBeenCalledTimes(1);
    expect(invitation.reject).toHaveBeenCalledWith({ statusCode: 480, reasonPhrase: 'Do Not Disturb' });
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      id: asked[0]!.id,
      state: 'ended',
      end: { reason: 'declined', statusCode: 480, phrase: 'Do Not Disturb' },
    });
    expect(updates[0]!.endedAt).toBeTypeOf('number');
    expect(updates[0]!.answeredAt).toBeUndefined();
    expect(phone.list()).toEqual([]);
    expect(invitation.delegate).toBeUndefined();
  });

  it('accepted by the hook (or with no hook): it rings as before', async () => {
    const { phone, updates } = await startPhone({ acceptIncoming: () => true });
    const invitation = ring();
    expect(invitation.reject).not.toHaveBeenCalled();
    expect(updates.map((u) => u.state)).toEqual(['ringing']);
    expect(phone.list()).toHaveLength(1);
  });

  it('a hook that throws lets the call ring (a bug must not cost a call)', async () => {
    const { phone } = await startPhone({
      acceptIncoming: () => {
        throw new Error('boom');
      },
    });
    const invitation = ring();
    expect(invitation.reject).not.toHaveBeenCalled();
    expect(phone.list().map((c) => c.state)).toEqual(['ringing']);
  });

  it('wired to the operator state and the call log: Not ready declines and files the call; Ready rings', async () => {
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
    const operator = createOperatorStateService({
      db,
      log,
      settings: () => SettingsSchema.parse({}).operator,
      onStatus: () => undefined,
    });
    stops.push(() => operator.stop());
    operator.onRegistration('registered');
    operator.set({ state: 'not-ready', reason: 'lunch' });
    const { updates } = await startPhone({
      acceptIncoming: (call) => operator.acceptIncoming(call),
      onCallUpdated: (call) => {
        callLog.record(call);
        operator.onCall(call);
      },
    });

    const declined = ring();
    expect(declined.reject).toHaveBeenCalledWith({ statusCode: 480, reasonPhrase: 'Do Not Disturb' });
    const row = getCall(db, updates[0]!.id)!;
    expect(row).toMatchObject({
      direction: 'inbound',
      remoteNumber: '84951234567',
      outcome: 'declined',
      endReason: 'declined',
      endedBy: 'local',
      sipStatus: 480,
      sipReason: 'Do Not Disturb',
    });
    expect(row.endedAt).not.toBeNull();
    expect(operator.status()).toMatchObject({ state: 'not-ready', reason: 'lunch' });

    operator.set({ state: 'ready' });
    const rings = ring();
    expect(rings.reject).not.toHaveBeenCalled();
    expect(operator.status().state).toBe('on-call');
  });
});
