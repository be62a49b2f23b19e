import { describe, expect, it } from 'vitest';
import { dialLinkInArgs, dialTextFromLink } from '../../src/shared/phone/dial-link.ts';
import { parseDialTarget } from '../../src/shared/phone/dial-target.ts';

describe('telephone links from other programs', () => {
  it.each([
    ['tel:+7-495-123-45-67', '+74951234567'],
    ['TEL:+7(495)123.45.67', '+74951234567'],
    ['tel:+74951234567;ext=12', '+74951234567'],
    ['tel:123-45-67;phone-context=+7-495', '+74951234567'],
    ['tel:1234;phone-context=example.ru', '1234'],
    ['tel:%2B7%20495%20123%2045%2067', '+74951234567'],
    ['tel:8%20(495)%20123-45-67', '84951234567'],
    ['callto:+74951234567', '+74951234567'],
    ['callto://+74951234567/', '+74951234567'],
    ['callto:8 495 123 45 67', '84951234567'],
    ['tel:*97', '*97'],
    ['tel:+7495%ZZ1', '+7495%ZZ1'],
    ['sip:ivan@pbx.example.ru', 'sip:ivan@pbx.example.ru'],
    ['SIPS:101@pbx.example.ru:5061;transport=tls?subject=hi', 'sips:101@pbx.example.ru:5061;transport=tls'],
    ['  tel:+74951234567  ', '+74951234567'],
  ])('%s → %s', (link, text) => {
    expect(dialTextFromLink(link)).toBe(text);
  });

  it('what comes out is what the dial field calls (or refuses with its own reason)', () => {
    const region = { defaultRegion: 'RU' };
    expect(parseDialTarget(dialTextFromLink('tel:8 (495) 123-45-67')!, region)).toMatchObject({
      ok: true,
      target: { kind: 'phone', e164: '+74951234567' },
    });
    expect(parseDialTarget(dialTextFromLink('tel:not-a-number')!, region)).toEqual({
      ok: false,
      error: 'invalid-characters',
    });
  });

  it('ignores anything that is not a telephone link, and cuts what it keeps', () => {
    for (const link of ['https://example.ru', 'mailto:a@b.ru', 'file:///etc/passwd', 'telnet:x', '', 'tel']) {
      expect(dialTextFromLink(link)).toBeUndefined();
    }
    expect(dialTextFromLink(`tel:+7${'1'.repeat(3000)}`)).toBeUndefined();
    expect(dialTextFromLink(`tel:+7${'1'.repeat(100)}`)).toHaveLength(64);
    expect(dialTextFromLink('tel:+7495\u0000\u001b[31m123')).toBe('+7495[31m123');
  });

  it('finds the link among the arguments a second start passes', () => {
    expect(dialLinkInArgs(['/opt/Hotline/hotline', '--no-sandbox', 'tel:+74951234567'])).toBe(
      'tel:+74951234567',
    );
    expect(dialLinkInArgs(['C:\\Hotline\\Hotline.exe', 'callto:+7495'])).toBe('callto:+7495');
    expect(dialLinkInArgs(['hotline', '--flag'])).toBeUndefined();
  });
});
