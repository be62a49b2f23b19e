import type { LogConnector, LogLevel as SipLogLevel } from 'sip.js';
import type { Logger } from '../log/logger.ts';

/** SIP.js's logs into ours: traces at debug, Authorization headers redacted by the logger. */
export function sipLogConnector(log: Logger): LogConnector {
  return (level: SipLogLevel, category: string, label: string | undefined, content: string) => {
    const message = `${category}${label ? ` ${label}` : ''}: ${content}`;
    if (level === 'error') log.error(message);
    else if (level === 'warn') log.warn(message);
    else log.debug(message);
  };
}
