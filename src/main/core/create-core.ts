import { join } from 'node:path';
import type { AppInfo } from '../../shared/ipc/contract.ts';
import { createAccountService } from './account/account-service.ts';
import { AppError } from './app-error.ts';
import { createEventHub, type EventHub } from './ipc/event-hub.ts';
import { createIpcRouter, type IpcRouter } from './ipc/router.ts';
import type { Logger } from './log/logger.ts';
import type { CorePorts } from './ports.ts';
import { createSecretVault } from './secrets/secret-vault.ts';
import { createSettingsService, type SettingsService } from './settings/settings-service.ts';
import { createStatusService, type StatusService } from './status/status-service.ts';
import { openDatabase, type Db } from './store/database.ts';
import { createCallRecorder, type CallRecorder } from './calllog/call-recorder.ts';
import { isAllowedExternalUrl } from './security/external-urls.ts';
import { createMediaBridge, type MediaBridge } from './media/media-bridge.ts';
import { createPhoneService, type PhoneService } from './phone/phone-service.ts';
import { createWrapupService, type WrapupService } from './calllog/wrapup-service.ts';
import { createSyncService, type SyncService } from './sync/sync-service.ts';

// The composition root of the core: builds every service from the ports it is given. Electron's
// src/main/index.ts and the browser harness both call this; nothing here imports `electron`.

export interface CoreOptions {
  /** Per-user data folder: the database and the user's settings file live here. */
  dataDir: string;
  managedSettingsFile: string;
  appInfo: Omit<AppInfo, 'systemLocale'> & { systemLocale: () => string };
  ports: CorePorts & {
    /** Opens a URL in the user's browser / mail client (already checked against the allowlist). */
    openExternal(url: string): Promise<void>;
  };
  log: Logger;
  /** Tests and benchmarks shorten the sync worker's waits. */
  syncBackoff?: { baseMs: number; capMs: number };
}

