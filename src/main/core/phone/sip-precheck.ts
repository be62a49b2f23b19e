import { createHash } from 'node:crypto';
import { splitHeaderList } from './sip-header-list.ts';

// What SIP.js 0.21 must never see, decided on the raw text before it does. SIP.js skips RFC 3261
// §8.2.2.3 (Require) and §8.2.3 (content) entirely, matches transactions by branch alone, and
// throws asynchronously — beyond any try/catch — on a body it cannot type (an unhandled rejection
// that ends the process). So a request that breaks those rules is answered here, statelessly, with
// the status RFC 3261 names; a response or an ACK (neither can be answered) is dropped. Everything
// else passes untouched: SIP.js answers or drops it as before.
//
// This reads only the start line and the few headers it checks; it is not a second SIP parser.

export type PrecheckVerdict =
  | { action: 'pass' }
  | { action: 'reply'; method: string; status: number; reason: string; response: string }
  | { action: 'drop'; method: string; reason: string };

/** Option tags SIP.js acts on when a caller requires them (RFC 3262 reliable 1xx, RFC 3891). */
const SUPPORTED_EXTENSIONS = new Set(['100rel', 'replaces']);
const COMPACT_FORMS: Record<string, string> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  c: 'content-type',
  l: 'content-length',
  e: 'content-encoding',
};
const TOKEN = "[-!%*_+`'~.A-Za-z0-9]+";
const REQUEST_LINE = new RegExp(`^(${TOKEN}) (\\S+) SIP/2\\.0$`, 'i');
const VERSION_AT_END = /\sSIP\/(\d+\.\d+)\s*$/i;
const URI_SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const CSEQ = new RegExp(`^(\\d+)\\s+(${TOKEN})$`);
const MEDIA_TYPE = new RegExp(`^(${TOKEN})\\s*/\\s*(${TOKEN})\\s*(;.*)?$`);
const BRANCH = /;\s*branch\s*=\s*([^;,\s]+)/i;
const MAX_CSEQ = 2 ** 31; // §8.1.1.5: the sequence number MUST be less than 2^31

interface RawMessage {
  startLine: string;
  headers: Map<string, string[]>;
  body: string;
}

/** Start line, unfolded headers by lower-case long name, and the body as SIP.js would cut it. */
function split(text: string): RawMessage | undefined {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd === -1) return undefined; // SIP.js drops it as malformed
  const lines = text.slice(0, headEnd).split('\r\n');
  const headers = new Map<string, string[]>();
  let last: { name: string; index: number } | undefined;
  for (const line of lines.slice(1)) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      const values = headers.get(last.name)!;
      values[last.index] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const raw = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT_FORMS[raw] ?? raw;
    const values = headers.get(name) ?? [];
    values.push(line.slice(colon + 1).trim());
    headers.set(name, values);
    last = { name, index: values.length - 1 };
  }
  const rest = text.slice(headEnd + 4);
  const length = headers.get('content-length')?.[0];
  // SIP.js reads Content-Length characters when the header is there, else the rest of the frame.
  const body = length !== undefined && /^\d+$/.test(length) ? rest.substr(0, Number(length)) : rest;
  return { startLine: lines[0]!, headers, body };
}

const first = (message: RawMessage, name: string) => message.headers.get(name)?.[0];

function hasToTag(to: string): boolean {
  // A tag parameter of the header, not one inside the URI or the display name.
  const outside = to.replace(/"(?:[^"\\]|\\.)*"/g, '').replace(/<[^>]*>/g, '');
  return /;\s*tag\s*=/i.test(outside);
}

/** §8.2.6.2: a stateless UAS makes the To tag from the request, so a repeat gets the same one. */
function statelessTag(message: RawMessage): string {
  const seed = `${first(message, 'call-id')}|${first(message, 'from')}|${first(message, 'via')}`;
  return createHash('sha256').update(seed).digest('hex').slice(0, 16);
}

