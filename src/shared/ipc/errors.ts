// Error codes that cross the IPC boundary. The renderer translates them (i18n key `errors.<code>`);
// the English `message` is for logs and developers.
export const ERROR_CODES = [
  'BAD_REQUEST',
  'FORBIDDEN',
  'UNKNOWN_CHANNEL',
  'NOT_FOUND',
  'VALIDATION',
  'LOCKED',
  'SECRET_STORE_UNAVAILABLE',
  'STORAGE',
  'DISCONNECTED',
  'TIMEOUT',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one field, for messages shown next to that field. */
export interface FieldIssue {
  path: string;
  message: string;
  /** Values the translated message needs (e.g. the name of the contact a number belongs to). */
  params?: Record<string, string>;
}

export interface IpcError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };
