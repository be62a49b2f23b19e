import type { Db } from './database.ts';

// Long writes (a 200,000-row contacts file, a large knowledge base) on the core's one connection,
// without freezing the core: the same process answers INVITEs, keeps the SIP socket alive and serves
// the window. The work is cut into slices of a few tens of milliseconds, each one transaction, and
// the event loop gets a turn between slices. A failure rolls back only the slice it happened in.

/** Work per slice: an INVITE arriving mid-import waits at most about this long (plus a commit). */
export const WRITE_SLICE_MS = 40;

export interface SliceOptions {
  sliceMs?: number;
  /** Runs inside each slice's transaction after its items (e.g. index data gathered over the slice). */
  endSlice?: () => void;
  /** Runs after each slice committed, with how many items are done. */
  committed?: (done: number) => void;
}

/** Calls `write(i)` for i = 0 … count−1, in slices; resolves once every slice has committed. */
export async function writeInSlices(
  db: Db,
  count: number,
  write: (index: number) => void,
  options: SliceOptions = {},
): Promise<void> {
  const sliceMs = options.sliceMs ?? WRITE_SLICE_MS;
  let next = 0;
  while (next < count) {
    const sliceStart = performance.now();
    db.transaction(() => {
      do write(next++);
      while (next < count && performance.now() - sliceStart < sliceMs);
      options.endSlice?.();
    })();
    options.committed?.(next);
    if (next < count) await new Promise<void>((resolveTurn) => setImmediate(resolveTurn));
  }
}
