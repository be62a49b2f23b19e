import { z } from 'zod';
import { acceleratorProblem, acceleratorsOverlap } from '../shortcuts/accelerator.ts';
import { IN_APP_ACCELERATORS } from '../shortcuts/in-app.ts';

// Settings section `shortcuts`: the system-wide (global) shortcuts, one Electron accelerator per
// action, "" = that one off. Each accelerator is its own settings leaf, so IT can lock one or all
// (managed file, `enforced`). Messages are codes the renderer translates
// (`settings.shortcuts.error.<code>`).
//
// Two actions with the same keys is a rule across leaves, so it is NOT part of the section schema
// (the whole settings object is re-parsed after the layers merge, and a failure there would cost
// every setting): `ShortcutsFormSchema` checks it in the form, the settings service refuses a
// patch that creates it, and the core registers the first and reports the other
// (a managed default and a user value may still collide).

export const GLOBAL_SHORTCUT_ACTIONS = ['answer', 'hangup', 'mute', 'show'] as const;
export type GlobalShortcutAction = (typeof GLOBAL_SHORTCUT_ACTIONS)[number];

export const DEFAULT_GLOBAL_SHORTCUTS: Record<GlobalShortcutAction, string> = {
  answer: 'CommandOrControl+Alt+A',
  hangup: 'CommandOrControl+Alt+H',
  mute: 'CommandOrControl+Alt+M',
  show: 'CommandOrControl+Alt+O',
};

const ACCELERATOR_MESSAGES = {
  syntax: 'acceleratorSyntax',
  modifier: 'acceleratorModifier',
  reserved: 'acceleratorReserved',
  inApp: 'acceleratorInApp',
} as const;
export const ACCELERATOR_DUPLICATE = 'acceleratorDuplicate';

/** One global shortcut: empty (off) or an accelerator that passes `acceleratorProblem`. */
export const AcceleratorSettingSchema = z
  .string()
  .trim()
  .max(64, { message: 'acceleratorSyntax' })
  .superRefine((value, ctx) => {
    if (value === '') return;
    const problem = acceleratorProblem(value, IN_APP_ACCELERATORS);
    if (problem) ctx.addIssue({ code: 'custom', message: ACCELERATOR_MESSAGES[problem] });
  });

export const ShortcutsSettingsSchema = z.object({
  /** Off: no global shortcut is registered (the in-window keys always work). */
  globalEnabled: z.boolean().default(true),
  answer: AcceleratorSettingSchema.default(DEFAULT_GLOBAL_SHORTCUTS.answer),
  hangup: AcceleratorSettingSchema.default(DEFAULT_GLOBAL_SHORTCUTS.hangup),
  mute: AcceleratorSettingSchema.default(DEFAULT_GLOBAL_SHORTCUTS.mute),
  show: AcceleratorSettingSchema.default(DEFAULT_GLOBAL_SHORTCUTS.show),
});
export type ShortcutsSettings = z.infer<typeof ShortcutsSettingsSchema>;

/**
 * Actions whose accelerators overlap another action's (on some platform), each with the actions it
 * collides with. Empty accelerators never collide.
 */
export function shortcutDuplicates(
  shortcuts: Pick<ShortcutsSettings, GlobalShortcutAction>,
): Map<GlobalShortcutAction, GlobalShortcutAction[]> {
  const out = new Map<GlobalShortcutAction, GlobalShortcutAction[]>();
  for (const action of GLOBAL_SHORTCUT_ACTIONS) {
    const others = GLOBAL_SHORTCUT_ACTIONS.filter(
      (other) =>
        other !== action &&
        shortcuts[action] !== '' &&
        shortcuts[other] !== '' &&
        acceleratorsOverlap(shortcuts[action], shortcuts[other]),
    );
    if (others.length > 0) out.set(action, others);
  }
  return out;
}

/** The section as the settings form validates it: each field, then no two actions alike. */
export const ShortcutsFormSchema = ShortcutsSettingsSchema.superRefine((value, ctx) => {
  for (const action of shortcutDuplicates(value).keys())
    ctx.addIssue({ code: 'custom', path: [action], message: ACCELERATOR_DUPLICATE });
});

/** Why a global shortcut is not working although it is set (reported in the status). */
export const ShortcutFailureSchema = z.object({
  action: z.enum(GLOBAL_SHORTCUT_ACTIONS),
  accelerator: z.string(),
  /** taken: another program holds it; duplicate: an earlier action has it; invalid: the OS refused it. */
  reason: z.enum(['taken', 'duplicate', 'invalid']),
});
export type ShortcutFailure = z.infer<typeof ShortcutFailureSchema>;
