import { z } from 'zod';
import type { EventChannel, RequestChannel } from './channels.ts';
import {
  AccountSettingsSchema,
  patchSchemaOf,
  SettingsPatchSchema,
  SettingsViewSchema,
} from '../model/settings.ts';
import { CallerCardSchema } from '../model/caller-card.ts';
import { CallViewSchema } from '../model/call.ts';
import { WrapupDraftSchema, WrapupSubmittedSchema, WrapupViewSchema } from '../model/wrapup.ts';
import {
  CallbacksListRequestSchema,
  CallbackViewSchema,
  RequestsListRequestSchema,
  RequestViewSchema,
} from '../model/follow-ups.ts';
import {
  CallLogExportRequestSchema,
  CallLogExportResultSchema,
  CallLogListRequestSchema,
  CallLogPageSchema,
} from '../model/call-history.ts';
import { MediaReportSchema, MediaRequestEventSchema, MediaRespondSchema } from './media.ts';
import { contactRequestSchemas } from './contract-contacts.ts';
import { knowledgeRequestSchemas } from './contract-knowledge.ts';
import { scriptEventSchemas, scriptRequestSchemas } from './contract-scripts.ts';
import {
  OperatorHistoryRequestSchema,
  OperatorHistorySchema,
  OperatorSetRequestSchema,
  OperatorStateSchema,
  OperatorStatusSchema,
} from '../model/operator.ts';
import { ShortcutFailureSchema } from '../model/shortcuts.ts';

// One zod schema per request, response and event. `satisfies Record<…>` makes a channel without a
// schema a compile error; types below are derived from the schemas, never written twice.

const Empty = z.object({}).strict();

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** The OS locale, e.g. "ru-RU"; the UI language follows it when the setting is "system". */
  systemLocale: z.string(),
  runtime: z.enum(['electron', 'harness']),
  versions: z.record(z.string(), z.string()),
});

export const PasswordStorageSchema = z.enum([
  /** Encrypted by the OS (Keychain, DPAPI, libsecret/kwallet). */
  'os-encrypted',
  /** The browser harness: a dev-only file store, never used by the app. */
  'dev-only',
  /** The OS offers no encryption: Hotline refuses to keep the password. */
  'unavailable',
]);

export const AccountViewSchema = z.object({
  account: AccountSettingsSchema,
  hasPassword: z.boolean(),
  passwordStorage: PasswordStorageSchema,
  locked: z.array(z.string()),
});

export const AccountSaveSchema = z
  .object({
    account: patchSchemaOf(AccountSettingsSchema),
    /** A new password; omitted = keep the stored one; null = forget it. */
    password: z.string().min(1).max(1024).nullable().optional(),
  })
  .strict();

export const RegistrationStateSchema = z.enum([
  'not-configured',
  'unregistered',
  'registering',
  'registered',
  'failed',
]);

/** Defined with the operator-state model (src/shared/model/operator.ts). */
export { OperatorStateSchema };

export const StatusSchema = z.object({
  registration: z.object({
    state: RegistrationStateSchema,
    /** A code the renderer translates (`registration.reason.<code>`), when there is one. */
    reason: z.string().optional(),
    /** When the next automatic attempt happens (epoch ms), while waiting to retry. */
    retryAt: z.number().optional(),
  }),
  operator: OperatorStatusSchema,
  /** The local database: whether writes succeed, and what start-up had to repair. */
  storage: z
    .object({
      /** False while the database refuses writes (disk full, read-only, locked). */
      writable: z.boolean(),
      /** Call-log changes kept in memory until the database takes them again. */
      pendingWrites: z.number().int().min(0),
      /** Set when start-up found the database damaged and restored it. */
      recovered: z
        .object({
          at: z.number(),
          /** Where the damaged file was moved (never deleted). */
          quarantinedTo: z.string(),
          /** The backup restored, or null when there was none and a new database was started. */
          backupTakenAt: z.number().nullable(),
          /** Undelivered outbox records carried over from the damaged file. */
          outboxRecovered: z.number().int().min(0),
        })
        .optional(),
    })
    .default({ writable: true, pendingWrites: 0 }),
  /** Delivery of the outbox to the company's systems. */
  sync: z
    .object({
      state: z.enum(['off', 'idle', 'sending', 'waiting', 'offline']),
      /** Records not yet delivered (failed ones not counted). */
      pending: z.number().int().min(0),
      /** Records the server refused (4xx); they wait for the operator or IT. */
      failed: z.number().int().min(0),
      /** The latest failure: a code the renderer translates, plus the server's status when any. */
      lastError: z
        .object({ code: z.string(), status: z.number().int().optional(), at: z.number() })
        .optional(),
      lastDeliveredAt: z.number().optional(),
      /** When the next attempt is due (epoch ms), while waiting to retry. */
      nextAttemptAt: z.number().optional(),
    })
    .default({ state: 'off', pending: 0, failed: 0 }),
  /**
   * The tray and the global shortcuts (src/main/core/shell/). Optional in the type (absent = nothing
   * missed, no failures) so a status built before it existed still type-checks.
   */
  shell: z
    .object({
      /** Calls missed since the operator last opened History (the tray / taskbar badge). */
      missedCalls: z.number().int().min(0),
      /** Global shortcuts that are set but not working, e.g. another program holds the keys. */
      shortcutFailures: z.array(ShortcutFailureSchema),
    })
    .optional(),
});

