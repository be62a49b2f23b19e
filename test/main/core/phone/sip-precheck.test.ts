import { describe, expect, it } from 'vitest';
import { precheckSipMessage, type PrecheckVerdict } from '../../../../src/main/core/phone/sip-precheck.ts';

const SDP =
  'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n';

function message(options: {
  startLine?: string;
  method?: string;
  headers?: string[];
  drop?: string[];
  body?: string;
}): string {
  const method = options.method ?? 'INVITE';
  const base = [
    `Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bKunit1`,
    'From: "Caller" <sip:666@127.0.0.1>;tag=f1',
    'To: <sip:101@127.0.0.1>',
    'Call-ID: unit-1@test',
    `CSeq: 7 ${method}`,
    'Max-Forwards: 70',
    'Contact: <sip:666@127.0.0.1;transport=ws>',
  ].filter((line) => !(options.drop ?? []).some((name) => line.startsWith(`${name}:`)));
  const body = options.body ?? '';
  return [
    options.startLine ?? `${method} sip:101@127.0.0.1 SIP/2.0`,
    ...base,
    ...(options.headers ?? []),
    `Content-Length: ${body.length}`,
    '',
    body,
  ].join('\r\n');
}

const statusOf = (verdict: PrecheckVerdict) =>
  verdict.action === 'reply' ? `${verdict.status} ${verdict.reason}` : verdict.action;
const headerOf = (verdict: PrecheckVerdict, name: string) =>
  verdict.action === 'reply'
    ? verdict.response.split('\r\n').find((line) => line.startsWith(`${name}:`))
    : undefined;

describe('SIP pre-check: what passes to SIP.js', () => {
  it('lets a good INVITE with SDP, a bodiless one and a response through', () => {
    expect(precheckSipMessage(message({ headers: ['Content-Type: application/sdp'], body: SDP }))).toEqual({
      action: 'pass',
    });
    expect(precheckSipMessage(message({}))).toEqual({ action: 'pass' });
    expect(precheckSipMessage('SIP/2.0 200 OK\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n')).toEqual({
      action: 'pass',
    });
  });

  it('accepts compact forms, folded lines, case in names, and the extensions SIP.js handles', () => {
    const text = message({
      headers: ['c : Application/SDP;\r\n charset=utf-8', 'Require: 100rel,\r\n\treplaces'],
      body: SDP,
    });
    expect(precheckSipMessage(text)).toEqual({ action: 'pass' });
  });

  it('leaves garbage and requests without the mandatory headers to SIP.js (it drops them)', () => {
    expect(precheckSipMessage('THIS IS NOT SIP\r\n\r\n')).toEqual({ action: 'pass' });
    expect(precheckSipMessage('INVITE sip:101@127.0.0.1 SIP/2.0\r\nVia: x')).toEqual({ action: 'pass' });
    expect(precheckSipMessage(message({ drop: ['Call-ID'], body: SDP }))).toEqual({ action: 'pass' });
  });
});

