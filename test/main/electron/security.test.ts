import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { createWebPreferences } from '../../../src/main/electron/web-preferences.ts';
import { isPermissionAllowed } from '../../../src/main/electron/permissions.ts';
import { isTrustedSender } from '../../../src/main/electron/trusted-sender.ts';
import { resolveInside } from '../../../src/main/electron/renderer-path.ts';
import { APP_ORIGIN, originOf } from '../../../src/main/electron/app-origin.ts';
import { isAllowedExternalUrl } from '../../../src/main/core/security/external-urls.ts';

describe('webPreferences factory', () => {
  it('gives every window exactly the secure settings', () => {
    const prefs = createWebPreferences({
      preloadPath: '/app/preload.cjs',
      hostsMedia: false,
      packaged: true,
    });
    expect(prefs).toEqual({
      preload: '/app/preload.cjs',
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
      devTools: false,
      backgroundThrottling: true,
      autoplayPolicy: 'document-user-activation-required',
    });
  });

  it('never throttles the media host and lets it ring without a click, and changes nothing else', () => {
    const media = createWebPreferences({ preloadPath: '/p', hostsMedia: true, packaged: true });
    const plain = createWebPreferences({ preloadPath: '/p', hostsMedia: false, packaged: true });
    expect(media.backgroundThrottling).toBe(false);
    expect(media.autoplayPolicy).toBe('no-user-gesture-required');
    const { backgroundThrottling: _a, autoplayPolicy: _b, ...restMedia } = media;
    const { backgroundThrottling: _c, autoplayPolicy: _d, ...restPlain } = plain;
    expect(restMedia).toEqual(restPlain);
  });

  it('has DevTools only in development, and changes nothing else', () => {
    const packaged = createWebPreferences({ preloadPath: '/p', hostsMedia: true, packaged: true });
    const development = createWebPreferences({ preloadPath: '/p', hostsMedia: true, packaged: false });
    expect(packaged.devTools).toBe(false);
    expect(development.devTools).toBe(true);
    const { devTools: _a, ...restPackaged } = packaged;
    const { devTools: _b, ...restDevelopment } = development;
    expect(restPackaged).toEqual(restDevelopment);
  });
});

describe('permission handler', () => {
  const ask = (permission: string, requestingOrigin: string | undefined, mediaTypes?: string[]) =>
    isPermissionAllowed({ permission, requestingOrigin, mediaTypes }, APP_ORIGIN);

  it('grants audio capture to our own origin', () => {
    expect(ask('media', APP_ORIGIN, ['audio'])).toBe(true);
    expect(ask('media', APP_ORIGIN, [])).toBe(true); // a check, answered for audio only
  });

  it('refuses video, screen capture and mixed requests even for our origin', () => {
    expect(ask('media', APP_ORIGIN, ['video'])).toBe(false);
    expect(ask('media', APP_ORIGIN, ['audio', 'video'])).toBe(false);
    expect(ask('display-capture', APP_ORIGIN)).toBe(false);
  });

  it('refuses every other permission', () => {
    for (const p of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'midi',
      'hid',
      'serial',
      'usb',
      'openExternal',
      'fullscreen',
      'pointerLock',
    ]) {
      expect(ask(p, APP_ORIGIN), p).toBe(false);
    }
  });

  it('refuses everything to any other origin', () => {
    for (const origin of ['https://evil.example', 'file://', 'app://other', undefined, 'null']) {
      expect(ask('media', origin, ['audio']), String(origin)).toBe(false);
    }
  });
});

describe('trusted sender', () => {
  const known = new Set([7]);
  it('trusts our window on our origin', () => {
    expect(
      isTrustedSender({ webContentsId: 7, frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true }, known, [
        APP_ORIGIN,
      ]),
    ).toBe(true);
  });
  it('refuses unknown webContents, subframes, other origins and garbage URLs', () => {
    expect(
      isTrustedSender({ webContentsId: 8, frameUrl: `${APP_ORIGIN}/`, isMainFrame: true }, known, [
        APP_ORIGIN,
      ]),
    ).toBe(false);
    expect(
      isTrustedSender({ webContentsId: 7, frameUrl: `${APP_ORIGIN}/`, isMainFrame: false }, known, [
        APP_ORIGIN,
      ]),
    ).toBe(false);
    expect(
      isTrustedSender({ webContentsId: 7, frameUrl: 'https://evil.example/', isMainFrame: true }, known, [
        APP_ORIGIN,
      ]),
    ).toBe(false);
    expect(
      isTrustedSender({ webContentsId: 7, frameUrl: 'app://hotline.evil/', isMainFrame: true }, known, [
        APP_ORIGIN,
      ]),
    ).toBe(false);
    expect(
      isTrustedSender({ webContentsId: 7, frameUrl: undefined, isMainFrame: true }, known, [APP_ORIGIN]),
    ).toBe(false);
    expect(
      isTrustedSender({ webContentsId: 7, frameUrl: '::::', isMainFrame: true }, known, [APP_ORIGIN]),
    ).toBe(false);
  });
  it('derives the origin of our custom scheme', () => {
    expect(originOf('app://hotline/index.html#x')).toBe('app://hotline');
  });
});

describe('renderer files served from the app scheme', () => {
  const root = resolve('/opt/hotline/renderer');
  it('serves files inside the renderer folder', () => {
    expect(resolveInside(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveInside(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveInside(root, '/assets/app.js')).toBe(join(root, 'assets/app.js'));
  });
  it('refuses anything outside it', () => {
    for (const path of [
      '/../main/index.js',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fetc/passwd',
      '/a/%00',
      '/%E0%A4%A',
    ]) {
      expect(resolveInside(root, path), path).toBeUndefined();
    }
  });
});

describe('shell.openExternal allowlist', () => {
  it('opens web pages and mail', () => {
    for (const url of [
      'https://example.com/help',
      'http://intranet.local/kb',
      'mailto:support@example.com',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
  });
  it('refuses everything that could launch a program or read files', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:/id',
      'vbscript:x',
      'tel:+74951234567',
      'https://user:pw@example.com/',
      'not a url',
      '',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});
