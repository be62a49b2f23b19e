import type { WebPreferences } from 'electron';

export interface WebPreferencesOptions {
  preloadPath: string;
  /** The window that hosts call media: never throttled in the background, plays ringtones unprompted. */
  hostsMedia: boolean;
  /** app.isPackaged: a shipped build has no DevTools (they would show callers' numbers unmasked). */
  packaged: boolean;
}

/**
 * The one place webPreferences are built. Every window gets the same locked-down settings; only the
 * media host differs, and only in what keeps calls alive.
 */
export function createWebPreferences(options: WebPreferencesOptions): WebPreferences {
  return {
    preload: options.preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: !options.packaged,
    // A throttled background window delays ICE, DTMF and ringing; the media host must never sleep.
    backgroundThrottling: !options.hostsMedia,
    // The first ringtone of the day must sound without a click (Chromium's autoplay policy).
    autoplayPolicy: options.hostsMedia ? 'no-user-gesture-required' : 'document-user-activation-required',
  };
}
