import { z } from 'zod';
import { WrapupSettingsSchema } from './wrapup-settings.ts';
import { OperatorSettingsSchema } from './operator.ts';
import { ShortcutsSettingsSchema } from './shortcuts.ts';
import { GuardSettingsSchema } from './guard-settings.ts';
import { ScriptSettingsSchema } from './scripts-settings.ts';

// The one settings schema: validated on load (every layer), on every update, and in the renderer's
// forms. Every leaf has a default, so an empty object parses into complete settings.

export const LANGUAGES = ['system', 'ru', 'en'] as const;
export type LanguageSetting = (typeof LANGUAGES)[number];
export type UiLanguage = Exclude<LanguageSetting, 'system'>;

/** ws:// is allowed for a local PBX on loopback only; everything else must be wss://. */
export function isAllowedWebSocketUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'wss:') return url.hostname.length > 0;
  if (url.protocol === 'ws:') return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return false;
}

const SIP_URI = /^sips?:[^@\s:;]+@[A-Za-z0-9.\-[\]:]+(;[^\s]*)?$/;

export const DeviceRefSchema = z
  .object({
    id: z.string().max(512),
    label: z.string().max(512),
    groupId: z.string().max(512),
  })
  .nullable();
export type DeviceRef = z.infer<typeof DeviceRefSchema>;

export const AccountSettingsSchema = z.object({
  wssUrl: z
    .string()
    .trim()
    .max(2048)
    .refine((v) => v === '' || isAllowedWebSocketUrl(v), { message: 'wssUrl' })
    .default(''),
  sipUri: z
    .string()
    .trim()
    .max(512)
    .refine((v) => v === '' || SIP_URI.test(v), { message: 'sipUri' })
    .default(''),
  authUser: z.string().trim().max(256).default(''),
  displayName: z.string().trim().max(128).default(''),
  /** Seconds asked of the registrar; the PBX may shorten it. */
  registerExpires: z.number().int().min(60).max(3600).default(600),
  /**
   * What the secret in the vault is: the password, or its digest HA1 = MD5(login:realm:password)
   * (32 hex digits), which IT can hand out so the reusable password is never on the PC.
   */
  secretKind: z.enum(['password', 'ha1']).default('password'),
});

/** An HA1 digest as RFC 2617 makes it: MD5 in hex. */
export const HA1_PATTERN = /^[0-9a-f]{32}$/i;
export type AccountSettings = z.infer<typeof AccountSettingsSchema>;

export const IceServerSettingSchema = z.object({
  urls: z
    .string()
    .trim()
    .regex(/^(stun|turns?):[^\s]+$/, { message: 'iceUrl' })
    .max(512),
  username: z.string().max(256).optional(),
  credential: z.string().max(256).optional(),
});

export const PhoneSettingsSchema = z.object({
  /** Region for numbers typed without a country code (8 (495) … is Moscow with RU). */
  defaultRegion: z
    .string()
    .regex(/^[A-Z]{2}$/, { message: 'region' })
    .default('RU'),
  /** None by default: SIP.js would otherwise use a public Google STUN server. */
  iceServers: z.array(IceServerSettingSchema).max(8).default([]),
  /** Short, so the first INVITE leaves quickly (SIP.js's 5 s default is a 5 s post-dial delay). */
  iceGatheringTimeoutMs: z.number().int().min(100).max(5000).default(500),
  dtmfMode: z.enum(['rfc4733', 'info']).default('rfc4733'),
  /** Unanswered inbound calls stop ringing after this many seconds. */
  noAnswerTimeoutS: z.number().int().min(5).max(600).default(60),
  /** PEM file with IT's CA certificates, trusted for wss:// besides the system store. */
  caBundlePath: z.string().trim().max(4096).default(''),
  keepAliveIntervalS: z.number().int().min(5).max(300).default(15),
});
export type PhoneSettings = z.infer<typeof PhoneSettingsSchema>;

export const AudioSettingsSchema = z.object({
  microphone: DeviceRefSchema.default(null),
  speaker: DeviceRefSchema.default(null),
  ringer: DeviceRefSchema.default(null),
});

/** https:// anywhere; http:// only to this machine (a local receiver in development and tests). */
export function isAllowedSyncUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return url.hostname.length > 0;
  if (url.protocol === 'http:') return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return false;
}