export interface Core {
  router: IpcRouter;
  events: EventHub;
  settings: SettingsService;
  status: StatusService;
  /** The transports (Electron window, harness socket) tell it when the media host goes away. */
  media: MediaBridge;
  phone: PhoneService;
  db: Db;
  callLog: CallRecorder;
  wrapups: WrapupService;
  sync: SyncService;
  /** Starts what talks to the network (registration). Separate so tests can wire listeners first. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const { log, ports } = options;
  const db = openDatabase({ path: join(options.dataDir, 'hotline.db'), log: log.child('store') });
  const settings = createSettingsService({
    userFile: join(options.dataDir, 'settings.json'),
    managedFile: options.managedSettingsFile,
    log: log.child('settings'),
  });
  const vault = createSecretVault(db, ports.secrets, log.child('secrets'));
  const account = createAccountService(settings, vault);
  const events = createEventHub(log.child('events'));
  // Until the phone starts: say whether there is an account to register with at all.
  const status = createStatusService({
    registration: { state: account.isComplete() ? 'unregistered' : 'not-configured' },
    operator: { state: 'offline' },
    storage: { writable: true, pendingWrites: 0 },
    sync: { state: 'off', pending: 0, failed: 0 },
  });
  const media = createMediaBridge({
    send: (request) => events.emit('media:request', request),
    log: log.child('media'),
  });
  const sync = createSyncService({
    db,
    settings,
    vault,
    log: log.child('sync'),
    appVersion: options.appInfo.version,
    onStatus: (next) => status.set({ sync: next }),
    backoff: options.syncBackoff,
  });
  const callLog = createCallRecorder({
    db,
    log: log.child('call-log'),
    defaultRegion: () => settings.get().phone.defaultRegion,
    account: () => settings.get().account.sipUri || undefined,
    onFinished: (row) => sync.enqueueCall(row),
    afterFinished: () => sync.trigger('enqueued'),
  });
  const wrapups = createWrapupService({
    db,
    log: log.child('wrap-up'),
    onSubmitted: (wrapup) => sync.enqueueWrapup(wrapup),
    afterSubmitted: () => sync.trigger('enqueued'),
  });
  // Before the phone can take a call: file what a previous run left unfinished.
  callLog.closeInterrupted();
  const phone = createPhoneService({
    settings,
    account,
    media,
    status,
    system: ports.system,
    log: log.child('phone'),
    userAgentString: `Hotline/${options.appInfo.version}`,
    onCallUpdated: (call) => {
      callLog.record(call);
      events.emit('call:updated', call);
    },
  });

  const unsubscribers = [
    settings.onChange((view) => {
      events.emit('settings:changed', view);
      // Account or transport settings changed: the phone re-registers (after any calls end).
      void phone.reconfigure().catch((error: unknown) => log.error('phone reconfigure failed', { error }));
    }),
    status.onChange((next) => events.emit('status:changed', next)),
    // A registration that succeeds means the network works again: a good moment to deliver.
    status.onChange((next) => {
      const registered = next.registration.state === 'registered';
      if (registered && !wasRegistered) sync.trigger('registered');
      wasRegistered = registered;
    }),
    ports.system.onOnlineChange((online) => sync.setOnline(online)),
  ];
  let wasRegistered = false;

  const router = createIpcRouter(
    {
      'app:getInfo': () => ({ ...options.appInfo, systemLocale: options.appInfo.systemLocale() }),
      'settings:get': () => settings.view(),
      'settings:update': ({ patch }) => settings.update(patch),
      'account:get': () => account.get(),
      'account:save': async (input) => {
        const view = await account.save(input);
        // The password alone changes no setting, so nothing else would tell the phone.
        await phone.reconfigure();
        return view;
      },
      'status:get': () => status.get(),
      'shell:openExternal': async ({ url }) => {
        if (!isAllowedExternalUrl(url)) {
          log.warn('refused to open a URL outside the allowlist', { url: url.slice(0, 200) });
          throw new AppError('FORBIDDEN', 'This link cannot be opened');
        }
        await ports.openExternal(url);
        return { opened: true };
      },
      'media:respond': (message) => {
        media.respond(message);
        return {};
      },
      'media:report': (report) => {
        media.report(report);
        return {};
      },
      'phone:retry': () => {
        phone.retry();
        return {};
      },
      'call:list': () => ({ calls: phone.list() }),
      'call:dial': ({ target, consultFor }) => phone.dial(target, { consultFor }),
      'call:answer': async ({ callId }) => (await phone.answer(callId), {}),
      'call:decline': async ({ callId }) => (await phone.decline(callId), {}),
      'call:hangup': async ({ callId }) => (await phone.hangup(callId), {}),
      'call:hold': async ({ callId, hold }) => (await phone.hold(callId, hold), {}),
      'call:mute': async ({ callId, muted }) => (await phone.mute(callId, muted), {}),
      'call:dtmf': async ({ callId, tones }) => (await phone.dtmf(callId, tones), {}),
      'call:transfer': async ({ callId, target }) => (await phone.blindTransfer(callId, target), {}),
      'call:attendedTransfer': async ({ callId, consultCallId }) => (
        await phone.attendedTransfer(callId, consultCallId),
        {}
      ),
      'wrapup:get': ({ callId }) => ({ wrapup: wrapups.get(callId) ?? null }),
      'wrapup:saveDraft': ({ callId, draft }) => wrapups.saveDraft(callId, draft),
      'wrapup:submit': ({ callId, draft }) => wrapups.submit(callId, draft),
      'wrapup:drafts': () => ({ drafts: wrapups.drafts() }),
      'sync:get': () => sync.view(),
      'sync:saveCredentials': (input) => sync.saveCredentials(input),
      'sync:now': () => (sync.trigger('manual'), {}),
      'sync:retryFailed': () => ({ requeued: sync.retryFailed() }),
    },
    log.child('ipc'),
  );

  return {
    router,
    events,
    settings,
    status,
    media,
    phone,
    db,
    callLog,
    wrapups,
    sync,
    async start() {
      sync.start();
      await phone.start();
    },
    async close() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      await phone.stop().catch((error: unknown) => log.error('phone stop failed', { error }));
      await sync.stop();
      callLog.flush();
      callLog.dispose();
      db.close();
    },
  };
}
