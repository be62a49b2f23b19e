import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Grammar } from 'sip.js';

// patches/sip.js+0.21.2.patch makes SIP.js decode its parser tables once instead of on every parse
// (about 2 ms per SIP message). If an upgrade or a failed `patch-package` loses it, say so here.
describe('SIP.js grammar patch', () => {
  it('is applied', () => {
    const file = createRequire(import.meta.url)
      .resolve('sip.js')
      .replace(/index\.js$/, 'grammar/pegjs/dist/grammar.js');
    expect(readFileSync(file, 'utf8')).toContain('peg$bytecodeCache');
  });

  it('still parses, the same way, call after call', () => {
    for (let i = 0; i < 3; i++) {
      const header = Grammar.nameAddrHeaderParse(
        '"Иван Петров" <sip:+74951234567@pbx.example.com;user=phone>;tag=abc',
      );
      expect(header?.displayName).toBe('Иван Петров');
      expect(header?.uri.user).toBe('+74951234567');
      expect(header?.getParam('tag')).toBe('abc');
    }
    expect(Grammar.parse('not a uri', 'SIP_URI')).toBe(-1);
  });
});
