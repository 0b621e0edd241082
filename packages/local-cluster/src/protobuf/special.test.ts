import { formatGoDuration, parseGoDuration } from './duration';
import { prefersProtobuf } from './negotiate';
import { SPECIAL_TYPES } from './special';

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';

describe('Go durations', () => {
  it.each([
    [0, '0s'],
    [1, '1ns'],
    [1500, '1.5µs'],
    [150e6, '150ms'],
    [1.5e9, '1.5s'],
    [90e9, '1m30s'],
    [3600e9, '1h0m0s'],
    [3723.25e9, '1h2m3.25s'],
    [-2e9, '-2s'],
  ])('%d ns is %s, and back', (nanos, text) => {
    expect(formatGoDuration(nanos)).toBe(text);
    expect(parseGoDuration(text)).toBe(nanos);
  });

  it('parses the forms Go accepts and rejects the rest', () => {
    expect(parseGoDuration('1h30m')).toBe(5400e9);
    expect(parseGoDuration('2us')).toBe(2000);
    expect(parseGoDuration('.5s')).toBe(0.5e9);
    expect(() => parseGoDuration('5')).toThrow('invalid duration');
    expect(() => parseGoDuration('1d')).toThrow('invalid duration');
  });
});

describe('times', () => {
  const time = SPECIAL_TYPES[`${META}.Time`];
  const micro = SPECIAL_TYPES[`${META}.MicroTime`];

  it('writes Time in whole seconds and MicroTime with six digits, UTC', () => {
    expect(time.toJson({ seconds: 1733396400, nanos: 999 })).toBe(
      '2024-12-05T11:00:00Z',
    );
    expect(micro.toJson({ seconds: 1733396400, nanos: 1500 })).toBe(
      '2024-12-05T11:00:00.000001Z',
    );
  });

  it('treats the zero time as absent (Go writes null)', () => {
    expect(time.toJson({})).toBeUndefined();
    expect(micro.toJson({ seconds: 0, nanos: 0 })).toBeUndefined();
  });

  it('reads offsets and fractions', () => {
    expect(time.fromJson('2024-12-05T12:00:00+01:00')).toEqual({
      seconds: 1733396400,
      nanos: 0,
    });
    expect(micro.fromJson('2024-12-05T11:00:00.123456Z')).toEqual({
      seconds: 1733396400,
      nanos: 123456000,
    });
    expect(() => time.fromJson('yesterday')).toThrow('invalid time');
  });
});

describe('Accept negotiation', () => {
  it.each([
    ['application/vnd.kubernetes.protobuf,application/json', true],
    ['application/vnd.kubernetes.protobuf, */*', true],
    ['application/json, application/vnd.kubernetes.protobuf', false],
    ['application/json;q=0.5, application/vnd.kubernetes.protobuf', true],
    [
      'application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json',
      false,
    ],
    ['application/json;as=Table;v=v1;g=meta.k8s.io,application/json', false],
    ['*/*', false],
    ['', false],
    [undefined, false],
  ])('%s → protobuf %s', (accept, want) => {
    expect(prefersProtobuf(accept)).toBe(want);
  });
});