describe('SIP pre-check: what is refused, with the status RFC 3261 names', () => {
  it('a body without a Content-Type (or with a mangled one) → 400, before SIP.js can throw on it', () => {
    expect(statusOf(precheckSipMessage(message({ body: SDP })))).toBe('400 Missing Content-Type');
    expect(
      statusOf(precheckSipMessage(message({ headers: ['Contxnt-Type: application/sdp'], body: SDP }))),
    ).toBe('400 Missing Content-Type');
    expect(statusOf(precheckSipMessage(message({ headers: ['Content-Type: sdp'], body: SDP })))).toBe(
      '400 Bad Content-Type',
    );
  });

  it('an INVITE body that is not SDP → 415 with Accept; an encoded one → 415 with Accept-Encoding', () => {
    const unknown = precheckSipMessage(
      message({ headers: ['Content-Type: application/unknownformat'], body: 'x' }),
    );
    expect(statusOf(unknown)).toBe('415 Unsupported Media Type');
    expect(headerOf(unknown, 'Accept')).toBe('Accept: application/sdp');
    const gzip = precheckSipMessage(
      message({ headers: ['Content-Type: application/sdp', 'Content-Encoding: gzip'], body: SDP }),
    );
    expect(headerOf(gzip, 'Accept-Encoding')).toBe('Accept-Encoding: identity');
    // Other methods may carry other types (INFO with DTMF, MESSAGE with text).
    expect(
      precheckSipMessage(
        message({ method: 'INFO', headers: ['Content-Type: application/dtmf-relay'], body: 'Signal=1' }),
      ),
    ).toEqual({ action: 'pass' });
  });

  it('Require: an unknown extension → 420 listing it in Unsupported; never for CANCEL', () => {
    const verdict = precheckSipMessage(message({ headers: ['Require: 100rel, foo', 'Require: bar'] }));
    expect(statusOf(verdict)).toBe('420 Bad Extension');
    expect(headerOf(verdict, 'Unsupported')).toBe('Unsupported: foo, bar');
    expect(precheckSipMessage(message({ method: 'CANCEL', headers: ['Require: foo'] }))).toEqual({
      action: 'pass',
    });
  });

  it('a CSeq method other than the request’s, or a CSeq out of range → 400', () => {
    const mismatch = message({ startLine: 'OPTIONS sip:101@127.0.0.1 SIP/2.0' });
    expect(statusOf(precheckSipMessage(mismatch))).toBe('400 CSeq Method Does Not Match');
    expect(
      statusOf(precheckSipMessage(message({ headers: [] }).replace('CSeq: 7', 'CSeq: 2147483648'))),
    ).toBe('400 Bad CSeq');
    expect(statusOf(precheckSipMessage(message({}).replace('CSeq: 7 INVITE', 'CSeq: INVITE')))).toBe(
      '400 Bad CSeq',
    );
  });

  it('another SIP version → 505; a URI scheme other than sip/sips → 416; a broken start line → 400', () => {
    expect(statusOf(precheckSipMessage(message({ startLine: 'INVITE sip:101@127.0.0.1 SIP/7.0' })))).toBe(
      '505 Version Not Supported',
    );
    expect(
      statusOf(precheckSipMessage(message({ startLine: 'INVITE nobodyKnowsThisScheme:opaque SIP/2.0' }))),
    ).toBe('416 Unsupported URI Scheme');
    expect(statusOf(precheckSipMessage(message({ startLine: 'INVITE tel:+74951234567 SIP/2.0' })))).toBe(
      '416 Unsupported URI Scheme',
    );
    expect(statusOf(precheckSipMessage(message({ startLine: 'INVITE <sip:101@127.0.0.1> SIP/2.0' })))).toBe(
      '400 Malformed Request-URI',
    );
    expect(statusOf(precheckSipMessage(message({ startLine: 'INVITE  sip:101@127.0.0.1 SIP/2.0' })))).toBe(
      '400 Malformed Request-Line',
    );
    expect(
      statusOf(precheckSipMessage(message({ startLine: 'INVITE sip:101@127.0.0.1?Route=%3Cx%3E SIP/2.0' }))),
    ).toBe('400 Headers in Request-URI');
  });

  it('an RFC 2543 request without a branch → 400 rather than lost; a cookie-less branch passes', () => {
    const noBranch = message({}).replace(';branch=z9hG4bKunit1', '');
    expect(statusOf(precheckSipMessage(noBranch))).toBe('400 Missing Branch');
    const oldBranch = message({}).replace('branch=z9hG4bKunit1', 'branch=390skdjuw');
    expect(precheckSipMessage(oldBranch)).toEqual({ action: 'pass' });
  });

  it('a "?" in the user part is a character, not headers', () => {
    const crazy = message({ startLine: 'INVITE sip:1_unusual?,/;;*:&it+has=1@127.0.0.1 SIP/2.0' });
    expect(precheckSipMessage(crazy)).toEqual({ action: 'pass' });
  });

  it('bad Content-Length or Max-Forwards → 400', () => {
    expect(
      statusOf(precheckSipMessage(message({}).replace('Content-Length: 0', 'Content-Length: -999'))),
    ).toBe('400 Bad Content-Length');
    expect(statusOf(precheckSipMessage(message({}).replace('Max-Forwards: 70', 'Max-Forwards: 300')))).toBe(
      '400 Bad Max-Forwards',
    );
    // Leading zeros are still a number (RFC 4475 wsinv has 0068).
    expect(precheckSipMessage(message({}).replace('Max-Forwards: 70', 'Max-Forwards: 0068'))).toEqual({
      action: 'pass',
    });
  });

  it('builds the response from the request: every Via in order, From, To with a stable tag, Call-ID, CSeq', () => {
    const text = message({ body: SDP }).replace(
      'Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bKunit1',
      'v: SIP/2.0/WS 127.0.0.1;branch=z9hG4bKunit1, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKb\r\nVia: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKc',
    );
    const verdict = precheckSipMessage(text);
    if (verdict.action !== 'reply') throw new Error('expected a reply');
    const lines = verdict.response.split('\r\n');
    expect(lines[0]).toBe('SIP/2.0 400 Missing Content-Type');
    expect(lines.filter((l) => l.startsWith('Via:'))).toEqual([
      'Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bKunit1, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKb',
      'Via: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKc',
    ]);
    expect(lines).toContain('From: "Caller" <sip:666@127.0.0.1>;tag=f1');
    expect(lines).toContain('Call-ID: unit-1@test');
    expect(lines).toContain('CSeq: 7 INVITE');
    expect(lines.find((l) => l.startsWith('To:'))).toMatch(/^To: <sip:101@127\.0\.0\.1>;tag=[0-9a-f]{16}$/);
    expect(precheckSipMessage(text)).toEqual(verdict);
    expect(verdict.response.endsWith('Content-Length: 0\r\n\r\n')).toBe(true);
    // A To that already has a tag (in-dialog) is kept as it is; a tag inside the URI is not one.
    const inDialog = precheckSipMessage(
      message({ body: SDP }).replace('To: <sip:101@127.0.0.1>', 'To: <sip:101@127.0.0.1>;tag=t9'),
    );
    expect(headerOf(inDialog, 'To')).toBe('To: <sip:101@127.0.0.1>;tag=t9');
    const uriTag = precheckSipMessage(
      message({ body: SDP }).replace('To: <sip:101@127.0.0.1>', 'To: <sip:101@127.0.0.1;tag=x>'),
    );
    expect(headerOf(uriTag, 'To')).toMatch(/;tag=x>;tag=[0-9a-f]{16}$/);
  });

  it('never answers an ACK, and never passes one SIP.js cannot handle safely', () => {
    expect(precheckSipMessage(message({ method: 'ACK', body: SDP }))).toMatchObject({
      action: 'drop',
      reason: 'Missing Content-Type',
    });
    expect(precheckSipMessage(message({ method: 'ACK', headers: ['Require: foo'] }))).toEqual({
      action: 'pass',
    });
  });

  it('drops a response whose body has no readable Content-Type (it cannot be answered)', () => {
    const response = `SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\nContent-Length: ${SDP.length}\r\n\r\n${SDP}`;
    expect(precheckSipMessage(response)).toMatchObject({ action: 'drop' });
    expect(precheckSipMessage(response.replace('CSeq', 'Content-Type: application/sdp\r\nCSeq'))).toEqual({
      action: 'pass',
    });
  });
});