/** The sync connection as settings show it: never the secrets themselves, only whether they are set. */
export const SyncViewSchema = z.object({
  endpointUrl: z.string(),
  hasToken: z.boolean(),
  hasSigningKey: z.boolean(),
  secretStorage: PasswordStorageSchema,
  locked: z.array(z.string()),
});

export const SyncCredentialsSchema = z
  .object({
    /** The bearer token; omitted = keep, null = forget. */
    token: z.string().trim().min(1).max(4096).nullable().optional(),
    /** The HMAC signing key; omitted = keep, null = forget. */
    signingKey: z.string().min(16).max(4096).nullable().optional(),
  })
  .strict();

export const OpenExternalSchema = z.object({ url: z.string().max(4096) }).strict();

const CallRef = z.object({ callId: z.string().min(1).max(64) }).strict();
const Done = z.object({});

export const requestSchemas = {
  'app:getInfo': { request: Empty, response: AppInfoSchema },
  'settings:get': { request: Empty, response: SettingsViewSchema },
  'settings:update': {
    request: z.object({ patch: SettingsPatchSchema }).strict(),
    response: SettingsViewSchema,
  },
  'account:get': { request: Empty, response: AccountViewSchema },
  'account:save': { request: AccountSaveSchema, response: AccountViewSchema },
  'status:get': { request: Empty, response: StatusSchema },
  'shell:openExternal': { request: OpenExternalSchema, response: z.object({ opened: z.boolean() }) },
  /** The operator has looked at the missed calls (opened History): the badge count resets. */
  'shell:missedSeen': { request: Empty, response: Done },
  /** The number a tel:/callto:/sip: link from another program asked for, once (null: none waiting). */
  'dial:takeLink': { request: Empty, response: z.object({ target: z.string().max(64).nullable() }) },
  'media:respond': { request: MediaRespondSchema, response: z.object({}) },
  'media:report': { request: MediaReportSchema, response: z.object({}) },
  'phone:retry': { request: Empty, response: Done },
  'call:list': { request: Empty, response: z.object({ calls: z.array(CallViewSchema) }) },
  'call:dial': {
    request: z.object({ target: z.string().max(256), consultFor: z.string().max(64).optional() }).strict(),
    response: CallViewSchema,
  },
  'call:answer': { request: CallRef, response: Done },
  'call:decline': { request: CallRef, response: Done },
  'call:hangup': { request: CallRef, response: Done },
  'call:hold': { request: CallRef.extend({ hold: z.boolean() }).strict(), response: Done },
  'call:mute': { request: CallRef.extend({ muted: z.boolean() }).strict(), response: Done },
  'call:dtmf': { request: CallRef.extend({ tones: z.string().min(1).max(32) }).strict(), response: Done },
  'call:transfer': { request: CallRef.extend({ target: z.string().max(256) }).strict(), response: Done },
  'call:attendedTransfer': {
    request: CallRef.extend({ consultCallId: z.string().min(1).max(64) }).strict(),
    response: Done,
  },
  'wrapup:get': { request: CallRef, response: z.object({ wrapup: WrapupViewSchema.nullable() }) },
  'wrapup:saveDraft': {
    request: CallRef.extend({ draft: WrapupDraftSchema }).strict(),
    response: WrapupViewSchema,
  },
  'wrapup:submit': {
    request: CallRef.extend({ draft: WrapupDraftSchema }).strict(),
    response: WrapupSubmittedSchema,
  },
  'wrapup:drafts': { request: Empty, response: z.object({ drafts: z.array(WrapupViewSchema) }) },
  /** Open (or `status`) requests of a contact or of a number, newest first. */
  'requests:list': {
    request: RequestsListRequestSchema,
    response: z.object({ requests: z.array(RequestViewSchema) }),
  },
  /** Callbacks in a state (scheduled by default), soonest first; optionally due before a time. */
  'callbacks:list': {
    request: CallbacksListRequestSchema,
    response: z.object({ callbacks: z.array(CallbackViewSchema) }),
  },
  'callbacks:complete': {
    request: z.object({ id: z.string().min(1).max(64) }).strict(),
    response: CallbackViewSchema,
  },
  'sync:get': { request: Empty, response: SyncViewSchema },
  'sync:saveCredentials': { request: SyncCredentialsSchema, response: SyncViewSchema },
  'sync:now': { request: Empty, response: Done },
  'sync:retryFailed': { request: Empty, response: z.object({ requeued: z.number().int() }) },
  /** Ready / Not ready (reason from the settings' list) / Offline; during a call: what follows it. */
  'operator:set': { request: OperatorSetRequestSchema, response: OperatorStatusSchema },
  /** The recorded states overlapping a time range, for reports. */
  'operator:history': { request: OperatorHistoryRequestSchema, response: OperatorHistorySchema },
  'card:get': { request: CallRef, response: CallerCardSchema },
  'notification:act': {
    request: z.object({ tag: z.string().min(1).max(128), actionId: z.enum(['answer', 'decline']) }).strict(),
    response: Done,
  },
  'calllog:list': { request: CallLogListRequestSchema, response: CallLogPageSchema },
  /** Dials a call-log row's number by the row's id (the renderer may only hold a masked number). */
  'calllog:callBack': { request: CallRef, response: z.object({ callId: z.string() }) },
  'calllog:export': { request: CallLogExportRequestSchema, response: CallLogExportResultSchema },
  ...contactRequestSchemas,
  ...knowledgeRequestSchemas,
  ...scriptRequestSchemas,
} as const satisfies Record<RequestChannel, { request: z.ZodType; response: z.ZodType }>;

