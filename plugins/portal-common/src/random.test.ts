import { createRandom, hashSeed, mulberry32 } from './random';

// Demo rollups, dora fixtures and the bench catalogs are generated from these sequences: a
// change to any value here changes the demo data and makes bench runs incomparable.
describe('mulberry32', () => {
  it.each([
    [
      20,
      [
        0.7526106622535735, 0.38500334043055773, 0.5976068757008761,
        0.287116238148883, 0.4274260352831334,
      ],
    ],
    [
      1,
      [
        0.6270739405881613, 0.002735721180215478, 0.5274470399599522,
        0.9810509674716741, 0.9683778982143849,
      ],
    ],
    [
      // Negative seeds (demo rollups seed with `hash ^ t`) are read as unsigned 32-bit.
      -123456789,
      [
        0.9335711891762912, 0.2907314267940819, 0.865351774264127,
        0.04375693411566317, 0.5729067635256797,
      ],
    ],
  ])('seed %i starts with the pinned values', (seed, expected) => {
    const next = mulberry32(seed);
    expect(Array.from({ length: 5 }, next)).toEqual(expected);
  });

  it('reads a seed as its unsigned 32-bit value', () => {
    const a = mulberry32(-123456789);
    const b = mulberry32(-123456789 >>> 0);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('stays in [0, 1)', () => {
    const next = mulberry32(0);
    for (let i = 0; i < 10_000; i++) {
      const x = next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});

describe('createRandom', () => {
  it('hashes string seeds with FNV-1a', () => {
    expect(hashSeed('')).toBe(0x811c9dc5);
    expect(hashSeed('42:component:default/payments')).toBe(1832563873);
  });

  it('pins the helpers built on the sequence', () => {
    const r = createRandom('42:component:default/payments');
    expect([
      r.next(),
      r.between(2, 15),
      r.int(1, 6),
      r.pick(['a', 'b', 'c']),
      r.hex(40),
    ]).toEqual([
      0.13631827314384282,
      2.918291046284139,
      4,
      'b',
      'ddb165655529745526d05c2edabe2df85a9c840a',
    ]);
    const n = createRandom(7);
    expect([n.next(), n.next(), n.hex(8)]).toEqual([
      0.011704753153026104,
      0.06195825757458806,
      'fa16b2f3',
    ]);
  });

  it('is mulberry32 underneath', () => {
    const r = createRandom(20);
    const next = mulberry32(20);
    expect([r.next(), r.next()]).toEqual([next(), next()]);
  });
});
