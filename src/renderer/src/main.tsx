import '@mantine/core/styles.css';
import './app/app.css';
import { Alert, Center, MantineProvider } from '@mantine/core';
import { cssVariablesResolver, theme } from './app/theme.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { resolveUiLanguage } from '../../shared/model/settings.ts';
import { App } from './app/App.tsx';
import { AppStateProvider, loadInitialState } from './app/app-state.tsx';
import { MediaContext } from './app/media-context.tsx';
import { initI18n } from './i18n/index.ts';
import { installHarnessBridge } from './lib/harness-bridge.ts';
import { startAudio } from './media/audio-controller.ts';
import { en } from './i18n/en.ts';
import { ru } from './i18n/ru.ts';

const root = createRoot(document.getElementById('root')!);

function NotConnected() {
  // i18n is not up yet: pick the language from the browser, both texts are bundled anyway.
  const strings = navigator.language.toLowerCase().startsWith('ru') ? ru : en;
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Center h="100vh" p="xl">
        <Alert color="red" title={strings.app.notConnectedTitle} maw={560} role="alert">
          {strings.app.notConnectedBody}
        </Alert>
      </Center>
    </MantineProvider>
  );
}

async function boot(): Promise<void> {
  if (!window.hotline && !installHarnessBridge()) {
    root.render(<NotConnected />);
    return;
  }
  let initial;
  try {
    initial = await loadInitialState();
  } catch {
    root.render(<NotConnected />);
    return;
  }
  await initI18n(resolveUiLanguage(initial.settings.settings.language, initial.info.systemLocale));
  // Media lives outside React: started once, never torn down by a re-render.
  const audio = startAudio();
  root.render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <MediaContext.Provider value={audio}>
          <AppStateProvider initial={initial}>
            <App />
          </AppStateProvider>
        </MediaContext.Provider>
      </MantineProvider>
    </StrictMode>,
  );
}

void boot();
