import { MantineProvider } from '@mantine/core';
import { cssVariablesResolver, theme } from '../../src/renderer/src/app/theme.ts';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { AppStateProvider, type InitialState } from '../../src/renderer/src/app/app-state.tsx';
import { initI18n } from '../../src/renderer/src/i18n/index.ts';
import { DEFAULT_SETTINGS, type SettingsView } from '../../src/shared/model/settings.ts';
import { StatusSchema, type Status } from '../../src/shared/ipc/contract.ts';
import type { z } from 'zod';

export function initialState(
  overrides: {
    settings?: Partial<SettingsView>;
    status?: z.input<typeof StatusSchema>;
    locale?: string;
  } = {},
): InitialState {
  return {
    info: {
      name: 'Hotline',
      version: '0',
      platform: 'linux',
      systemLocale: overrides.locale ?? 'en-US',
      runtime: 'harness',
      versions: {},
    },
    settings: { settings: DEFAULT_SETTINGS, locked: [], problems: [], ...overrides.settings },
    status: statusOf(
      overrides.status ?? { registration: { state: 'not-configured' }, operator: { state: 'offline' } },
    ),
    calls: [],
  };
}

export async function renderWithApp(ui: ReactNode, initial: InitialState) {
  await initI18n(
    initial.settings.settings.language === 'ru' || initial.info.systemLocale.startsWith('ru') ? 'ru' : 'en',
  );
  return render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <AppStateProvider initial={initial}>{ui}</AppStateProvider>
    </MantineProvider>,
  );
}

/** A complete status from the parts a test cares about (the rest takes the contract's defaults). */
export function statusOf(partial: z.input<typeof StatusSchema>): Status {
  return StatusSchema.parse(partial);
}
