// One scoped logger per module. The sink is chosen by the composition root: electron-log in the app,
// the console (or a test collector) under Node. Every message passes through `redact` first, so a
// log never contains a secret even when a caller forgets.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogRecord {
  level: LogLevel;
  scope: string;
  message: string;
  data?: unknown;
  time: number;
}

export type LogSink = (record: LogRecord) => void;

export interface Logger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
  child(scope: string): Logger;
  /** Whether a level would be written: lets chatty producers (SIP traces) skip the work entirely. */
  isEnabled(level: LogLevel): boolean;
}

const SECRET_KEYS =
  /^(password|pass|secret|token|authorization|proxy-authorization|ha1|authorizationHa1|authorizationPassword)$/i;
const SECRET_HEADER = /^((?:proxy-)?authorization\s*:\s*)(.*)$/gim;

/** Removes secrets from strings (SIP/HTTP Authorization headers) and objects (password-like keys). */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(SECRET_HEADER, '$1[redacted]');
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: redact(value.message), stack: value.stack };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEYS.test(key) ? '[redacted]' : redact(item, depth + 1);
  }
  return out;
}

export function createLogger(sink: LogSink, scope = 'hotline', minLevel: LogLevel = 'debug'): Logger {
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  const write = (level: LogLevel, message: string, data?: unknown): void => {
    if (order[level] < order[minLevel]) return;
    const record: LogRecord = { level, scope, message: redact(message) as string, time: Date.now() };
    if (data !== undefined) record.data = redact(data);
    sink(record);
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
    child: (child) => createLogger(sink, `${scope}:${child}`, minLevel),
    isEnabled: (level) => order[level] >= order[minLevel],
  };
}

export const consoleSink: LogSink = (record) => {
  const line = `${new Date(record.time).toISOString()} ${record.level.toUpperCase()} [${record.scope}] ${record.message}`;
  const args = record.data === undefined ? [line] : [line, record.data];
  if (record.level === 'error') console.error(...args);
  else if (record.level === 'warn') console.warn(...args);
  else console.log(...args);
};

/** A sink that keeps records in memory: for tests that assert something was logged. */
export function memorySink(): LogSink & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const sink = ((record: LogRecord) => {
    records.push(record);
  }) as LogSink & { records: LogRecord[] };
  sink.records = records;
  return sink;
}
