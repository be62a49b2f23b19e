import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

// One POST of one sync document, and what its answer means for the outbox. Uses node:http(s)
// directly: keep-alive (a backlog of thousands drains over a few connections), the same trusted
// CAs as the phone (system store + IT's bundle), a hard timeout, and a cap on the answer's size.
//
// The receiver's contract (docs/sync/README.md): a 2xx whose body is JSON with the same `id` means
// stored (or already stored: a repeat of a known Idempotency-Key). Anything else is not an
// acknowledgement, whatever its status: a captive portal's "200 OK" HTML page must not count.

export interface DeliveryRequest {
  url: string;
  body: string;
  idempotencyKey: string;
  token?: string;
  hmacKey?: string;
  timeoutMs: number;
}

export type RetryCode =
  | 'unreachable'
  | 'timeout'
  | 'server-error'
  | 'rate-limited'
  | 'bad-response'
  | 'unauthorized'
  | 'redirected'
  | 'certificate'
  | 'internal';

export type DeliveryResult =
  | { kind: 'delivered'; status: number }
  /** Worth repeating later: the server or the way to it has a problem, not this document. */
  | { kind: 'retry'; code: RetryCode; status?: number; retryAfterMs?: number; detail: string }
  /** The server refused this document (a 4xx): repeating it unchanged cannot help. */
  | { kind: 'rejected'; status: number; detail: string };

const MAX_ANSWER_BYTES = 64 * 1024;

export const SIGNATURE_HEADER = 'X-Hotline-Signature';

/** `t=<epoch ms>,v1=<hex HMAC-SHA256(key, "<t>.<body>")>`: the timestamp lets receivers refuse replays. */
export function signatureOf(hmacKey: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', hmacKey).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3); absent or unreadable → undefined. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An IMF-fixdate like "Wed, 21 Oct 2026 07:28:00 GMT" (Date.parse alone accepts "-5" as a year).
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** What an HTTP answer means (status, headers, body already read). */
export function classifyAnswer(
  status: number,
  headers: http.IncomingHttpHeaders,
  body: string,
  idempotencyKey: string,
  now = Date.now(),
): DeliveryResult {
  const retryAfterMs = parseRetryAfter(headerOf(headers, 'retry-after'), now);
  const excerpt = body.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (status >= 200 && status < 300) {
    if (acknowledges(body, idempotencyKey)) return { kind: 'delivered', status };
    return { kind: 'retry', code: 'bad-response', status, detail: `not an acknowledgement: ${excerpt}` };
  }
  if (status === 408) return { kind: 'retry', code: 'timeout', status, retryAfterMs, detail: excerpt };
  if (status === 429) return { kind: 'retry', code: 'rate-limited', status, retryAfterMs, detail: excerpt };
  // The token or signature is wrong: every document would be refused the same way, so this is a
  // problem of the connection (IT fixes the credentials), not of one record to park.
  if (status === 401 || status === 403)
    return { kind: 'retry', code: 'unauthorized', status, retryAfterMs, detail: excerpt };
  if (status >= 500) return { kind: 'retry', code: 'server-error', status, retryAfterMs, detail: excerpt };
  if (status >= 300 && status < 400)
    return {
      kind: 'retry',
      code: 'redirected',
      status,
      detail: `redirect to ${headerOf(headers, 'location') ?? '?'}`,
    };
  if (status >= 400) return { kind: 'rejected', status, detail: excerpt };
  return { kind: 'retry', code: 'bad-response', status, detail: `unexpected status ${status}` };
}

function headerOf(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function acknowledges(body: string, key: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && (parsed as { id?: unknown }).id === key;
  } catch {
    return false;
  }
}

/** The TLS handshake failed on the server's certificate (untrusted CA, wrong name, expired). */
function isCertificateError(code: string | undefined): boolean {
  return (
    code !== undefined &&
    (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code) ||
      code === 'ERR_TLS_CERT_ALTNAME_INVALID')
  );
}

export interface HttpDelivery {
  send(request: DeliveryRequest): Promise<DeliveryResult>;
  close(): void;
}

export function createHttpDelivery(options: { ca?: string[]; userAgent: string }): HttpDelivery {
  // A handful of sockets kept open: the worker sends several calls' documents side by side.
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8, ca: options.ca });
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });

  function send(request: DeliveryRequest): Promise<DeliveryResult> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return Promise.resolve({ kind: 'retry', code: 'unreachable', detail: 'invalid endpoint URL' });
    }
    const secure = url.protocol === 'https:';
    const timestamp = Date.now();
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(request.body),
      Accept: 'application/json',
      'User-Agent': options.userAgent,
      'Idempotency-Key': request.idempotencyKey,
    };
    if (request.token) headers.Authorization = `Bearer ${request.token}`;
    if (request.hmacKey) headers[SIGNATURE_HEADER] = signatureOf(request.hmacKey, timestamp, request.body);

    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: DeliveryResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const req = (secure ? https : http).request(
        url,
        { method: 'POST', headers, agent: secure ? httpsAgent : httpAgent },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_ANSWER_BYTES) {
              req.destroy();
              finish({
                kind: 'retry',
                code: 'bad-response',
                status: res.statusCode,
                detail: 'answer too large',
              });
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () =>
            finish(
              classifyAnswer(
                res.statusCode ?? 0,
                res.headers,
                Buffer.concat(chunks).toString('utf8'),
                request.idempotencyKey,
              ),
            ),
          );
          res.on('error', (error) =>
            finish({ kind: 'retry', code: 'unreachable', status: res.statusCode, detail: error.message }),
          );
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        finish({ kind: 'retry', code: 'timeout', detail: `no answer in ${request.timeoutMs} ms` });
      }, request.timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) =>
        finish({
          kind: 'retry',
          code: isCertificateError(error.code) ? 'certificate' : 'unreachable',
          detail: error.code ?? error.message,
        }),
      );
      req.end(request.body);
    });
  }

  return {
    send,
    close() {
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  };
}