/** Delivery of finished calls and wrap-ups to the company's systems (the token is a secret). */
export const SyncSettingsSchema = z.object({
  /** Empty: nothing is sent; records wait in the outbox until an endpoint is set. */
  endpointUrl: z
    .string()
    .trim()
    .max(2048)
    .refine((v) => v === '' || isAllowedSyncUrl(v), { message: 'syncUrl' })
    .default(''),
  /** How often the worker looks for due records besides its other triggers. */
  intervalS: z.number().int().min(5).max(3600).default(60),
  requestTimeoutS: z.number().int().min(1).max(120).default(15),
});
export type SyncSettings = z.infer<typeof SyncSettingsSchema>;

/** Keeping the local data: retention, backups, and what the screen shows of callers' numbers. */
export const DataSettingsSchema = z.object({
  /** Calls and their events older than this many days are deleted; 0 keeps everything. */
  retentionDays: z.number().int().min(0).max(3650).default(0),
  /** Show callers' numbers as +7 495 ***-**-67 on screen and in exports. */
  maskNumbers: z.boolean().default(false),
  /** Hours between online backups of the database. */
  backupIntervalH: z.number().int().min(1).max(168).default(4),
  /** How many backups to keep (oldest removed first). */
  backupsKept: z.number().int().min(1).max(60).default(7),
});
export type DataSettings = z.infer<typeof DataSettingsSchema>;

export const SettingsSchema = z.object({
  language: z.enum(LANGUAGES).default('system'),
  account: AccountSettingsSchema.prefault({}),
  phone: PhoneSettingsSchema.prefault({}),
  audio: AudioSettingsSchema.prefault({}),
  sync: SyncSettingsSchema.prefault({}),
  data: DataSettingsSchema.prefault({}),
  wrapup: WrapupSettingsSchema.prefault({}),
  operator: OperatorSettingsSchema.prefault({}),
  shortcuts: ShortcutsSettingsSchema.prefault({}),
  guard: GuardSettingsSchema.prefault({}),
  scripts: ScriptSettingsSchema.prefault({}),
});

export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/**
 * The same object with every field optional and no defaults. (`.partial()` is not enough: in zod 4 a
 * missing field with a default still parses to that default, so a patch of one field would reset
 * all the others.)
 */
export function patchSchemaOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    shape[key] = inner.optional();
  }
  return z.object(shape).strict() as unknown as z.ZodObject<{ [K in keyof T]: z.ZodOptional<T[K]> }>;
}

/** A partial update: any subset of leaves. Validated again as a whole after merging. */
export const SettingsPatchSchema = z
  .object({
    language: z.enum(LANGUAGES).optional(),
    account: patchSchemaOf(AccountSettingsSchema).optional(),
    phone: patchSchemaOf(PhoneSettingsSchema).optional(),
    audio: patchSchemaOf(AudioSettingsSchema).optional(),
    sync: patchSchemaOf(SyncSettingsSchema).optional(),
    data: patchSchemaOf(DataSettingsSchema).optional(),
    wrapup: patchSchemaOf(WrapupSettingsSchema).optional(),
    operator: patchSchemaOf(OperatorSettingsSchema).optional(),
    shortcuts: patchSchemaOf(ShortcutsSettingsSchema).optional(),
    guard: patchSchemaOf(GuardSettingsSchema).optional(),
    // The managed scripts come from IT's file only: not changeable from the app.
    scripts: patchSchemaOf(ScriptSettingsSchema.omit({ managed: true })).optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** A problem found while loading a settings source; shown to the operator, names the file. */
export const SettingsProblemSchema = z.object({
  kind: z.enum(['unreadable', 'not-json', 'invalid-value', 'unknown-key']),
  file: z.string(),
  source: z.enum(['user', 'managed']),
  key: z.string().optional(),
  detail: z.string(),
});
export type SettingsProblem = z.infer<typeof SettingsProblemSchema>;

export const SettingsViewSchema = z.object({
  settings: SettingsSchema,
  /** Dotted leaf paths the managed file enforces; the UI shows them as locked. */
  locked: z.array(z.string()),
  problems: z.array(SettingsProblemSchema),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export function resolveUiLanguage(setting: LanguageSetting, systemLocale: string): UiLanguage {
  if (setting !== 'system') return setting;
  return systemLocale.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}
