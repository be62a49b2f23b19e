import log from 'electron-log/main.js';
import type { LogSink } from '../core/log/logger.ts';

/** electron-log writes rotating files in the OS's log folder, where IT and support look. */
export function createElectronLogSink(): LogSink {
  log.initialize();
  log.transports.file.maxSize = 10 * 1024 * 1024;
  return ({ level, scope, message, data }) => {
    const line = `[${scope}] ${message}`;
    if (data === undefined) log[level](line);
    else log[level](line, data);
  };
}
