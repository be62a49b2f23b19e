import { describe, expect, it } from 'vitest';
import { createLogger, memorySink, redact } from '../../../src/main/core/log/logger.ts';

describe('logger', () => {
  it('never writes a secret: password-like keys and Authorization headers are redacted', () => {
    const sink = memorySink();
    const log = createLogger(sink).child('sip');
    log.debug('REGISTER sip:pbx SIP/2.0\r\nAuthorization: Digest username="101", response="abc"\r\nCSeq: 2', {
      password: 'hunter2',
      nested: { authorizationHa1: 'f00', token: 't', ok: 'visible' },
      list: [{ secret: 's' }],
    });
    const text = JSON.stringify(sink.records);
    for (const secret of ['hunter2', 'f00', '"t"', 'response="abc"', '"s"'])
      expect(text).not.toContain(secret);
    expect(text).toContain('visible');
    expect(text).toContain('[redacted]');
    expect(sink.records[0]!.scope).toBe('hotline:sip');
  });

  it('keeps errors readable', () => {
    expect(redact(new Error('boom'))).toMatchObject({ name: 'Error', message: 'boom' });
  });

  it('filters below the minimum level', () => {
    const sink = memorySink();
    const log = createLogger(sink, 'x', 'warn');
    log.info('no');
    log.warn('yes');
    expect(sink.records.map((r) => r.message)).toEqual(['yes']);
  });
});
