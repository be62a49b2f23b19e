import { z } from 'zod';

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
});
export type AccountSettings = z.infer<typeof AccountSettingsSchema>;

export const AudioSettingsSchema = z.object({
  microphone: DeviceRefSchema.default(null),
  speaker: DeviceRefSchema.default(null),
  ringer: DeviceRefSchema.default(null),
});

export const SettingsSchema = z.object({
  language: z.enum(LANGUAGES).default('system'),
  account: AccountSettingsSchema.prefault({}),
  audio: AudioSettingsSchema.prefault({}),
});

export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** A partial update: any subset of leaves. Validated again as a whole after merging. */
export const SettingsPatchSchema = z
  .object({
    language: z.enum(LANGUAGES).optional(),
    account: AccountSettingsSchema.partial().strict().optional(),
    audio: AudioSettingsSchema.partial().strict().optional(),
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
