import { describe, expect, it } from 'vitest';
import { cleanDisplayName, stripBidiControls } from '../../../../src/main/core/phone/display-name.ts';
import { firstHeaderValue, splitHeaderList } from '../../../../src/main/core/phone/sip-header-list.ts';

describe('header lists', () => {
  it('splits on commas between values, not inside a quoted name or <…>', () => {
    expect(splitHeaderList('"Иванов, Иван" <sip:+74951234569@example.com>, <tel:+74951234569>')).toEqual([
      '"Иванов, Иван" <sip:+74951234569@example.com>',
      '<tel:+74951234569>',
    ]);
    expect(splitHeaderList('<sip:a@b;x=1,2>;reason=unconditional , <sip:c@d>')).toEqual([
      '<sip:a@b;x=1,2>;reason=unconditional',
      '<sip:c@d>',
    ]);
    // An escaped quote does not end the quoted string.
    expect(splitHeaderList('"a \\", b" <sip:a@b>, <sip:c@d>')).toEqual(['"a \\", b" <sip:a@b>', '<sip:c@d>']);
  });

  it('drops empty values and gives undefined for nothing', () => {
    expect(splitHeaderList(' , <sip:a@b>,, ')).toEqual(['<sip:a@b>']);
    expect(firstHeaderValue(undefined)).toBeUndefined();
    expect(firstHeaderValue(' ')).toBeUndefined();
    expect(firstHeaderValue('"Support" <sip:100@pbx>, <tel:+100>')).toBe('"Support" <sip:100@pbx>');
  });
});

describe('display names', () => {
  it('undoes quoted-pair escapes: \\" and \\\\', () => {
    expect(cleanDisplayName('J Rosenberg \\\\\\"')).toBe('J Rosenberg \\"');
    expect(cleanDisplayName('ООО \\"Ромашка\\"')).toBe('ООО "Ромашка"');
  });

  it('strips every bidi control, so a right-to-left override cannot disguise a name', () => {
    const controls = [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
    ];
    expect(stripBidiControls(`a${controls.join('')}b`)).toBe('ab');
    expect(cleanDisplayName('Иван\u202Emoc.live')).toBe('Иванmoc.live');
    // Arabic and Hebrew letters themselves are names, not controls.
    expect(cleanDisplayName('محمد שלום')).toBe('محمد שלום');
  });

  it('gives undefined for nothing left, and removes stray surrounding quotes', () => {
    expect(cleanDisplayName(undefined)).toBeUndefined();
    expect(cleanDisplayName('  ')).toBeUndefined();
    expect(cleanDisplayName('\u202E')).toBeUndefined();
    expect(cleanDisplayName('"Support"')).toBe('Support');
  });
});
