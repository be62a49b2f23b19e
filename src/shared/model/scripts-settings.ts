import { z } from 'zod';

// Settings section `scripts`: what fills the scripts' variables, whether Hotline's built-in scripts
// are offered, and the scripts IT ships in the managed settings file (read-only in the app). Each
// managed script is checked on its own by the scripts service (src/main/core/scripts): a broken one
// is left out and reported; the others work.

export const ScriptSettingsSchema = z.object({
  /** {{company.name}} in the scripts. */
  companyName: z.string().trim().max(120).default(''),
  /** {{operator.name}}; empty: the account's display name. */
  operatorName: z.string().trim().max(120).default(''),
  /** Offer Hotline's built-in scripts (greeting, unhappy and rude callers, closing). */
  builtIn: z.boolean().default(true),
  /** Scripts as JSON documents (format `hotline-script`, version 1), set by IT. */
  managed: z.array(z.unknown()).max(100).default([]),
});
export type ScriptSettings = z.infer<typeof ScriptSettingsSchema>;
