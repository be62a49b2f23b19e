import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Grammar, TransportState, UserAgent, type Transport } from 'sip.js';
// The parser module itself: the golden cases call it with every start rule SIP.js uses.
import { parse as pegParse } from 'sip.js/lib/grammar/pegjs/dist/grammar.js';

// patches/sip.js+0.21.2.patch (see patches/README.md) swaps SIP.js's size-optimized parser for the
// same grammar built for speed with its tables made once per process, and skips the 100 Trying when
// a 180 Ringing goes out at once. If an upgrade or a failed `patch-package` loses it, say so here;
// and the parser must read every header exactly as the shipped one did.

const sipJsFile = (relative: string) =>
  createRequire(import.meta.url)
    .resolve('sip.js')
    .replace(/index\.js$/, relative);

interface GoldenCase {
  rule: string;
  value: string;
  parsed: string;
}
const golden = JSON.parse(
  readFileSync(new URL('../../../fixtures/sip-grammar-golden.json', import.meta.url), 'utf8'),
) as { cases: GoldenCase[] };

function parseLikeSipJs(value: string, rule: string): string {
  const options: { startRule: string; data?: unknown } = { startRule: rule };
  try {
    pegParse(value, options);
  } catch (error) {
    return `ERR ${(error as Error).message}`;
  }
  return JSON.stringify(options.data);
}

describe('SIP.js grammar patch', () => {
  it('is applied', () => {
    expect(readFileSync(sipJsFile('grammar/pegjs/dist/grammar.js'), 'utf8')).toContain(
      'with optimize "speed" instead of "size"',
    );
    expect(readFileSync(sipJsFile('api/user-agent.js'), 'utf8')).toContain(
      'Hotline patch: when a 180 Ringing follows at once',
    );
  });

  it(`reads all ${golden.cases.length} golden headers exactly as SIP.js 0.21.2's own parser did`, () => {
    expect(golden.cases.length).toBeGreaterThan(60);
    for (const { rule, value, parsed } of golden.cases) {
      expect({ rule, value, parsed: parseLikeSipJs(value, rule) }).toEqual({ rule, value, parsed });
    }
  });

  it('keeps no state between parses: a failure, then other rules, then the first again', () => {
    const first = parseLikeSipJs(
      '"Иван Петров" <sip:+74951234567@pbx.example.com;user=phone>;tag=abc',
      'From',
    );
    expect(parseLikeSipJs('<<garbage', 'From')).toMatch(/^ERR /);
    expect(parseLikeSipJs('7 INVITE', 'CSeq')).toBe('{"value":7,"method":"INVITE"}');
    expect(
      parseLikeSipJs('"Иван Петров" <sip:+74951234567@pbx.example.com;user=phone>;tag=abc', 'From'),
    ).toBe(first);
    const header = Grammar.nameAddrHeaderParse('"Иван Петров" <sip:+74951234567@pbx.example.com>;tag=abc');
    expect(header?.displayName).toBe('Иван Петров');
    expect(header?.getParam('tag')).toBe('abc');
    expect(Grammar.parse('not a uri', 'SIP_URI')).toBe(-1);
  });
});

/** A transport that records what SIP.js writes, so the provisional responses can be read. */
function recordingTransport(sent: string[]) {
  return class implements Transport {
    state = TransportState.Disconnected;
    private readonly listeners: Array<(state: TransportState) => void> = [];
    readonly stateChange = {
      addListener: (listener: (state: TransportState) => void) => void this.listeners.push(listener),
      removeListener: () => undefined,
      on: (listener: (state: TransportState) => void) => void this.listeners.push(listener),
      off: () => undefined,
      once: () => undefined,
    } as unknown as Transport['stateChange'];
    readonly protocol = 'WS';
    onConnect: (() => void) | undefined;
    onDisconnect: ((error?: Error) => void) | undefined;
    onMessage: ((message: string) => void) | undefined;
    connect() {
      this.state = TransportState.Connected;
      for (const listener of this.listeners) listener(this.state);
      return Promise.resolve();
    }
    disconnect() {
      return Promise.resolve();
    }
    dispose() {
      return Promise.resolve();
    }
    isConnected() {
      return this.state === TransportState.Connected;
    }
    send(message: string) {
      sent.push(message);
      return Promise.resolve();
    }
  };
}

function invite(extraHeaders: string[] = []): string {
  return [
    'INVITE sip:101@127.0.0.1:45678;transport=ws SIP/2.0',
    'Via: SIP/2.0/WS 127.0.0.1:8080;branch=z9hG4bK-test-1',
    'From: "Caller" <sip:74950000000@127.0.0.1>;tag=from1',
    'To: <sip:101@127.0.0.1>',
    'Call-ID: patch-test-1@127.0.0.1',
    'CSeq: 1 INVITE',
    'Contact: <sip:74950000000@127.0.0.1:5072>',
    'Max-Forwards: 70',
    ...extraHeaders,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

async function firstResponsesTo(message: string): Promise<string[]> {
  const sent: string[] = [];
  const userAgent = new UserAgent({
    uri: UserAgent.makeURI('sip:101@127.0.0.1'),
    transportConstructor: recordingTransport(sent),
    logLevel: 'error',
    delegate: { onInvite: () => undefined },
  });
  await userAgent.start();
  (userAgent.transport as Transport).onMessage?.(message);
  await new Promise((resolve) => setTimeout(resolve, 10));
  await userAgent.stop();
  return sent.map((response) => response.split('\r\n')[0]!);
}

describe('SIP.js user agent patch', () => {
  it('answers an INVITE with 180 Ringing at once, without a 100 Trying before it', async () => {
    const responses = await firstResponsesTo(invite());
    expect(responses[0]).toBe('SIP/2.0 180 Ringing');
    expect(responses).not.toContain('SIP/2.0 100 Trying');
  });

  it('still sends 100 Trying when the caller requires reliable provisional responses (no automatic 180)', async () => {
    const responses = await firstResponsesTo(invite(['Require: 100rel']));
    expect(responses[0]).toBe('SIP/2.0 100 Trying');
  });
});
