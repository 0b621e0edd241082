import '@testing-library/jest-dom';

/*
 * jsdom has no layout and no ResizeObserver, which recharts'
 * ResponsiveContainer needs to learn its size. This stand-in reports a fixed
 * 800×260 box as soon as an element is observed, so charts render real SVG
 * (axes, lines, reference lines, legends) in component tests.
 */
class FixedSizeResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback(
      [
        {
          target,
          contentRect: { width: 800, height: 260 } as DOMRectReadOnly,
        } as ResizeObserverEntry,
      ],
      this as unknown as ResizeObserver,
    );
  }
  unobserve() {}
  disconnect() {}
}

if (!('ResizeObserver' in globalThis)) {
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver =
    FixedSizeResizeObserver;
}
