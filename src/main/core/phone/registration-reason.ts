import type { TransportFailure } from './ws-transport.ts';

// Why the phone is not registered, as a code the renderer translates into something the operator
// can act on (`registration.reason.<code>`). Each code says whose move it is: the operator's
// (password), IT's (certificate, address), or nobody's (the network is back soon; we keep trying).

export type RegistrationReason =
  | TransportFailure
  | 'wrong-password'
  | 'forbidden'
  | 'not-found'
  | 'server-busy'
  | 'server-error'
  | 'timeout'
  | 'rejected';

/** Reasons where retrying by itself cannot help: wait for the operator or IT to change something. */
export const NEEDS_ACTION: ReadonlySet<RegistrationReason> = new Set([
  'wrong-password',
  'forbidden',
  'not-found',
]);

/** A final REGISTER response (after SIP.js has answered any digest challenge) as a reason. */
export function reasonForRegisterResponse(statusCode: number): RegistrationReason {
  if (statusCode === 401 || statusCode === 407) return 'wrong-password';
  if (statusCode === 403) return 'forbidden';
  if (statusCode === 404) return 'not-found';
  if (statusCode === 408) return 'timeout';
  if (statusCode === 480 || statusCode === 486 || statusCode === 503 || statusCode === 600)
    return 'server-busy';
  if (statusCode >= 500) return 'server-error';
  return 'rejected';
}
