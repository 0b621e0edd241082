/** How long a pass may hold the event loop before it lets waiting requests in. */
const YIELD_AFTER_MS = 10;

/**
 * Runs `fn` over `items`, at most `limit` at a time. Judging from a pass's bulk reads resolves
 * without I/O, so a page of 500 entities would otherwise run as one block of microtasks, and the
 * requests the backend serves meanwhile (the catalog's, the pages') would wait for all of it:
 * after `yieldAfterMs` on the thread the loop lets the event loop run before going on.
 */
export async function forEachLimited<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
  yieldAfterMs: number = YIELD_AFTER_MS,
): Promise<void> {
  let next = 0;
  let since = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++];
        await fn(item);
        if (performance.now() - since > yieldAfterMs) {
          await new Promise(resolve => setImmediate(resolve));
          since = performance.now();
        }
      }
    }),
  );
}
