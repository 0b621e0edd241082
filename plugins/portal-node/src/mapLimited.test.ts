import { mapLimited } from './mapLimited';

describe('mapLimited', () => {
  it('keeps the items’ order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const delays = [30, 5, 20, 1, 15, 10, 2];
    const out = await mapLimited(delays, 3, async ms => {
      running++;
      most = Math.max(most, running);
      await new Promise(r => setTimeout(r, ms));
      running--;
      return ms * 2;
    });
    expect(out).toEqual(delays.map(ms => ms * 2));
    expect(most).toBe(3);
  });

  it('answers an empty list without calling fn, and passes a failure on', async () => {
    const fn = jest.fn();
    await expect(mapLimited([], 4, fn)).resolves.toEqual([]);
    expect(fn).not.toHaveBeenCalled();
    await expect(
      mapLimited([1, 2], 2, async n => {
        if (n === 2) throw new Error('catalog: 503');
        return n;
      }),
    ).rejects.toThrow('catalog: 503');
  });
});
