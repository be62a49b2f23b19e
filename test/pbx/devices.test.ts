import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSipp, startBaresip, type Baresip, type Pbx } from '../../tools/pbx/stack.ts';
import { startHotline, type HotlineUnderTest } from '../helpers/hotline.ts';
import { registerAs101, startTestPbx } from '../helpers/pbx.ts';

// Audio devices with Chromium's fake devices (two microphones, two outputs besides the defaults):
// the ringtone goes to the ringer output, a call to the chosen microphone and speaker; unplugging a
// chosen device mid-call moves the call to the default without dropping it and tells the operator;
// plugging it back moves the call back.
//
// Chromium cannot unplug a fake device, so the page's device list is filtered: `unplug(labels)`
// hides those devices from enumerateDevices and fires `devicechange`, as the OS would. What the app
// does then (re-resolve, replaceTrack, setSinkId) runs for real. Two read-only taps watch
// RTCPeerConnection and <audio> elements, which the app keeps out of the DOM.
const PAGE_TAPS = `
  (() => {
    const hidden = new Set();
    const md = navigator.mediaDevices;
    const enumerate = md.enumerateDevices.bind(md);
    md.enumerateDevices = async () => (await enumerate()).filter((d) => !hidden.has(d.label));
    window.__unplug = (labels) => {
      hidden.clear();
      for (const label of labels) hidden.add(label);
      md.dispatchEvent(new Event('devicechange'));
    };
    window.__pcs = [];
    const PC = window.RTCPeerConnection;
    window.RTCPeerConnection = function (...args) {
      const pc = new PC(...args);
      window.__pcs.push(pc);
      return pc;
    };
    window.RTCPeerConnection.prototype = PC.prototype;
    window.__media = new Set();
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function () {
      window.__media.add(this);
      return play.call(this);
    };
  })();
`;

// The page's side, typed here without pulling the DOM library into the Node test project.
interface PageMedia {
  srcObject: unknown;
  src: string;
  loop: boolean;
  paused: boolean;
  sinkId: string;
}
interface PageWindow {
  __unplug(labels: string[]): void;
  __pcs: Array<{
    connectionState: string;
    getSenders(): Array<{ track: { kind: string; label: string; readyState: string } | null }>;
  }>;
  __media: Set<PageMedia>;
  navigator: {
    mediaDevices: {
      getUserMedia(c: { audio: boolean }): Promise<{ getTracks(): Array<{ stop(): void }> }>;
      enumerateDevices(): Promise<PageDevice[]>;
    };
  };
}

interface PageDevice {
  deviceId: string;
  groupId: string;
  kind: string;
  label: string;
}

let pbx: Pbx;
let hotline: HotlineUnderTest;
let far: Baresip;
let devices: PageDevice[];

const device = (label: string) => {
  const found = devices.find((d) => d.label === label);
  if (!found) throw new Error(`Chromium has no fake device "${label}"`);
  return { id: found.deviceId, label: found.label, groupId: found.groupId };
};

const unplug = (labels: string[]) =>
  hotline.page.evaluate((l) => (globalThis as unknown as PageWindow).__unplug(l), labels);

/** The live call's outgoing microphone track label and the remote audio element's output. */
function callRouting() {
  return hotline.page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    const pc = w.__pcs.find((p) => p.connectionState !== 'closed');
    const track = pc?.getSenders().find((s) => s.track?.kind === 'audio')?.track;
    // The call's element plays a MediaStream (srcObject); the tones play WAV blobs (src).
    const remote = [...w.__media].find((m) => m.srcObject !== null && !m.src && !m.paused);
    return { microphone: track?.label, live: track?.readyState, speaker: remote?.sinkId };
  });
}

/** The output the playing ringtone (a looping WAV blob) goes to. */
function ringtoneSink() {
  return hotline.page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    const tone = [...w.__media].find((m) => m.src.startsWith('blob:') && m.loop && !m.paused);
    return tone?.sinkId;
  });
}

beforeAll(async () => {
  pbx = await startTestPbx();
  far = await startBaresip(pbx, '1000', 5090, [31000, 31099]);
  hotline = await startHotline({ initScript: PAGE_TAPS });
  await hotline.page.waitForSelector('[data-app-ready="true"]');
  await registerAs101(hotline, pbx);
  devices = await hotline.page.evaluate(async () => {
    // Labels need the microphone permission (granted by Chromium's fake UI flag).
    const { mediaDevices } = (globalThis as unknown as PageWindow).navigator;
    const stream = await mediaDevices.getUserMedia({ audio: true });
    for (const track of stream.getTracks()) track.stop();
    return (await mediaDevices.enumerateDevices()).map((d) => ({
      deviceId: d.deviceId,
      groupId: d.groupId,
      kind: d.kind,
      label: d.label,
    }));
  });
  await hotline.call('settings:update', {
    patch: {
      audio: {
        microphone: device('Fake Audio Input 2'),
        speaker: device('Fake Audio Output 1'),
        ringer: device('Fake Audio Output 2'),
      },
    },
  });
});

