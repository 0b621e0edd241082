import { KeptAnswers } from './KeptAnswers';

function setup(options: { ttlMs?: number; maxEntries?: number } = {}) {
  let version = 0;
  let now = 1_000;
  let computed = 0;
  const answers = new KeptAnswers<string>({
    version: () => version,
    now: () => now,
    ...options,
  });
  const ask = (key: string) =>
    answers.get(key, async () => `${key}#${++computed}`);
  return {
    answers,
    ask,
    bump: () => version++,
    advance: (ms: number) => (now += ms),
    computed: () => computed,
  };
}

const flush = () => new Promise(resolve => setImmediate(resolve));

describe('KeptAnswers', () => {
  it('answers a key again from what it kept while nothing changed', async () => {
    const { ask, computed } = setup();
    expect(await ask('org')).toBe('org#1');
    expect(await ask('org')).toBe('org#1');
    expect(await ask('team-a')).toBe('team-a#2');
    expect(computed()).toBe(2);
  });

  it('computes again once the data changed', async () => {
    const { ask, bump } = setup();
    expect(await ask('org')).toBe('org#1');
    bump();
    expect(await ask('org')).toBe('org#2');
    expect(await ask('org')).toBe('org#2');
  });

  it('past the TTL hands out the kept answer while its successor is computed, once', async () => {
    const { ask, advance, computed } = setup({ ttlMs: 30_000 });
    expect(await ask('org')).toBe('org#1');
    advance(29_999);
    expect(await ask('org')).toBe('org#1');
    advance(1);
    // Stale but unchanged: answered at once, renewed in the background (one computation).
    await expect(Promise.all([ask('org'), ask('org')])).resolves.toEqual([
      'org#1',
      'org#1',
    ]);
    await flush();
    expect(computed()).toBe(2);
    expect(await ask('org')).toBe('org#2');
  });

  it('waits for a new answer when the kept one is more than two TTLs old', async () => {
    const { ask, advance } = setup({ ttlMs: 30_000 });
    expect(await ask('org')).toBe('org#1');
    advance(60_000);
    expect(await ask('org')).toBe('org#2');
  });

  it('never lets a background renewal replace an answer computed after a change', async () => {
    let version = 0;
    let now = 0;
    let release: (value: string) => void = () => {};
    const answers = new KeptAnswers<string>({
      version: () => version,
      now: () => now,
      ttlMs: 1_000,
    });
    expect(await answers.get('org', async () => 'first')).toBe('first');
    now = 1_500;
    const renewal = new Promise<string>(resolve => {
      release = resolve;
    });
    expect(await answers.get('org', () => renewal)).toBe('first');
    version++; // an ingest lands while the renewal runs
    expect(await answers.get('org', async () => 'after the ingest')).toBe(
      'after the ingest',
    );
    release('renewed before the ingest');
    await flush();
    expect(await answers.get('org', async () => 'again')).toBe(
      'after the ingest',
    );
  });

  it('shares one computation between concurrent askers', async () => {
    let release: (value: string) => void = () => {};
    let calls = 0;
    const answers = new KeptAnswers<string>({ version: () => 0 });
    const compute = () => {
      calls++;
      return new Promise<string>(resolve => {
        release = resolve;
      });
    };
    const first = answers.get('org', compute);
    const second = answers.get('org', compute);
    release('answer');
    await expect(Promise.all([first, second])).resolves.toEqual([
      'answer',
      'answer',
    ]);
    expect(calls).toBe(1);
  });

  it('does not keep a failed computation', async () => {
    const answers = new KeptAnswers<string>({ version: () => 0 });
    await expect(
      answers.get('org', () => Promise.reject(new Error('database gone'))),
    ).rejects.toThrow('database gone');
    await expect(answers.get('org', async () => 'ok')).resolves.toBe('ok');
  });

  it('does not hand out an answer computed under an older version', async () => {
    let version = 0;
    let release: (value: string) => void = () => {};
    const answers = new KeptAnswers<string>({ version: () => version });
    const slow = answers.get(
      'org',
      () =>
        new Promise<string>(resolve => {
          release = resolve;
        }),
    );
    version++; // an ingest lands while the first read runs
    const fresh = answers.get('org', async () => 'after the ingest');
    release('before the ingest');
    expect(await slow).toBe('before the ingest');
    expect(await fresh).toBe('after the ingest');
    expect(await answers.get('org', async () => 'again')).toBe(
      'after the ingest',
    );
  });

  it('forgets the oldest answers beyond its bound', async () => {
    const { answers, ask, computed } = setup({ maxEntries: 2 });
    await ask('a');
    await ask('b');
    await ask('c');
    expect(answers.size).toBe(2);
    expect(await ask('c')).toBe('c#3');
    expect(await ask('a')).toBe('a#4');
    expect(computed()).toBe(4);
  });
});
