import type { ReactNode } from 'react';

/** Sorted, non-overlapping ranges inside the text (the core's are; a stale or odd one is dropped). */
export function normalizeRanges(
  length: number,
  ranges: ReadonlyArray<readonly [number, number]>,
): Array<[number, number]> {
  const sorted = ranges
    .map(([start, end]) => [Math.max(0, start), Math.min(length, end)] as [number, number])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const range of sorted) {
    const last = out.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else out.push([...range]);
  }
  return out;
}

/** Text with the given [start, end) ranges in <mark>: the words the search matched. */
export function Highlighted({
  text,
  ranges,
}: {
  text: string;
  ranges: ReadonlyArray<readonly [number, number]>;
}) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of normalizeRanges(text.length, ranges)) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={start} className="kb-mark">
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
