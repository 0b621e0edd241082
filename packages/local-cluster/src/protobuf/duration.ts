/** Go's time.Duration text form, as metav1.Duration marshals it to JSON. */

const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

function trimFraction(whole: number, frac: number, digits: number): string {
  const f = String(frac).padStart(digits, '0').replace(/0+$/, '');
  return f ? `${whole}.${f}` : String(whole);
}

/** Formats nanoseconds like Go's Duration.String(): "1h2m3.5s", "150ms", "0s". */
export function formatGoDuration(nanos: number): string {
  if (nanos === 0) return '0s';
  const sign = nanos < 0 ? '-' : '';
  const abs = Math.abs(nanos);
  if (abs < 1e3) return `${sign}${abs}ns`;
  if (abs < 1e6)
    return `${sign}${trimFraction(Math.floor(abs / 1e3), abs % 1e3, 3)}µs`;
  if (abs < 1e9)
    return `${sign}${trimFraction(Math.floor(abs / 1e6), abs % 1e6, 6)}ms`;
  const h = Math.floor(abs / 3600e9);
  const m = Math.floor((abs % 3600e9) / 60e9);
  const restNs = abs % 60e9;
  const s = trimFraction(Math.floor(restNs / 1e9), restNs % 1e9, 9);
  if (h) return `${sign}${h}h${m}m${s}s`;
  if (m) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}

/** Parses Go's duration syntax ("1h30m", "2.5s", "-100ms") to nanoseconds. */
export function parseGoDuration(text: string): number {
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(
    text,
  );
  if (!m) {
    if (text === '0') return 0;
    throw new Error(`invalid duration ${JSON.stringify(text)}`);
  }
  let total = 0;
  for (const part of text.matchAll(
    /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g,
  ))
    total += Number(part[1]) * UNITS[part[2]];
  return Math.round(m[1] === '-' ? -total : total);
}
