/*
 * jsdom has no layout and no ResizeObserver, which recharts'
 * ResponsiveContainer needs to learn its size. This stand-in reports a fixed
 * box as soon as an element is observed, so charts render real SVG (axes,
 * lines, reference lines, legends) in component tests.
 */
export function installFixedSizeResizeObserver(
  size: { width: number; height: number } = { width: 800, height: 260 },
): void {
  if ('ResizeObserver' in globalThis) return;
  class FixedSizeResizeObserver {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      this.callback(
        [
          {
            target,
            contentRect: { ...size } as DOMRectReadOnly,
          } as ResizeObserverEntry,
        ],
        this as unknown as ResizeObserver,
      );
    }
    unobserve() {}
    disconnect() {}
  }
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver =
    FixedSizeResizeObserver;
}
