import { forEachLimited } from './forEachLimited';

function busy(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // the CPU-bound judging of one entity
  }
}

describe('forEachLimited', () => {
  it('visits every item once, at most `limit` at a time', async () => {
    const seen: number[] = [];
    let running = 0;
    let most = 0;
    await forEachLimited(
      Array.from({ length: 50 }, (_, i) => i),
      4,
      async i => {
        running++;
        most = Math.max(most, running);
        await new Promise(r => setTimeout(r, 1));
        seen.push(i);
        running--;
      },
    );
    expect([...seen].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
    expect(most).toBe(4);
  });

  it('lets a waiting timer run within a long run of work that never waits for I/O', async () => {
    // 200 items of 1 ms each: one 200 ms block without the yield.
    const started = performance.now();
    let firedAfter: number | undefined;
    setTimeout(() => {
      firedAfter = performance.now() - started;
    }, 0);
    await forEachLimited(
      Array.from({ length: 200 }, (_, i) => i),
      4,
      async () => busy(1),
      10,
    );
    const total = performance.now() - started;
    expect(total).toBeGreaterThan(150);
    expect(firedAfter).toBeDefined();
    expect(firedAfter!).toBeLessThan(total / 3);
  });
});
