import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The catalog-wide page renders a large MUI table in jsdom, which takes seconds per test when
// suites run in parallel on a 2-core machine; the defaults (1 s for findBy, 5 s per test)
// fail there although nothing is wrong.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);