afterAll(async () => {
  await hotline?.close();
  await far?.stop();
  await pbx?.stop();
});

describe('audio devices', () => {
  it('rings on the ringer output, not the speaker', async () => {
    const caller = runSipp(pbx, 'uac', {
      service: '101',
      localPort: 5070,
      vars: { caller: '1', callername: 'Ring' },
    });
    const ringing = await hotline.waitForCall((c) => c.state === 'ringing');
    await expect.poll(ringtoneSink, { timeout: 5000 }).toBe(device('Fake Audio Output 2').id);
    await hotline.call('call:decline', { callId: ringing.id });
    await caller.done;
  });

  it("the settings screen's ringtone test plays once on the ringer output", async () => {
    await hotline.page.keyboard.press('Control+Comma');
    await hotline.page.getByRole('button', { name: 'Play ringtone' }).click();
    const sink = () =>
      hotline.page.evaluate(() => {
        const w = globalThis as unknown as PageWindow;
        return [...w.__media].find((m) => m.src.startsWith('blob:') && !m.loop)?.sinkId;
      });
    await expect.poll(sink, { timeout: 5000 }).toBe(device('Fake Audio Output 2').id);
    await hotline.page.keyboard.press('Control+Digit1');
  });

  it('moves a call to the default devices when its headset is unplugged, tells the operator, and back when it returns', async () => {
    const call = await hotline.call('call:dial', { target: '1000' });
    await hotline.waitForCall((c) => c.id === call.id && c.state === 'active');
    await expect
      .poll(callRouting, { timeout: 10_000 })
      .toEqual({ microphone: 'Fake Audio Input 2', live: 'live', speaker: device('Fake Audio Output 1').id });

    await unplug(['Fake Audio Input 2', 'Fake Audio Output 1']);
    await expect
      .poll(callRouting, { timeout: 10_000 })
      .toEqual({ microphone: 'Fake Default Audio Input', live: 'live', speaker: '' });
    const notices = hotline.page.getByTestId('device-notices');
    await notices
      .getByText('Microphone “Fake Audio Input 2” is not connected: using the default microphone.')
      .waitFor();
    await notices
      .getByText('Speaker “Fake Audio Output 1” is not connected: calls play on the default speaker.')
      .waitFor();

    // Still talking: RTP keeps flowing out on the new microphone.
    const sdh = hotline.harness.core.phone.mediaOf(call.id)!;
    const before = (await sdh.getStats()).packetsSent;
    await expect
      .poll(async () => (await sdh.getStats()).packetsSent, { timeout: 5000 })
      .toBeGreaterThan(before + 20);
    expect((await hotline.harness.core.phone.list()).find((c) => c.id === call.id)?.state).toBe('active');

    await unplug([]);
    await expect
      .poll(callRouting, { timeout: 10_000 })
      .toEqual({ microphone: 'Fake Audio Input 2', live: 'live', speaker: device('Fake Audio Output 1').id });
    await notices.waitFor({ state: 'detached' });

    await hotline.call('call:hangup', { callId: call.id });
    await hotline.waitForCall((c) => c.id === call.id && c.state === 'ended');
  });

  it('follows a device change made in settings during a call', async () => {
    const call = await hotline.call('call:dial', { target: '1000' });
    await hotline.waitForCall((c) => c.id === call.id && c.state === 'active');
    await expect
      .poll(async () => (await callRouting()).microphone, { timeout: 10_000 })
      .toBe('Fake Audio Input 2');
    await hotline.call('settings:update', {
      patch: { audio: { microphone: device('Fake Audio Input 1'), speaker: device('Fake Audio Output 2') } },
    });
    await expect
      .poll(callRouting, { timeout: 10_000 })
      .toEqual({ microphone: 'Fake Audio Input 1', live: 'live', speaker: device('Fake Audio Output 2').id });
    await hotline.call('call:hangup', { callId: call.id });
    await hotline.waitForCall((c) => c.id === call.id && c.state === 'ended');
  });
});
