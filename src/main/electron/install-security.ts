import { app, session, type Session } from 'electron';
import { isAllowedExternalUrl } from '../core/security/external-urls.ts';
import type { Logger } from '../core/log/logger.ts';
import { isPermissionAllowed } from './permissions.ts';
import { originOf } from './app-origin.ts';

/**
 * App-wide defenses: permissions (audio capture for our origin only), no navigation away from the
 * app, no new windows (links go to the OS browser when allowlisted), no <webview>.
 */
export function installSecurity(appOrigin: string, log: Logger, ses: Session = session.defaultSession): void {
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const allowed = isPermissionAllowed(
      { permission, requestingOrigin: originOf(details.requestingUrl ?? contents?.getURL()), mediaTypes },
      appOrigin,
    );
    if (!allowed) log.warn('permission refused', { permission, url: details.requestingUrl });
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      {
        permission,
        requestingOrigin: originOf(requestingOrigin),
        mediaTypes: details.mediaType ? [details.mediaType] : [],
      },
      appOrigin,
    ),
  );

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (originOf(url) !== appOrigin) {
        event.preventDefault();
        log.warn('navigation blocked', { url: url.slice(0, 200) });
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (originOf(url) !== appOrigin) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void import('electron').then(({ shell }) => shell.openExternal(url));
      else log.warn('window.open blocked', { url: url.slice(0, 200) });
      return { action: 'deny' };
    });
  });
}
