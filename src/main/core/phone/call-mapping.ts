import { Grammar, type NameAddrHeader } from 'sip.js';
import type { IncomingRequestMessage } from 'sip.js/lib/core/messages/incoming-request-message.js';
import type { CallEndReason } from '../../../shared/model/call.ts';
import { cleanDisplayName, stripBidiControls } from './display-name.ts';
import { firstHeaderValue } from './sip-header-list.ts';

// Pure translations between SIP and the call model: who is calling, and why a call ended.

export interface RemoteParty {
  number: string;
  displayName?: string;
  uri: string;
}

function fromNameAddr(header: NameAddrHeader): RemoteParty {
  const displayName = cleanDisplayName(header.displayName);
  // The user part may arrive %-escaped and SIP.js decodes it: a bidi control can hide there as well.
  const number = stripBidiControls(header.uri.user ?? header.uri.host);
  return { number, displayName, uri: header.uri.toString() };
}

/**
 * The caller as the PBX vouches for it: P-Asserted-Identity when present (the trusted network's
 * word, RFC 3325), otherwise From. A PAI without a display name borrows From's.
 */
export function remotePartyOfRequest(request: IncomingRequestMessage, from: NameAddrHeader): RemoteParty {
  const fromParty = fromNameAddr(from);
  // Only the first identity counts: a second one is the same caller as a tel: URI (RFC 3325 §9.1).
  const paiValue = firstHeaderValue(request.getHeader('P-Asserted-Identity'));
  if (paiValue) {
    const pai = Grammar.nameAddrHeaderParse(paiValue);
    if (pai) {
      const party = fromNameAddr(pai);
      return { ...party, displayName: party.displayName ?? fromParty.displayName };
    }
  }
  return fromParty;
}

/**
 * The number the caller dialled when it was not this operator's own line: a queue, a hunt group or
 * a company number the PBX routed here. The PBX says so in P-Called-Party-ID (RFC 3455) or, for a
 * forwarded call, in the first Diversion header (RFC 5806); failing both, the To user when it
 * differs from our own. Undefined when the caller simply called us.
 */
export function calledNumberOfRequest(
  request: IncomingRequestMessage,
  ownUser: string | undefined,
): string | undefined {
  const userOf = (value: string | undefined): string | undefined => {
    const first = firstHeaderValue(value);
    if (!first) return undefined;
    const header = Grammar.nameAddrHeaderParse(first);
    return header?.uri.user || undefined;
  };
  const called = userOf(request.getHeader('P-Called-Party-ID')) ?? userOf(request.getHeader('Diversion'));
  if (called && called !== ownUser) return called;
  const to = request.to.uri.user;
  return to && ownUser && to !== ownUser ? to : undefined;
}

/** A final non-2xx response to our INVITE, as the reason the call did not happen. */
export function endReasonForResponse(statusCode: number): CallEndReason {
  if (statusCode === 486 || statusCode === 600) return 'busy';
  if (statusCode === 404 || statusCode === 604 || statusCode === 484) return 'not-found';
  if (statusCode === 480) return 'unavailable';
  if (statusCode === 408) return 'no-answer';
  if (statusCode === 487) return 'cancelled';
  if (statusCode === 603) return 'declined';
  if (statusCode === 488 || statusCode === 606 || statusCode === 415) return 'incompatible-media';
  if (statusCode >= 500) return 'server-error';
  return 'rejected';
}

/** CANCEL with `Reason: SIP;cause=200` means another phone in the group answered (RFC 3326). */
export function cancelMeansAnsweredElsewhere(reasonHeader: string | undefined): boolean {
  return reasonHeader !== undefined && /cause\s*=\s*200\b/i.test(reasonHeader);
}

export function retryAfterSeconds(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.split(/[;\s(]/)[0]);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** RFC 3261 user part: '#' and other reserved characters must be escaped in a SIP URI. */
export function escapeUserPart(user: string): string {
  return user.replace(
    /[^A-Za-z0-9\-_.!~*'()&=+$,;?/]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
