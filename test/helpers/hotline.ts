import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startHarness, type Harness } from '../../tools/harness/server.ts';
import { rendererOutDir } from '../../renderer.vite.config.ts';
import { createLogger, memorySink, type LogRecord } from '../../src/main/core/log/logger.ts';
import type { RequestChannel, EventChannel } from '../../src/shared/ipc/channels.ts';
import type { EventOf, RequestOf, ResponseOf, Status } from '../../src/shared/ipc/contract.ts';
import type { CallView } from '../../src/shared/model/call.ts';
import { launchChromium, type LaunchOptions } from './chromium.ts';
import { makeTempDir } from './temp-dir.ts';

// Hotline as the integration and end-to-end tests see it: the core under Node (the browser
// harness), the real renderer in Debian's Chromium doing the media, and helpers to drive the core
// through the same IPC contract the UI uses.

export interface HotlineUnderTest {
  harness: Harness;
  page: Page;
  browser: BrowserContext;
  dataDir: string;
  logs: LogRecord[];
  call<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  events<C extends EventChannel>(channel: C): Array<EventOf<C>>;
  waitForRegistration(
    state: Status['registration']['state'],
    timeoutMs?: number,
  ): Promise<Status['registration']>;
  waitForCall(predicate: (call: CallView) => boolean, timeoutMs?: number): Promise<CallView>;
  /** Restarts the core on the same data folder (and reloads the page onto the new token). */
  restartCore(): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions extends LaunchOptions {
  systemLocale?: string;
  managedSettings?: string;
  /** Keep the data folder between restarts (default: a fresh temp folder). */
  dataDir?: string;
  /** Log level of the core (default debug: tests read SIP traces). Benchmarks use info, as shipped. */
  logLevel?: 'debug' | 'info';
  /** Runs in the page before the app (e.g. to watch WebRTC objects or unplug fake devices). */
  initScript?: string;
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startHotline(options: StartOptions = {}): Promise<HotlineUnderTest> {
  const temp = options.dataDir ? undefined : makeTempDir('hotline-e2e-');
  const dataDir = options.dataDir ?? temp!.path;
  const sink = memorySink();
  const seen = new Map<EventChannel, unknown[]>();
  let harness: Harness;
  let unsubscribe: () => void = () => undefined;

  const boot = async () => {
    harness = await startHarness({
      dataDir,
      managedSettingsFile: options.managedSettings ?? join(dataDir, 'managed-settings.json'),
      staticDir: rendererOutDir,
      log: createLogger(sink, 'hotline', options.logLevel ?? 'debug'),
      systemLocale: options.systemLocale ?? 'en-US',
    });
    unsubscribe = harness.core.events.subscribe((channel, payload) => {
      const list = seen.get(channel) ?? [];
      list.push(payload);
      seen.set(channel, list);
    });
  };
  await boot();
  const browser = await launchChromium(options);
  if (options.initScript) await browser.addInitScript(options.initScript);
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(harness!.pageUrl);

  const self: HotlineUnderTest = {
    get harness() {
      return harness;
    },
    page,
    browser,
    dataDir,
    logs: sink.records,
    async call(channel, request) {
      const result = await harness.core.router.dispatch(channel, request, {
        trusted: true,
        description: 'test',
      });
      if (!result.ok)
        throw Object.assign(
          new Error(`${channel}: ${result.error.code} ${result.error.message}`),
          result.error,
        );
      return result.value as never;
    },
    events: (channel) => (seen.get(channel) ?? []) as never,
    waitForRegistration(state, timeoutMs = 10_000) {
      return waitFor(
        () => {
          const current = harness.core.status.get().registration;
          return current.state === state ? current : undefined;
        },
        timeoutMs,
        `registration ${state} (now ${harness.core.status.get().registration.state})`,
      );
    },
    waitForCall(predicate, timeoutMs = 10_000) {
      return waitFor(
        () => [...((seen.get('call:updated') ?? []) as CallView[])].reverse().find(predicate),
        timeoutMs,
        'a call update',
      );
    },
    async restartCore() {
      unsubscribe();
      await harness.close();
      await boot();
      // Only the fragment differs: leave the page first so the app really reloads.
      await page.goto('about:blank');
      await page.goto(harness.pageUrl);
    },
    async close() {
      unsubscribe();
      await browser.close().catch(() => undefined);
      await harness.close().catch(() => undefined);
      temp?.cleanup();
    },
  };
  return self;
}
