import { describe, expect, it } from 'vitest';
import { parseDialTarget } from '../../src/shared/phone/dial-target.ts';

const ru = { defaultRegion: 'RU' };

describe('dial target', () => {
  it.each([
    ['8 (495) 123-45-67', '+74951234567'],
    ['+7 495 123 45 67', '+74951234567'],
    ['84951234567', '+74951234567'],
    ['+7(916)123-45-67', '+79161234567'],
    ['8-916-123-45-67', '+79161234567'],
    ['tel:+74951234567', '+74951234567'],
    ['+44 20 7946 0958', '+442079460958'],
    ['4951234567', '+74951234567'],
  ])('normalizes %s to %s', (input, e164) => {
    const result = parseDialTarget(input, ru);
    expect(result).toMatchObject({ ok: true, target: { kind: 'phone', dial: e164, e164 } });
  });

  it('formats the number for display', () => {
    const result = parseDialTarget('8 (495) 123-45-67', ru);
    expect(result.ok && result.target.display).toBe('+7 495 123 45 67');
  });

  it.each(['101', '1000', '*97', '5', '#21'])('dials the internal number %s as typed', (input) => {
    expect(parseDialTarget(input, ru)).toEqual({
      ok: true,
      target: { kind: 'extension', dial: input, display: input },
    });
  });

  it('dials a feature code with a number after it untouched', () => {
    expect(parseDialTarget('*31*84951234567', ru)).toMatchObject({
      ok: true,
      target: { kind: 'extension', dial: '*31*84951234567' },
    });
  });

  it('accepts SIP addresses', () => {
    expect(parseDialTarget('sip:1000@127.0.0.1', ru)).toMatchObject({
      ok: true,
      target: { kind: 'sip-uri', dial: 'sip:1000@127.0.0.1' },
    });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['call me', 'invalid-characters'],
    ['8 (495) 123-45-67; DROP', 'invalid-characters'],
    ['12+34567', 'invalid-characters'],
    ['8 (495) 123', 'invalid-number'],
    ['+7 999 000 00 00 00 00 00', 'too-long'],
    ['sip:nobody', 'invalid-characters'],
  ])('refuses %j before dialing (%s)', (input, error) => {
    expect(parseDialTarget(input, ru)).toEqual({ ok: false, error });
  });

  it('respects the default region', () => {
    expect(parseDialTarget('020 7946 0958', { defaultRegion: 'GB' })).toMatchObject({
      ok: true,
      target: { dial: '+442079460958' },
    });
  });
});

describe('display', () => {
  it('formats public numbers and leaves extensions alone', async () => {
    const { formatForDisplay } = await import('../../src/shared/phone/dial-target.ts');
    expect(formatForDisplay('+74951234567', 'RU')).toBe('+7 495 123 45 67');
    expect(formatForDisplay('84951234567', 'RU')).toBe('+7 495 123 45 67');
    expect(formatForDisplay('1000', 'RU')).toBe('1000');
    expect(formatForDisplay('anonymous', 'RU')).toBe('anonymous');
  });
});
