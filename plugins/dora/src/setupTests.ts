import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';
import { cloneElement, createElement, isValidElement, ReactNode } from 'react';

// jsdom does no layout, so recharts' ResponsiveContainer would measure 0×0 and
// draw nothing; give charts a fixed size instead, as a browser would.
jest.mock('recharts', () => {
  const actual = jest.requireActual('recharts');
  return {
    ...actual,
    ResponsiveContainer: (props: { children: ReactNode; height?: number }) =>
      createElement(
        'div',
        { style: { width: 600, height: props.height ?? 240 } },
        isValidElement(props.children)
          ? cloneElement(props.children as any, {
              width: 600,
              height: props.height ?? 240,
            })
          : props.children,
      ),
  };
});

// Pages render MUI tables and recharts SVG in jsdom, which takes seconds per
// test on the shared 2-core machine when suites run in parallel; the defaults
// (1 s for findBy, 5 s per test) fail there although nothing is wrong.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);