/** An OS notification shown by the page instead (the harness has no OS notifications). */
export const InPageNotificationSchema = z.object({
  tag: z.string(),
  title: z.string(),
  body: z.string(),
  actions: z.array(z.object({ id: z.string(), label: z.string() })).optional(),
});
export type InPageNotification = z.infer<typeof InPageNotificationSchema>;

export const ImportProgressSchema = z.object({
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type ImportProgress = z.infer<typeof ImportProgressSchema>;

export const eventSchemas = {
  'settings:changed': SettingsViewSchema,
  'status:changed': StatusSchema,
  'media:request': MediaRequestEventSchema,
  'call:updated': CallViewSchema,
  /** A scheduled callback is due (also sent to the OS as a notification). */
  'callback:due': CallbackViewSchema,
  'call:card': CallerCardSchema,
  'notification:shown': InPageNotificationSchema,
  /** A contacts import is being written: rows done of the file's rows (several times a second). */
  'contacts:importProgress': ImportProgressSchema,
  /** A telephone link arrived from another program: take it with dial:takeLink. */
  'dial:link': z.object({}),
  ...scriptEventSchemas,
} as const satisfies Record<EventChannel, z.ZodType>;

export type RequestOf<C extends RequestChannel> = z.input<(typeof requestSchemas)[C]['request']>;
export type ResponseOf<C extends RequestChannel> = z.output<(typeof requestSchemas)[C]['response']>;
export type EventOf<C extends EventChannel> = z.output<(typeof eventSchemas)[C]>;

export type AppInfo = z.infer<typeof AppInfoSchema>;
export type AccountView = z.infer<typeof AccountViewSchema>;
export type AccountSave = z.infer<typeof AccountSaveSchema>;
export type PasswordStorage = z.infer<typeof PasswordStorageSchema>;
export type Status = z.infer<typeof StatusSchema>;
export type RegistrationState = z.infer<typeof RegistrationStateSchema>;
export type OperatorState = z.infer<typeof OperatorStateSchema>;
export type SyncView = z.infer<typeof SyncViewSchema>;
