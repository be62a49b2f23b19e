// Parsing a 20 MB file takes about a second; the core also answers the phone. Long loops call
// `turn()` often: it gives the event loop a turn once PARSE_SLICE_MS of work has passed.

export const PARSE_SLICE_MS = 20;

export function eventLoopTurns(sliceMs = PARSE_SLICE_MS): { turn(): Promise<void> | undefined } {
  let sliceStart = performance.now();
  return {
    turn() {
      if (performance.now() - sliceStart < sliceMs) return undefined;
      return new Promise<void>((resolveTurn) =>
        setImmediate(() => {
          sliceStart = performance.now();
          resolveTurn();
        }),
      );
    },
  };
}
