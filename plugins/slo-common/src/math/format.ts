/** Formats a fraction as a short percentage for messages: 0.8 → "80%", 0.1234 → "12.3%". */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) {
    return fraction > 0 ? '∞%' : '-∞%';
  }
  // Number() drops a trailing ".0" and turns -0 into 0.
  return `${Number((fraction * 100).toFixed(1)) + 0}%`;
}

/** Describes a remaining budget in words, including overspending. */
export function describeBudget(remaining: number): string {
  if (remaining === -Infinity) {
    return 'has exhausted its error budget (a 100% objective allows no failures)';
  }
  const consumed = formatPercent(1 - remaining);
  if (remaining < 0) {
    return `has consumed ${consumed} of its error budget (overspent by ${formatPercent(
      -remaining,
    )})`;
  }
  return `has consumed ${consumed} of its error budget (${formatPercent(
    remaining,
  )} remaining)`;
}
