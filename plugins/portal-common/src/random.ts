/**
 * A small seeded pseudo-random source, so generated demo data, fixtures and bench catalogs
 * are identical on every machine and run (Math.random is never used).
 *
 * @public
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `length` lowercase hex characters. */
  hex(length: number): string;
}

/**
 * 32-bit FNV-1a hash of a string; turns seeds like `"42:component:default/x"` into independent
 * streams, so adding a service never changes the history generated for another.
 *
 * @public
 */
export function hashSeed(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Mulberry32: tiny, fast, and statistically good enough for demo data and fixtures (not for
 * anything security related). Uniform numbers in [0, 1); the seed is taken as an unsigned
 * 32-bit integer, so `seed ^ t` style seeds work.
 *
 * @public
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A {@link Random} over {@link mulberry32}; string seeds are hashed with {@link hashSeed}.
 *
 * @public
 */
export function createRandom(seed: number | string): Random {
  const next = mulberry32(typeof seed === 'string' ? hashSeed(seed) : seed);
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    pick: items => items[Math.floor(items.length * next())],
    hex: length => {
      let out = '';
      while (out.length < length) {
        out += Math.floor(next() * 0x10000)
          .toString(16)
          .padStart(4, '0');
      }
      return out.slice(0, length);
    },
  };
}
