import { dialTextFromLink } from '../../../shared/phone/dial-link.ts';
import type { Logger } from '../log/logger.ts';

// Telephone links from other programs (tel:, callto:, sip: — a web page, a CRM, a mail). The number
// goes to the dial field, never straight to a call: the operator checks it and presses Enter. The
// link waits here until the page takes it, so one that arrives while the window is still loading
// (the link that started Hotline) is not lost.

export interface DialLinks {
  /** A link handed to Hotline by the OS; false when it is not a telephone link (and is ignored). */
  open(link: string): boolean;
  /** The number waiting for the dial field, once. */
  take(): string | null;
}

export function createDialLinks(options: { notify: () => void; log: Logger }): DialLinks {
  let waiting: string | null = null;
  return {
    open(link) {
      const text = dialTextFromLink(link);
      if (text === undefined) {
        options.log.warn('ignored a link that is not tel:, callto: or sip:', { link: link.slice(0, 80) });
        return false;
      }
      waiting = text;
      // Numbers in links are callers' numbers too: the log keeps only that one came.
      options.log.info('telephone link received', { scheme: /^[a-z]+/i.exec(link.trim())?.[0] });
      options.notify();
      return true;
    },
    take() {
      const text = waiting;
      waiting = null;
      return text;
    },
  };
}