function buildResponse(message: RawMessage, status: number, reason: string, extra: string[]): string {
  const to = first(message, 'to')!;
  return [
    `SIP/2.0 ${status} ${reason}`,
    ...message.headers.get('via')!.map((via) => `Via: ${via}`),
    `From: ${first(message, 'from')}`,
    `To: ${hasToTag(to) ? to : `${to};tag=${statelessTag(message)}`}`,
    `Call-ID: ${first(message, 'call-id')}`,
    `CSeq: ${first(message, 'cseq')}`,
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

interface Refusal {
  status: number;
  reason: string;
  extra?: string[];
}

/** The first rule of RFC 3261 §8.2 (in its order) that the request breaks, or undefined. */
function refusalOf(message: RawMessage, method: string): Refusal | undefined {
  const version = VERSION_AT_END.exec(message.startLine)?.[1];
  if (version !== undefined && version !== '2.0') {
    return { status: 505, reason: 'Version Not Supported' };
  }
  const line = REQUEST_LINE.exec(message.startLine);
  if (!line) return { status: 400, reason: 'Malformed Request-Line' };
  const uri = line[2]!;
  const scheme = URI_SCHEME.exec(uri)?.[1]?.toLowerCase();
  if (scheme === undefined) return { status: 400, reason: 'Malformed Request-URI' };
  if (scheme !== 'sip' && scheme !== 'sips') return { status: 416, reason: 'Unsupported URI Scheme' };
  // §19.1.1: headers are not allowed in a Request-URI. A '?' in the user part is just a character.
  if (uri.slice(uri.lastIndexOf('@') + 1).includes('?')) {
    return { status: 400, reason: 'Headers in Request-URI' };
  }

  const cseq = CSEQ.exec(first(message, 'cseq')!);
  if (!cseq || cseq[1]!.length > 10 || Number(cseq[1]) >= MAX_CSEQ) {
    return { status: 400, reason: 'Bad CSeq' };
  }
  if (cseq[2] !== method) return { status: 400, reason: 'CSeq Method Does Not Match' };

  // SIP.js matches server transactions by branch alone: two RFC 2543 requests without one share
  // the key "undefined", and the second is taken for a retransmission of the first and lost
  // (§17.2.3 asks for matching on the other fields instead). Every proxy and PBX in front of us puts
  // a branch in its Via, so refusing is clearer than patching a second matcher into SIP.js. A branch
  // without the RFC 3261 cookie still passes: it is unique in practice, and RFC 4475's valid
  // messages use such branches.
  const topVia = splitHeaderList(first(message, 'via')!)[0] ?? '';
  if (!BRANCH.test(topVia)) return { status: 400, reason: 'Missing Branch' };

  const length = first(message, 'content-length');
  if (length !== undefined && !/^\d{1,10}$/.test(length))
    return { status: 400, reason: 'Bad Content-Length' };
  const maxForwards = first(message, 'max-forwards');
  if (maxForwards !== undefined && !(/^\d{1,10}$/.test(maxForwards) && Number(maxForwards) <= 255)) {
    return { status: 400, reason: 'Bad Max-Forwards' };
  }

  // §8.2.2.3; CANCEL and ACK are never refused for what they require.
  if (method !== 'CANCEL' && method !== 'ACK') {
    const required = (message.headers.get('require') ?? []).flatMap(splitHeaderList);
    const unknown = required.filter((tag) => !SUPPORTED_EXTENSIONS.has(tag.toLowerCase()));
    if (unknown.length > 0) {
      return { status: 420, reason: 'Bad Extension', extra: [`Unsupported: ${unknown.join(', ')}`] };
    }
  }

  return message.body === '' ? undefined : contentRefusalOf(message, method);
}

/** §8.2.3 and §20.15: a body needs a type we can read, and an INVITE's must be SDP. */
function contentRefusalOf(message: RawMessage, method: string): Refusal | undefined {
  const contentType = first(message, 'content-type');
  if (contentType === undefined) return { status: 400, reason: 'Missing Content-Type' };
  const media = MEDIA_TYPE.exec(contentType);
  if (!media) return { status: 400, reason: 'Bad Content-Type' };
  const encoding = first(message, 'content-encoding');
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    return { status: 415, reason: 'Unsupported Media Type', extra: ['Accept-Encoding: identity'] };
  }
  const type = `${media[1]}/${media[2]}`.toLowerCase();
  if (method === 'INVITE' && type !== 'application/sdp') {
    return { status: 415, reason: 'Unsupported Media Type', extra: ['Accept: application/sdp'] };
  }
  return undefined;
}

export function precheckSipMessage(text: string): PrecheckVerdict {
  const message = split(text);
  if (!message) return { action: 'pass' };
  if (message.startLine.startsWith('SIP/')) {
    if (message.body === '') return { action: 'pass' };
    const contentType = first(message, 'content-type');
    return contentType !== undefined && MEDIA_TYPE.test(contentType)
      ? { action: 'pass' }
      : { action: 'drop', method: 'response', reason: 'body without a readable Content-Type' };
  }
  const method = /^\S+/.exec(message.startLine)?.[0] ?? '';
  // Without these SIP.js drops the request itself, and no response could be addressed anyway.
  for (const name of ['via', 'from', 'to', 'call-id', 'cseq']) {
    if (first(message, name) === undefined) return { action: 'pass' };
  }
  const refusal = refusalOf(message, method);
  if (!refusal) return { action: 'pass' };
  // An ACK is never answered (§17.1.1.3); one SIP.js cannot handle safely is simply not delivered.
  if (method === 'ACK') return { action: 'drop', method, reason: refusal.reason };
  return {
    action: 'reply',
    method,
    status: refusal.status,
    reason: refusal.reason,
    response: buildResponse(message, refusal.status, refusal.reason, refusal.extra ?? []),
  };
}
