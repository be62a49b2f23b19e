import { describe, expect, it } from 'vitest';
import { maskNumber } from '../../src/shared/phone/mask-number.ts';

describe('maskNumber', () => {
  it.each<[string, string, string?]>([
    // Whole numbers: country and area code, then the last two digits.
    ['+74951234567', '+7 495 ***-**-67'],
    ['84951234567', '+7 495 ***-**-67'],
    ['8 (495) 123-45-67', '+7 495 ***-**-67'],
    ['tel:+74951234567', '+7 495 ***-**-67'],
    ['+79161112233', '+7 916 ***-**-33'],
    ['+12125550123', '+1 212 ***-**23'],
    ['+442079460958', '+44 20 ****-**58'],
    ['+33612345678', '+33 6 **-**-**-78'],
    ['+8613912345678', '+86 139 ****-**78'],
    ['2125550123', '+1 212 ***-**23', 'US'],
    // Internal extensions (up to four digits) are colleagues: shown as they are.
    ['101', '101'],
    ['1234', '1234'],
    ['*97', '*97'],
    // Short local numbers and anything unparseable: only the last two digits.
    ['12345', '***45'],
    ['123456', '****56'],
    ['1234567', '*****67'],
    ['12345678', '1*****78'],
    ['+999123456789', '+999*******89'],
    ['*31*84951234567', '*31*8********67'],
    // SIP URIs: the number inside, or the user name's first letter.
    ['sip:+74951234567@pbx.example.com;user=phone', '+7 495 ***-**-67'],
    ['sips:84951234567@pbx', '+7 495 ***-**-67'],
    ['sip:101@pbx', '101'],
    ['sip:alice@example.com', 'sip:a***@example.com'],
    ['sip:%2B74951234567@pbx', '+7 495 ***-**-67'],
    // Nothing to hide.
    ['', ''],
    ['   ', ''],
    ['anonymous', 'anonymous'],
    ['Anonymous', 'Anonymous'],
    ['sip:anonymous@anonymous.invalid', 'anonymous'],
    ['unknown', 'unknown'],
    // Not a number at all.
    ['Иван', 'И***'],
    ['alice', 'a***'],
  ])('%j → %j', (input, expected, region) => {
    expect(maskNumber(input, region ? { defaultRegion: region } : {})).toBe(expected);
  });

  it('never shows a full number: at least three digits are hidden beyond an extension', () => {
    for (const input of [
      '12345',
      '+74951234567',
      '84951234567',
      '+12125550123',
      '+33612345678',
      '99999999999',
    ]) {
      const shown = maskNumber(input).replace(/\D/g, '');
      const all = input.replace(/\D/g, '');
      expect(all.length - shown.length, input).toBeGreaterThanOrEqual(3);
      expect(maskNumber(input)).toContain('*');
    }
  });
});
