import { originOf } from './app-origin.ts';

// Who may call the IPC contract: a webContents we created, whose top frame is on our own origin (or
// the electron-vite dev server in development). An iframe, a navigated window or another
// webContents is refused before the payload is even parsed.

export interface SenderFacts {
  webContentsId: number;
  frameUrl: string | undefined;
  isMainFrame: boolean;
}

export function isTrustedSender(
  facts: SenderFacts,
  knownWebContents: ReadonlySet<number>,
  trustedOrigins: readonly string[],
): boolean {
  if (!knownWebContents.has(facts.webContentsId) || !facts.isMainFrame) return false;
  const origin = originOf(facts.frameUrl);
  return origin !== undefined && trustedOrigins.includes(origin);
}
