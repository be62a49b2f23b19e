import type { Logger } from '../log/logger.ts';

// The last line of defence for the core. SIP.js starts promises it never awaits (an INVITE's
// automatic 180, for one); when one of them rejects, Node's default ends the whole process: every
// call drops and the call being set up never reaches the call log. The composition roots install
// this instead, so such a rejection is logged and the core keeps running; the call records stay
// as the services wrote them. Known inputs that caused one are refused earlier (sip-precheck.ts);
// this catches the ones nobody has met yet.

export interface RejectionTarget {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

// An error message from the SIP stack may quote a header: keep URIs and phone numbers out of the log.
const URI = /\b(?:sips?|tel):[^\s"'<>,;]+/gi;
const NUMBER = /\+?\d[\d\s().-]{4,}\d/g;
const MAX_MESSAGE = 300;
const MAX_FRAMES = 8;

function scrub(text: string): string {
  return text.replace(URI, '<uri>').replace(NUMBER, '<number>');
}

/** What the log keeps of a rejection reason: its kind, a scrubbed message and where it was thrown. */
export function describeRejection(reason: unknown): { name: string; message: string; at: string[] } {
  if (reason instanceof Error) {
    const frames = (reason.stack ?? '')
      .split('\n')
      .slice(1, 1 + MAX_FRAMES)
      .map((frame) => frame.trim());
    return { name: reason.name, message: scrub(reason.message).slice(0, MAX_MESSAGE), at: frames };
  }
  return { name: typeof reason, message: scrub(String(reason)).slice(0, MAX_MESSAGE), at: [] };
}

/** Logs every unhandled rejection instead of exiting. Returns the function that removes it. */
export function guardUnhandledRejections(log: Logger, target: RejectionTarget = process): () => void {
  const listener = (reason: unknown) => {
    log.error('unhandled promise rejection; the core keeps running', describeRejection(reason));
  };
  target.on('unhandledRejection', listener);
  return () => void target.off('unhandledRejection', listener);
}
