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
import type { Db } from './store/database.ts';
import { openStore } from './store/open-store.ts';
import { BACKUP_DIR, createBackupService, type BackupService } from './store/backups.ts';
import { createRetentionService } from './calllog/retention.ts';
import { createCallRecorder, type CallRecorder } from './calllog/call-recorder.ts';
import { isAllowedExternalUrl } from './security/external-urls.ts';
import { createMediaBridge, type MediaBridge } from './media/media-bridge.ts';
import { createPhoneService, type PhoneService } from './phone/phone-service.ts';
import { createWrapupService, type WrapupService } from './calllog/wrapup-service.ts';
import { createFollowUpService, type FollowUpService } from './calllog/follow-up-service.ts';
import { createSyncService, type SyncService } from './sync/sync-service.ts';
import { createOperatorStateService, type OperatorStateService } from './operator/operator-state-service.ts';
import { createScreenPop } from './workspace/screen-pop.ts';
import { createCallHistoryService } from './calllog/history-service.ts';
import { resolveUiLanguage } from '../../shared/model/settings.ts';
import { createShellService, type ShellService } from './shell/shell-service.ts';
import { createDialLinks, type DialLinks } from './phone/dial-links.ts';
import { createContactsService } from './contacts/contacts-service.ts';
import { createKnowledgeService, type KnowledgeService } from './knowledge/knowledge-service.ts';
import { createCallArticles, importContents } from './knowledge/call-articles.ts';
import { createScriptService, type ScriptService } from './scripts/script-service.ts';

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
  /** Requests and callbacks the wrap-ups created; the callback reminder. */
  followUps: FollowUpService;
  sync: SyncService;
  operator: OperatorStateService;
  /** Tray state, missed-call badge and global shortcuts (src/main/core/shell/). */
  shell: ShellService;
  knowledge: KnowledgeService;
  /** Call scripts: the scripts, the one each call gets, and the path taken (src/main/core/scripts/). */
  scripts: ScriptService;
  /** tel:/callto:/sip: links from other programs, for the dial field (phone/dial-links.ts). */
  dialLinks: DialLinks;
  /** Starts what talks to the network (registration). Separate so tests can wire listeners first. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const { log, ports } = options;
  // Checked at start-up: a damaged file is moved aside and the newest good backup restored.
  const { db, recovered } = openStore({ dataDir: options.dataDir, log: log.child('store') });
  const settings = createSettingsService({
    userFile: join(options.dataDir, 'settings.json'),
    managedFile: options.managedSettingsFile,
    log: log.child('settings'),
  });
  const vault = createSecretVault(db, ports.secrets, log.child('secrets'));
  const account = createAccountService(settings, vault);
  /** What the operator's screens depend on: masking, the region numbers are read in, the language. */
  const operatorView = () => {
    const { data, phone: phoneSettings, language } = settings.get();
    return {
      maskNumbers: data.maskNumbers,
      defaultRegion: phoneSettings.defaultRegion,
      language: resolveUiLanguage(language, options.appInfo.systemLocale()),
    };
  };
  const events = createEventHub(log.child('events'));
  // Until the phone starts: say whether there is an account to register with at all.
  const status = createStatusService({
    registration: { state: account.isComplete() ? 'unregistered' : 'not-configured' },
    operator: { state: 'offline' },
    shell: { missedCalls: 0, shortcutFailures: [] },
    storage: { writable: true, pendingWrites: 0, ...(recovered ? { recovered } : {}) },
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
  let callLogWritable = true;
  const callLog = createCallRecorder({
    db,
    log: log.child('call-log'),
    defaultRegion: () => settings.get().phone.defaultRegion,
    account: () => settings.get().account.sipUri || undefined,
    onFinished: (row) => {
      sync.enqueueCall(row);
      // An answered call needs a wrap-up: its draft exists from the end of the call, so the form
      // lists it after a reload even if the window was elsewhere when the call ended.
      if (row.answeredAt !== null) wrapups.begin(row.id, row.endedAt ?? row.lastEventAt);
    },
    // A full or read-only disk: the operator is warned; the records wait in memory meanwhile.
    onHealthChange: (healthy) => {
      callLogWritable = healthy;
      publishStorage();
    },
    onPendingChange: () => publishStorage(),
    afterFinished: () => sync.trigger('enqueued'),
  });
  /** The call log's health as the status bar shows it (a change of count or of writability). */
  function publishStorage(): void {
    const storage = {
      ...status.get().storage,
      writable: callLogWritable,
      pendingWrites: callLog.pendingCount(),
    };
    status.set({ storage });
  }
  const followUps = createFollowUpService({
    db,
    log: log.child('follow-ups'),
    notifier: ports.notifier,
    view: operatorView,
    emitDue: (callback) => events.emit('callback:due', callback),
  });
  const wrapups = createWrapupService({
    db,
    log: log.child('wrap-up'),
    rules: () => {
      const current = settings.get();
      return {
        settings: current.wrapup,
        defaultRegion: current.phone.defaultRegion,
        account: current.account.sipUri || null,
      };
    },
    onSubmitted: (wrapup, created) => sync.enqueueWrapup(wrapup, created),
    afterSubmitted: (created) => {
      sync.trigger('enqueued');
      if (created.callback) followUps.reschedule();
    },
  });
  // Before the phone can take a call: file what a previous run left unfinished.
  callLog.closeInterrupted();
  // Operator states (closes a state row a crashed run left open, then starts Offline).
  const operator = createOperatorStateService({
    db,
    log: log.child('operator'),
    settings: () => settings.get().operator,
    onStatus: (next) => status.set({ operator: next }),
  });
  // A submitted wrap-up ends the operator's wrap-up time. Wrapping `submit` (rather than the
  // service's afterSubmitted, which carries no call id) tells it only after the commit.
  const submitWrapup = wrapups.submit;
  wrapups.submit = (callId, draft, at) => {
    const submitted = submitWrapup(callId, draft, at);
    operator.wrapupSubmitted(callId);
    return submitted;
  };
  const backups: BackupService = createBackupService({
    db,
    dir: join(options.dataDir, BACKUP_DIR),
    settings: () => settings.get().data,
    log: log.child('backup'),
  });
  const retention = createRetentionService({
    db,
    settings: () => settings.get().data,
    log: log.child('retention'),
  });
  const phone = createPhoneService({
    settings,
    account,
    media,
    status,
    system: ports.system,
    log: log.child('phone'),
    userAgentString: `Hotline/${options.appInfo.version}`,
    acceptIncoming: (call) => operator.acceptIncoming(call),
    onCallUpdated: (call, detail) => {
      // The detail (an ended call's quality summary) is for the log only; the UI gets the view.
      callLog.record(call, undefined, detail);
      operator.onCall(call);
      events.emit('call:updated', call);
      screenPop.onCall(call);
      shell.onCall(call);
    },
  });
  const dialLinks = createDialLinks({
    notify: () => events.emit('dial:link', {}),
    log: log.child('links'),
  });
  const shell = createShellService({
    status,
    settings,
    language: () => operatorView().language,
    phone,
    operator,
    globalShortcuts: ports.globalShortcuts,
    log: log.child('shell'),
  });
  const history = createCallHistoryService({
    db,
    log: log.child('history'),
    view: () => ({ ...operatorView(), dispositions: settings.get().wrapup.dispositions }),
    dial: (target) => phone.dial(target),
    chooseSavePath: (request) => ports.chooseSavePath(request),
  });
  const contacts = createContactsService({
    db,
    log: log.child('contacts'),
    defaultRegion: () => settings.get().phone.defaultRegion,
    onImportProgress: (progress) => events.emit('contacts:importProgress', progress),
  });
  // A repaired database: contacts carried over from the damaged file have no search terms yet.
  if (recovered) contacts.reindex();
  const knowledge = createKnowledgeService({ db, log: log.child('knowledge') });
  const callArticles = createCallArticles({ db, knowledge, log: log.child('knowledge') });
  const scripts = createScriptService({
    db,
    log: log.child('scripts'),
    settings: () => settings.get().scripts,
    language: () => operatorView().language,
    calls: () => phone.list(),
    onRunChanged: (view) => events.emit('script:updated', view),
  });

  const screenPop = createScreenPop({
    db,
    log: log.child('screen-pop'),
    notifier: ports.notifier,
    view: operatorView,
    extras: followUps.cardExtras,
    calls: () => phone.list(),
    emitCard: (card) => events.emit('call:card', card),
    emitInPageNotification: (notification) => events.emit('notification:shown', notification),
    answer: (callId) => phone.answer(callId),
    decline: (callId) => phone.decline(callId),
  });

  const unsubscribers = [
    settings.onChange((view) => {
      events.emit('settings:changed', view);
      // Account or transport settings changed: the phone re-registers (after any calls end).
      void phone.reconfigure().catch((error: unknown) => log.error('phone reconfigure failed', { error }));
    }),
    status.onChange((next) => events.emit('status:changed', next)),
    status.onChange((next) => operator.onRegistration(next.registration.state)),
    // A registration that succeeds means the network works again: a good moment to deliver.
    status.onChange((next) => {
      const registered = next.registration.state === 'registered';
      if (registered && !wasRegistered) sync.trigger('registered');
      wasRegistered = registered;
    }),
    ports.system.onOnlineChange((online) => sync.setOnline(online)),
    // Data settings: the next backup follows the new interval; a shorter retention applies now.
    settings.onChange((view) => {
      const data = view.settings.data;
      if (data.backupIntervalH !== dataSettings.backupIntervalH) backups.reschedule();
      if (data.retentionDays !== dataSettings.retentionDays && started) void retention.runNow();
      dataSettings = data;
    }),
  ];
  let wasRegistered = false;
  let dataSettings = settings.get().data;
  let started = false;

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
      'shell:missedSeen': () => (shell.missedSeen(), {}),
      'dial:takeLink': () => ({ target: dialLinks.take() }),
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
      // The script's field values are the run's: laid over whatever the form sends.
      'wrapup:saveDraft': ({ callId, draft }) =>
        wrapups.saveDraft(callId, scripts.withScriptFields(callId, draft)),
      'wrapup:submit': ({ callId, draft }) => {
        const submitted = wrapups.submit(callId, scripts.withScriptFields(callId, draft));
        scripts.wrapupSubmitted(callId);
        return submitted;
      },
      'wrapup:drafts': () => ({ drafts: wrapups.drafts() }),
      'requests:list': (query) => ({ requests: followUps.requests(query) }),
      'callbacks:list': (query) => ({ callbacks: followUps.callbacks(query) }),
      'callbacks:complete': ({ id }) => followUps.completeCallback(id),
      'sync:get': () => sync.view(),
      'sync:saveCredentials': (input) => sync.saveCredentials(input),
      'sync:now': () => (sync.trigger('manual'), {}),
      'sync:retryFailed': () => ({ requeued: sync.retryFailed() }),
      'operator:set': (request) => operator.set(request),
      'operator:history': (range) => operator.history(range),
      'card:get': ({ callId }) => screenPop.cardFor(callId),
      'notification:act': ({ tag, actionId }) => (screenPop.act(tag, actionId), {}),
      'calllog:list': (request) => history.list(request),
      'calllog:callBack': ({ callId }) => history.callBack(callId),
      'calllog:export': (request) => history.exportCsv(request),
      'contacts:list': (request) => contacts.list(request),
      'contacts:get': ({ id }) => contacts.get(id),
      'contacts:save': (input) => contacts.save(input),
      'contacts:delete': ({ id }) => (contacts.delete(id), {}),
      'contacts:merge': ({ targetId, sourceIds }) => contacts.merge(targetId, sourceIds),
      'contacts:createForNumber': ({ number, name }) => contacts.createForNumber(number, name),
      'contacts:import': ({ fileName, contentBase64 }) =>
        contacts.import({ fileName, content: Buffer.from(contentBase64, 'base64') }),
      'kb:search': ({ query, ...options }) => knowledge.search(query, options),
      'kb:get': ({ id }) => ({ article: knowledge.get(id) ?? null }),
      'kb:attach': ({ callId, articleId }) => callArticles.attach(callId, articleId),
      'kb:attached': ({ callId }) => ({ articles: callArticles.attached(callId) }),
      'kb:import': ({ files }) => importContents(knowledge, files),
      'scripts:list': () => scripts.list(),
      'scripts:forCall': ({ callId }) => scripts.forCall(callId),
      'scripts:step': ({ callId, stepId, answer }) => scripts.step(callId, stepId, answer),
      'scripts:back': ({ callId }) => scripts.back(callId),
      'scripts:restart': ({ callId, scriptId }) => scripts.restart(callId, scriptId),
      'scripts:setField': ({ callId, fieldId, value }) => scripts.setField(callId, fieldId, value),
      'scripts:import': ({ fileName, content }) => scripts.import(fileName, content),
      'scripts:export': ({ id }) => scripts.export(id),
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
    followUps,
    sync,
    operator,
    shell,
    knowledge,
    scripts,
    dialLinks,
    async start() {
      started = true;
      sync.start();
      // Both on unref'd timers: a backup at start-up when the newest is older than the interval, and
      // the retention pass at start-up and daily.
      backups.start();
      retention.start();
      // Reads the callbacks table: one that fell due while Hotline was closed is reminded now.
      followUps.start();
      shell.start();
      await phone.start();
    },
    async close() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      await phone.stop().catch((error: unknown) => log.error('phone stop failed', { error }));
      await sync.stop();
      await retention.stop();
      await backups.stop();
      followUps.stop();
      callLog.flush();
      callLog.dispose();
      operator.stop();
      shell.stop();
      db.close();
    },
  };
}
