import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession } from 'playwright-core';
import { runSipp, startBaresip, type Baresip, type Pbx } from '../../tools/pbx/stack.ts';
import { startHotline, type HotlineUnderTest } from '../helpers/hotline.ts';
import { registerAs101, startTestPbx } from '../helpers/pbx.ts';

// The ringtone plays while a call rings here and stops when it is answered or declined; ringback
// plays while our outbound call rings there. Watched through Chromium's own media-player events
// (DevTools Media domain), so no test hook is needed in the app.

let pbx: Pbx;
let hotline: HotlineUnderTest;
let ringer: Baresip;
let cdp: CDPSession;
const players = new Map<string, { duration?: number; playing: boolean }>();

function playing(durationS: number): boolean {
  return [...players.values()].some(
    (p) => p.playing && p.duration !== undefined && Math.abs(p.duration - durationS) < 0.2,
  );
}

beforeAll(async () => {
  pbx = await startTestPbx();
  ringer = await startBaresip(pbx, '1001', 5096, [31100, 31199], { autoAnswer: false });
  hotline = await startHotline();
  cdp = await hotline.browser.newCDPSession(hotline.page);
  cdp.on('Media.playerEventsAdded', ({ playerId, events }) => {
    const player = players.get(playerId) ?? { playing: false };
    for (const event of events) {
      const value = JSON.parse(event.value) as { event: string; duration?: number };
      if (value.event === 'kPlay') player.playing = true;
      // Stopping a tone pauses it and rewinds it to the start; Chromium logs the rewind (kSeek).
      if (value.event === 'kPause' || value.event === 'kEnded' || value.event === 'kSeek')
        player.playing = false;
      if (value.event === 'kDurationChanged' && typeof value.duration === 'number')
        player.duration = value.duration;
    }
    players.set(playerId, player);
  });
  await cdp.send('Media.enable');
  await hotline.page.waitForSelector('[data-app-ready="true"]');
  await registerAs101(hotline, pbx);
});

afterAll(async () => {
  await hotline?.close();
  await ringer?.stop();
  await pbx?.stop();
});

const RINGTONE_S = 4.0;
const RINGBACK_S = 5.0;

describe('tones', () => {
  it('the ringtone plays while an inbound call rings and stops when it is declined', async () => {
    const caller = runSipp(pbx, 'uac', {
      service: '101',
      localPort: 5070,
      vars: { caller: '1', callername: 'Ring' },
    });
    const ringing = await hotline.waitForCall((c) => c.state === 'ringing');
    await expect.poll(() => playing(RINGTONE_S), { timeout: 5000 }).toBe(true);
    await hotline.call('call:decline', { callId: ringing.id });
    await expect.poll(() => playing(RINGTONE_S), { timeout: 5000 }).toBe(false);
    await caller.done;
  });

  it('ringback plays while our call rings at the far end and stops when we cancel', async () => {
    const call = await hotline.call('call:dial', { target: '1001' });
    await hotline.waitForCall((c) => c.id === call.id && c.state === 'ringback');
    await expect.poll(() => playing(RINGBACK_S), { timeout: 5000 }).toBe(true);
    expect(playing(RINGTONE_S)).toBe(false);
    await hotline.call('call:hangup', { callId: call.id });
    await expect.poll(() => playing(RINGBACK_S), { timeout: 5000 }).toBe(false);
  });
});
