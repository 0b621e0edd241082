import { MAX_FOLLOW_UPS, NO_FOLLOW_UPS, nextFollowUp } from './followUps';

describe('nextFollowUp', () => {
  const judged = { pending: 0, arrived: 0, passSkipped: false };

  it('follows a pass that judged arrivals or left checks pending, not a settled one', () => {
    expect(
      nextFollowUp(NO_FOLLOW_UPS, { ...judged, arrived: 3 }, 30_000),
    ).toEqual({ state: { inARow: 1, idleInARow: 0 }, delayMs: 30_000 });
    expect(
      nextFollowUp(NO_FOLLOW_UPS, { ...judged, pending: 1 }, 30_000).delayMs,
    ).toBe(30_000);
    expect(nextFollowUp({ inARow: 4, idleInARow: 2 }, judged, 30_000)).toEqual({
      state: NO_FOLLOW_UPS,
    });
  });

  it('doubles the wait after each pass in a row that found nothing to judge', () => {
    const idle = { pending: 5, arrived: 0, passSkipped: true };
    let state = nextFollowUp(
      NO_FOLLOW_UPS,
      { ...idle, passSkipped: false },
      30_000,
    ).state;
    const delays: (number | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      const next = nextFollowUp(state, idle, 30_000);
      delays.push(next.delayMs);
      state = next.state;
    }
    expect(delays).toEqual([60_000, 120_000, 240_000, 480_000]);
    // A pass that judged something (conformance answered) brings the wait back.
    expect(
      nextFollowUp(state, { ...idle, passSkipped: false }, 30_000).delayMs,
    ).toBe(30_000);
  });

  it(`stops after ${MAX_FOLLOW_UPS} follow-ups in a row, until a pass settles`, () => {
    let state = NO_FOLLOW_UPS;
    const delays: (number | undefined)[] = [];
    for (let i = 0; i < MAX_FOLLOW_UPS + 2; i++) {
      const next = nextFollowUp(
        state,
        { pending: 1, arrived: 2, passSkipped: false },
        1000,
      );
      delays.push(next.delayMs);
      state = next.state;
    }
    expect(delays.filter(d => d !== undefined)).toHaveLength(MAX_FOLLOW_UPS);
    expect(delays.slice(MAX_FOLLOW_UPS)).toEqual([undefined, undefined]);
    expect(
      nextFollowUp(state, { pending: 0, arrived: 0, passSkipped: true }, 1000),
    ).toEqual({ state: NO_FOLLOW_UPS });
  });
});
