import { describe, expect, it } from 'vitest';
import { Grammar } from 'sip.js';
import {
  calledNumberOfRequest,
  cancelMeansAnsweredElsewhere,
  endReasonForResponse,
  escapeUserPart,
  remotePartyOfRequest,
  retryAfterSeconds,
} from '../../../../src/main/core/phone/call-mapping.ts';
import { reasonForRegisterResponse } from '../../../../src/main/core/phone/registration-reason.ts';

const request = (headers: Record<string, string>) =>
  ({ getHeader: (name: string) => headers[name] }) as never;
const from = (value: string) => Grammar.nameAddrHeaderParse(value)!;

describe('who is calling', () => {
  it('takes the name and number from From, Cyrillic included', () => {
    expect(remotePartyOfRequest(request({}), from('"Иван Петров" <sip:+74951234567@pbx>'))).toEqual({
      number: '+74951234567',
      displayName: 'Иван Петров',
      uri: 'sip:+74951234567@pbx',
    });
  });

  it('prefers P-Asserted-Identity, borrowing From’s name when PAI has none', () => {
    const party = remotePartyOfRequest(
      request({ 'P-Asserted-Identity': '<sip:84951112233@trunk>' }),
      from('"ООО Ромашка" <sip:anonymous@pbx>'),
    );
    expect(party).toMatchObject({ number: '84951112233', displayName: 'ООО Ромашка' });
    const named = remotePartyOfRequest(
      request({ 'P-Asserted-Identity': '"Support" <sip:100@pbx>, <tel:+100>' }),
      from('<sip:x@pbx>'),
    );
    expect(named).toMatchObject({ number: '100', displayName: 'Support' });
  });

  it('reads a PAI whose quoted name has a comma (it is one identity, not two)', () => {
    const party = remotePartyOfRequest(
      request({ 'P-Asserted-Identity': '"Иванов, Иван" <sip:+74951234569@example.com>, <tel:+74951234569>' }),
      from('"anonymous" <sip:anonymous@anonymous.invalid>'),
    );
    expect(party).toMatchObject({ number: '+74951234569', displayName: 'Иванов, Иван' });
  });

  it('shows escaped quotes and backslashes unescaped, and strips bidi controls from name and number', () => {
    expect(
      remotePartyOfRequest(request({}), from('"ООО \\"Ромашка\\" \\\\ 1" <sip:555@pbx>')).displayName,
    ).toBe('ООО "Ромашка" \\ 1');
    const spoof = remotePartyOfRequest(request({}), from('"Bank\u202Eknab" <sip:%E2%80%AE900@pbx>'));
    expect(spoof).toMatchObject({ displayName: 'Bankknab', number: '900' });
  });

  it('ignores a PAI it cannot parse', () => {
    expect(
      remotePartyOfRequest(request({ 'P-Asserted-Identity': '<<<garbage' }), from('<sip:555@pbx>')).number,
    ).toBe('555');
  });
});

describe('what the caller dialled', () => {
  const invite = (headers: Record<string, string>, toUser: string) =>
    ({ getHeader: (name: string) => headers[name], to: { uri: { user: toUser } } }) as never;

  it('names the queue from P-Called-Party-ID, else the first Diversion, else a To that is not us', () => {
    expect(calledNumberOfRequest(invite({ 'P-Called-Party-ID': '<sip:7000@pbx>' }, '101'), '101')).toBe(
      '7000',
    );
    expect(
      calledNumberOfRequest(
        invite({ Diversion: '<sip:84950001122@pbx>;reason=unconditional, <sip:200@pbx>' }, '101'),
        '101',
      ),
    ).toBe('84950001122');
    expect(calledNumberOfRequest(invite({}, '8800'), '101')).toBe('8800');
  });

  it('takes the first P-Called-Party-ID or Diversion even when a quoted name holds a comma', () => {
    expect(
      calledNumberOfRequest(invite({ 'P-Called-Party-ID': '"Sales, Moscow" <sip:7000@pbx>' }, '101'), '101'),
    ).toBe('7000');
    expect(
      calledNumberOfRequest(
        invite({ Diversion: '"Петров, Пётр" <sip:205@pbx>;reason=no-answer, <sip:200@pbx>' }, '101'),
        '101',
      ),
    ).toBe('205');
  });

  it('is silent when the caller simply called this operator, or the header is garbage', () => {
    expect(calledNumberOfRequest(invite({}, '101'), '101')).toBeUndefined();
    expect(
      calledNumberOfRequest(invite({ 'P-Called-Party-ID': '<sip:101@pbx>' }, '101'), '101'),
    ).toBeUndefined();
    expect(calledNumberOfRequest(invite({ 'P-Called-Party-ID': '<<<' }, '101'), '101')).toBeUndefined();
    expect(calledNumberOfRequest(invite({}, '101'), undefined)).toBeUndefined();
  });
});

describe('why a call ended', () => {
  it.each([
    [486, 'busy'],
    [600, 'busy'],
    [404, 'not-found'],
    [484, 'not-found'],
    [480, 'unavailable'],
    [408, 'no-answer'],
    [487, 'cancelled'],
    [603, 'declined'],
    [488, 'incompatible-media'],
    [606, 'incompatible-media'],
    [503, 'server-error'],
    [500, 'server-error'],
    [403, 'rejected'],
  ] as const)('%i → %s', (code, reason) => {
    expect(endReasonForResponse(code)).toBe(reason);
  });

  it('reads Retry-After, with or without a comment', () => {
    expect(retryAfterSeconds('120')).toBe(120);
    expect(retryAfterSeconds('30 (maintenance);duration=60')).toBe(30);
    expect(retryAfterSeconds('soon')).toBeUndefined();
    expect(retryAfterSeconds(undefined)).toBeUndefined();
  });

  it('knows a CANCEL that means another phone answered (RFC 3326)', () => {
    expect(cancelMeansAnsweredElsewhere('SIP;cause=200;text="Call completed elsewhere"')).toBe(true);
    expect(cancelMeansAnsweredElsewhere('SIP;cause=487')).toBe(false);
    expect(cancelMeansAnsweredElsewhere(undefined)).toBe(false);
  });
});

describe('registration refusals', () => {
  it.each([
    [401, 'wrong-password'],
    [407, 'wrong-password'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [503, 'server-busy'],
    [500, 'server-error'],
    [408, 'timeout'],
    [420, 'rejected'],
  ] as const)('%i → %s', (code, reason) => {
    expect(reasonForRegisterResponse(code)).toBe(reason);
  });
});

describe('dialling', () => {
  it('escapes characters a SIP user part cannot carry', () => {
    expect(escapeUserPart('*31#')).toBe('*31%23');
    expect(escapeUserPart('+74951234567')).toBe('+74951234567');
  });
});
