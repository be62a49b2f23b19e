import { readFileSync } from 'node:fs';
import type { WrapupView } from '../../../shared/model/wrapup.ts';
import type { CallbackView, RequestView } from '../../../shared/model/follow-ups.ts';
import type { SyncView } from '../../../shared/ipc/contract.ts';
import type { CallRow } from '../calllog/calls-table.ts';
import type { Logger } from '../log/logger.ts';
import { trustedCertificates } from '../phone/ws-transport.ts';
import type { SecretVault } from '../secrets/secret-vault.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { Db } from '../store/database.ts';
import { enqueueFinishedCall, enqueueSubmittedWrapup } from './enqueue.ts';
import { createHttpDelivery, type HttpDelivery } from './http-delivery.ts';
import { installIdOf } from './install-id.ts';
import type { SourceInfo } from './sync-documents.ts';
import { createSyncWorker, type SyncStatus, type SyncTrigger } from './sync-worker.ts';

// Sync as the rest of the core sees it: enqueue inside the domain transactions, trigger, show the
// connection in settings. The endpoint is a setting (IT may lock it); the bearer token and the
// HMAC signing key live only in the secret vault.

export const SYNC_TOKEN_SECRET = 'sync.token';
export const SYNC_SIGNING_KEY_SECRET = 'sync.signingKey';

export interface SyncService {
  enqueueCall(row: CallRow): void;
  /** Inside the submitting transaction; the request and callback it created travel with it. */
  enqueueWrapup(
    wrapup: WrapupView,
    followUps?: { request?: RequestView | null; callback?: CallbackView | null },
  ): void;
  trigger(reason: SyncTrigger): void;
  setOnline(online: boolean): void;
  retryFailed(): number;
  view(): Promise<SyncView>;
  saveCredentials(input: { token?: string | null; signingKey?: string | null }): Promise<SyncView>;
  status(): SyncStatus;
  start(): void;
  /** Resolves once the worker has nothing in flight (tests, benchmarks). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface SyncServiceOptions {
  db: Db;
  settings: SettingsService;
  vault: SecretVault;
  log: Logger;
  appVersion: string;
  onStatus: (status: SyncStatus) => void;
  backoff?: { baseMs: number; capMs: number };
}

export function createSyncService(options: SyncServiceOptions): SyncService {
  const { db, settings, vault, log } = options;
  let installId: string | undefined;
  const source = (): SourceInfo => ({
    version: options.appVersion,
    installId: (installId ??= installIdOf(db)),
    account: settings.get().account.sipUri || null,
  });

  // One HTTP client per trust configuration: IT's CA bundle changing means new TLS contexts.
  let delivery: { key: string; client: HttpDelivery } | undefined;
  function currentDelivery(): HttpDelivery {
    const caPath = settings.get().phone.caBundlePath;
    if (delivery?.key === caPath) return delivery.client;
    delivery?.client.close();
    let extraPem: string | undefined;
    if (caPath) {
      try {
        extraPem = readFileSync(caPath, 'utf8');
      } catch (error) {
        log.warn('cannot read the CA bundle for sync; using the system store only', { path: caPath, error });
      }
    }
    const client = createHttpDelivery({
      ca: trustedCertificates(extraPem),
      userAgent: `Hotline/${options.appVersion}`,
    });
    delivery = { key: caPath, client };
    return client;
  }

  const worker = createSyncWorker({
    db,
    log,
    delivery: currentDelivery,
    config: () => settings.get().sync,
    credentials: async () => {
      const read = async (name: string) => {
        try {
          return await vault.get(name);
        } catch (error) {
          log.warn('cannot read a sync secret', { name, error });
          return undefined;
        }
      };
      const [token, hmacKey] = await Promise.all([read(SYNC_TOKEN_SECRET), read(SYNC_SIGNING_KEY_SECRET)]);
      return { ...(token ? { token } : {}), ...(hmacKey ? { hmacKey } : {}) };
    },
    onStatus: options.onStatus,
    backoff: options.backoff,
  });

  let lastSync = JSON.stringify(settings.get().sync);
  let lastCa = settings.get().phone.caBundlePath;
  const unsubscribe = settings.onChange((view) => {
    const next = JSON.stringify(view.settings.sync);
    const ca = view.settings.phone.caBundlePath;
    if (next === lastSync && ca === lastCa) return;
    lastSync = next;
    lastCa = ca;
    worker.trigger('settings');
  });

  async function view(): Promise<SyncView> {
    const current = settings.view();
    return {
      endpointUrl: current.settings.sync.endpointUrl,
      hasToken: vault.has(SYNC_TOKEN_SECRET),
      hasSigningKey: vault.has(SYNC_SIGNING_KEY_SECRET),
      secretStorage: await vault.storage(),
      locked: current.locked.filter((path) => path.startsWith('sync.')),
    };
  }

  return {
    enqueueCall: (row) => void enqueueFinishedCall(db, row, source()),
    enqueueWrapup: (wrapup, followUps) => void enqueueSubmittedWrapup(db, wrapup, source(), followUps),
    trigger: (reason) => worker.trigger(reason),
    setOnline: (online) => worker.setOnline(online),
    retryFailed: () => worker.retryFailed(),
    view,
    async saveCredentials(input) {
      if (typeof input.token === 'string') await vault.set(SYNC_TOKEN_SECRET, input.token);
      else if (input.token === null) vault.delete(SYNC_TOKEN_SECRET);
      if (typeof input.signingKey === 'string') await vault.set(SYNC_SIGNING_KEY_SECRET, input.signingKey);
      else if (input.signingKey === null) vault.delete(SYNC_SIGNING_KEY_SECRET);
      worker.trigger('settings');
      return view();
    },
    status: () => worker.status(),
    start: () => worker.start(),
    idle: () => worker.idle(),
    async stop() {
      unsubscribe();
      await worker.stop();
      delivery?.client.close();
      delivery = undefined;
    },
  };
}
