/** Instants of the replayed history as GitHub writes them. */

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** An instant as GitHub writes it in the author's offset (`2026-01-02T15:04:05+05:30`). */
export function withOffset(ms: number, offset: string): string {
  const sign = offset[0] === '-' ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  const local = new Date(ms + sign * (h * 60 + m) * 60_000);
  return `${local.toISOString().slice(0, 19)}${
    offset === '+00:00' ? 'Z' : offset
  }`;
}

/** UTC, to the second (`2026-01-02T09:34:05Z`). */
export const utc = (ms: number) =>
  new Date(ms).toISOString().replace('.000', '');
/** Truncated to whole seconds, as GitHub stores times. */
export const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;
